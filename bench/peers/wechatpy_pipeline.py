#!/usr/bin/env python3
# Vendored verbatim from ../shared/peers/wechatpy_pipeline.py (the reference peer, see its README):
# `make bench` runs it with .venv-peer/bin/python (bench/peer-requirements.txt). Not linted: it is theirs.
"""Hand-glued ingest pipeline: aiohttp + wechatpy + Redis dedup + confirmed RabbitMQ publish.

What a skilled user would write to do our gateway's ingest job with the usual
libraries: check the signature, decrypt with WeChatCrypto (msg_signature and
AppID checked), parse with wechatpy, claim the callback in Redis (SET NX EX 120,
key = MsgId or FromUserName+CreateTime+Event), publish the message as JSON to
a durable topic exchange as a persistent message and await the publisher
confirm (aio-pika), then answer "success". A duplicate answers "success" at
once. Text messages get no reply here (same as our gateway's ingest path).

Credentials from WX_TOKEN / WX_AES_KEY / WX_APPID; AMQP_URL, REDIS_URL from the
environment (defaults: local RabbitMQ and Redis db 8). The exchange
`bench.peer.events` is declared; bind a queue to it to keep what is published.

usage: python wechatpy_pipeline.py PORT [--host 127.0.0.1]
"""

import argparse
import asyncio
import json
import os

import aio_pika
import redis.asyncio as aioredis
from aiohttp import web
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

TOKEN = os.environ.get("WX_TOKEN", "wxBenchToken2024")
AES_KEY = os.environ.get("WX_AES_KEY", "OQyMfXJHNCzYEA8vb3cNZdZw5Y4DUdiujk9urDQvwjE")
APPID = os.environ.get("WX_APPID", "wx3f9a1c2b4d5e6f70")
AMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/8")
EXCHANGE = os.environ.get("PEER_EXCHANGE", "bench.peer.events")

crypto = WeChatCrypto(TOKEN, AES_KEY, APPID)
state = {}


def _signed(query):
    try:
        check_signature(TOKEN, query.get("signature", ""), query.get("timestamp", ""), query.get("nonce", ""))
        return True
    except InvalidSignatureException:
        return False


async def verify(request):
    if not _signed(request.query):
        return web.Response(status=403, text="invalid signature")
    return web.Response(text=request.query.get("echostr", ""))


async def callback(request):
    q = request.query
    if not _signed(q):
        return web.Response(status=403, text="invalid signature")
    body = await request.read()
    if q.get("encrypt_type") == "aes":
        try:
            xml = crypto.decrypt_message(body, q.get("msg_signature", ""), q["timestamp"], q["nonce"])
        except (InvalidSignatureException, InvalidAppIdException):
            return web.Response(status=403, text="invalid msg_signature")
    else:
        xml = body
    msg = parse_message(xml)
    raw = dict(msg._data)
    if raw.get("MsgId"):
        key = "peer:dedup:msg:%s" % raw["MsgId"]
    else:
        key = "peer:dedup:evt:%s:%s:%s:%s" % (msg.source, raw.get("CreateTime"), raw.get("Event"),
                                             raw.get("EventKey", ""))
    if not await state["redis"].set(key, "1", nx=True, ex=120):
        return web.Response(text="success")
    event = getattr(msg, "event", None)
    routing_key = "%s.%s.%s" % (APPID, "event" if event else "message", (event or msg.type).lower())
    try:
        await state["exchange"].publish(
            aio_pika.Message(json.dumps(raw, ensure_ascii=False).encode(), content_type="application/json",
                             delivery_mode=aio_pika.DeliveryMode.PERSISTENT, message_id=key),
            routing_key=routing_key)
    except Exception:
        await state["redis"].delete(key)
        return web.Response(status=503, text="not stored")
    return web.Response(text="success")


async def on_startup(app):
    state["redis"] = aioredis.from_url(REDIS_URL)
    state["conn"] = await aio_pika.connect_robust(AMQP_URL)
    channel = await state["conn"].channel(publisher_confirms=True)
    state["exchange"] = await channel.declare_exchange(EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True)


async def on_cleanup(app):
    await state["conn"].close()
    await state["redis"].aclose()


def make_loop():
    try:
        import uvloop
        return uvloop.new_event_loop(), "uvloop"
    except ImportError:
        return asyncio.new_event_loop(), "asyncio"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("port", type=int)
    ap.add_argument("--host", default="127.0.0.1")
    args = ap.parse_args()
    app = web.Application()
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    app.router.add_post("/{tail:.*}", callback)
    app.router.add_get("/{tail:.*}", verify)
    loop, kind = make_loop()
    print("wechatpy_pipeline on %s:%d (%s)" % (args.host, args.port, kind), flush=True)
    web.run_app(app, host=args.host, port=args.port, access_log=None, print=None,
                shutdown_timeout=1, loop=loop, backlog=1024)


if __name__ == "__main__":
    main()
