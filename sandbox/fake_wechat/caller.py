"""Who calls a token-checked endpoint: the fake, the account its access_token belongs to, and the time."""

from aiohttp import web

from sandbox.fake_wechat.context import FAKE, FakeContext

OK = {"errcode": 0, "errmsg": "ok"}


def authorized(request: web.Request) -> tuple[FakeContext, str, float]:
    """The fake, the calling account (its access_token checked: 41001/40014/40001/42001) and the time."""
    fake = request.app[FAKE]
    now = fake.clock.time()
    return fake, fake.state.authorize(request.query.get("access_token"), now).app_id, now
