"""WeChat's content endpoints: temporary media, permanent materials, drafts, publishing, comments."""

from aiohttp import web


def add_routes(app: web.Application) -> None:
    """Nothing yet."""
