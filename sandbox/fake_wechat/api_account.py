"""WeChat's account endpoints: base, conditional menus, followers, tags, blacklist, QR images, short links."""

from aiohttp import web


def add_routes(app: web.Application) -> None:
    """Nothing yet."""
