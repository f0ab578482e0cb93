"""The baseline: the least an aiohttp server can do for a WeChat callback (read it, answer ``success``).

Run as ``python -m bench.bare_server --port N``; same loop (uvloop) and no access log, like the gateway.
"""

import argparse

import uvloop
from aiohttp import web


async def callback(request: web.Request) -> web.Response:
    await request.read()  # a real server must at least take the body off the wire
    return web.Response(text="success")


async def ready(_request: web.Request) -> web.Response:
    return web.Response(text="ready")


def create_app() -> web.Application:
    app = web.Application()
    app.router.add_post("/wechat/{app_id}", callback)
    app.router.add_get("/readyz", ready)
    app.router.add_get("/v1/{tail:.*}", callback)  # the token scenario's request shape
    app.router.add_get("/oauth/{tail:.*}", callback)  # the web scenarios'
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    web.run_app(create_app(), host=args.host, port=args.port, access_log=None, print=None, loop=uvloop.new_event_loop())


if __name__ == "__main__":
    main()
