"""The floor of the proxy's added latency: the least an aiohttp server can do to pass a call on to
WeChat (same loop, uvloop; one client session with keep-alive; no checks, counts or audit).

Run as ``python -m bench.bare_forwarder --port N --upstream URL --token T``: a request to
``/v1/apps/{app_id}/wechat/{path}`` goes to ``URL/{path}`` with its query, body and content type,
plus ``access_token=T``; WeChat's status, content type and body come back as they are.
"""

import argparse
from collections.abc import AsyncIterator

import aiohttp
import uvloop
from aiohttp import hdrs, web

SESSION = web.AppKey("session", aiohttp.ClientSession)


def create_app(upstream: str, token: str) -> web.Application:
    app = web.Application()

    async def session(app: web.Application) -> AsyncIterator[None]:
        app[SESSION] = aiohttp.ClientSession()
        yield
        await app[SESSION].close()

    async def forward(request: web.Request) -> web.Response:
        body = await request.read()
        headers = {hdrs.CONTENT_TYPE: request.content_type} if body else {}
        async with request.app[SESSION].request(
            request.method, f"{upstream}/{request.match_info['path']}", data=body or None, headers=headers,
            params=[*request.query.items(), ("access_token", token)],
        ) as answer:  # fmt: skip
            return web.Response(status=answer.status, body=await answer.read(), content_type=answer.content_type)

    async def ready(_request: web.Request) -> web.Response:
        return web.Response(text="ready")

    app.cleanup_ctx.append(session)
    app.router.add_route("*", "/v1/apps/{app_id}/wechat/{path:.*}", forward)
    app.router.add_get("/readyz", ready)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--token", required=True)
    args = parser.parse_args()
    web.run_app(
        create_app(args.upstream.rstrip("/"), args.token), host=args.host, port=args.port, access_log=None,
        print=None, loop=uvloop.new_event_loop(),
    )  # fmt: skip


if __name__ == "__main__":
    main()
