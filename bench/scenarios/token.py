"""The token service (``python -m services.token``) answering GET access-token from memory.

The fake WeChat (``python -m sandbox.fake_wechat``) issues the token once at
start; then every request is served from the replica's in-memory copy: the
bearer check, the lookup and the JSON answer are what is measured.
"""

import secrets
from collections.abc import Callable
from pathlib import Path

from bench.callbacks import BenchAccount
from bench.measure import Measurement, RunConfig, measure
from bench.servers import ServerProcess, base_env, free_port, python_argv, running

NAME = "token"
LABEL = "token GET"
REDIS_URL = "redis://127.0.0.1:6379/0"


def get_writer(app_id: str) -> Callable[[Path, int, str], int]:
    """``write(path, count, tag)``: ``count`` GET lines for the account's access token, all the same."""

    def write(path: Path, count: int, _tag: str) -> int:
        line = f"/v1/apps/{app_id}/access-token\n"
        path.write_text(line * count, encoding="ascii")
        return count

    return write


def run(cfg: RunConfig) -> Measurement:
    account = BenchAccount.random()
    api_key = secrets.token_hex(16)
    fake_port, port = free_port(), free_port()
    fake = ServerProcess(
        "fake-wechat",
        python_argv("-m", "sandbox.fake_wechat"),
        env={**base_env(), "PORT": str(fake_port), "FAKE_WECHAT_APPS": f"{account.app_id}:{account.app_secret}"},
        log_path=cfg.logdir / "fake-wechat.log",
    )
    server = ServerProcess(
        NAME,
        python_argv("-m", "services.token"),
        env={
            **base_env(),
            **account.env(),
            "REDIS_URL": REDIS_URL,
            "WECHAT_API_BASE": f"http://127.0.0.1:{fake_port}",
            "INTERNAL_API_KEY": api_key,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "LOG_LEVEL": "WARNING",
        },
        log_path=cfg.logdir / "token.log",
    )
    with running(fake), running(server):
        fake.wait_ready(f"http://127.0.0.1:{fake_port}/_control/settings", timeout=20)
        server.wait_ready(f"http://127.0.0.1:{port}/readyz", timeout=30)
        return measure(
            NAME, LABEL, server, f"http://127.0.0.1:{port}/", get_writer(account.app_id), cfg,
            wrk_env={"BENCH_AUTHORIZATION": f"Bearer {api_key}"}, distinct_requests=False,
        )  # fmt: skip
