"""The hand-glued peer (bench/peers/wechatpy_pipeline.py: aiohttp + wechatpy 1.8.18 + a Redis
claim + a confirmed aio-pika publish) under the gateway's load, in its own venv (.venv-peer).

It publishes persistent messages to its own durable topic exchange; a durable classic queue
bound to it stores them, as the gateway's catch queue does, and after the run it must hold an
event for every 200 the peer answered.
"""

import hashlib
import os
import time
import urllib.parse
from dataclasses import replace

from bench.broker import CatchQueue
from bench.callbacks import BenchAccount, location_callback_writer
from bench.measure import Measurement, RunConfig, measure
from bench.scenarios.gateway import check_queue, delete_quietly, sample_log
from bench.servers import REPO_ROOT, ServerError, ServerProcess, base_env, free_port, running

NAME = "peer"
LABEL = "hand-glued peer"
EXCHANGE = "bench.peer.events"
SCRIPT = REPO_ROOT / "bench" / "peers" / "wechatpy_pipeline.py"
# `make bench` builds it from bench/peer-requirements.txt; PEER_PYTHON points elsewhere.
PEER_PYTHON = os.environ.get("PEER_PYTHON", str(REPO_ROOT / ".venv-peer" / "bin" / "python"))

AMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def verification_url(port: int, account: BenchAccount) -> str:
    """A signed URL verification (GET): the peer has no health endpoint, this answers 200 once it serves."""
    timestamp, nonce = str(int(time.time())), "benchready"
    signature = hashlib.sha1("".join(sorted([account.token, timestamp, nonce])).encode()).hexdigest()
    query = urllib.parse.urlencode({"signature": signature, "timestamp": timestamp, "nonce": nonce, "echostr": "ok"})
    return f"http://127.0.0.1:{port}/wechat/{account.app_id}?{query}"


def run(cfg: RunConfig) -> Measurement:
    if not os.access(PEER_PYTHON, os.X_OK):
        raise ServerError(f"no peer interpreter at {PEER_PYTHON}: `make bench` builds .venv-peer")
    account = BenchAccount.random()
    port = free_port()
    queue = replace(CatchQueue.for_app(AMQP_URL, account.app_id, cfg), exchange=EXCHANGE)
    server = ServerProcess(
        NAME,
        [PEER_PYTHON, str(SCRIPT), str(port)],
        env={
            **base_env(),
            "WX_TOKEN": account.token,
            "WX_AES_KEY": account.encoding_aes_key,
            "WX_APPID": account.app_id,
            "AMQP_URL": AMQP_URL,
            "REDIS_URL": REDIS_URL,
            "PEER_EXCHANGE": EXCHANGE,
            "PYTHONUNBUFFERED": "1",
        },
        log_path=cfg.logdir / "peer.log",
    )
    queue.declare()
    try:
        with running(server):
            server.wait_ready(verification_url(port, account), timeout=60)
            url = f"http://127.0.0.1:{port}/"
            measurement = measure(NAME, LABEL, server, url, location_callback_writer(account), cfg)
            check_queue(measurement, queue)
            sample_log(measurement, server)
        return measurement
    finally:
        delete_quietly(queue)
