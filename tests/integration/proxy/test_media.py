"""Uploads and downloads through the proxy, byte for byte, against the fake WeChat; and, against a stub
WeChat of the test's own, proof that both directions stream (the far end sees bytes before the
near end has sent them all), which is what keeps the proxy's memory bounded."""

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from tests.conftest import FakeWeChat
from tests.integration.proxy.conftest import AUTH, Client, ProxyFactory, wire
from tests.integration.proxy.test_contract import url

MIB = 1024 * 1024


def image(size: int) -> bytes:
    return b"\xff\xd8\xff\xe0" + os.urandom(size - 4)  # a JPEG's magic, then noise


def form(data: bytes, filename: str = "photo.jpg", content_type: str = "image/jpeg") -> aiohttp.FormData:
    body = aiohttp.FormData()
    body.add_field("media", data, filename=filename, content_type=content_type)
    return body


async def multipart(data: bytes, filename: str = "photo.jpg") -> tuple[bytes, str]:
    """``form(data)`` as the bytes and content type aiohttp would send."""
    payload = form(data, filename)()
    parts: list[bytes] = []

    class Collect:
        async def write(self, chunk: bytes) -> None:
            parts.append(bytes(chunk))

    await payload.write(Collect())  # type: ignore[arg-type]
    return b"".join(parts), payload.headers["Content-Type"]


async def upload(proxy: Client, app_id: str, data: Any, headers: dict[str, str] = AUTH) -> dict[str, Any]:
    response = await proxy.post(
        url(app_id, "cgi-bin/media/upload"), params={"type": "image"}, data=data, headers=headers
    )
    assert response.status == 200, await response.text()
    answer: dict[str, Any] = await response.json()
    return answer


async def download(proxy: Client, app_id: str, media_id: str) -> tuple[bytes, aiohttp.ClientResponse]:
    response = await proxy.get(url(app_id, "cgi-bin/media/get"), params={"media_id": media_id}, headers=AUTH)
    assert response.status == 200
    return await response.read(), response


async def test_an_upload_and_its_download_are_the_same_bytes(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    data = image(9 * MIB + 12345)
    answer = await upload(proxy, app_id, form(data))
    assert answer["type"] == "image" and answer["media_id"]
    library = await fake_wechat.control(f"library?app_id={app_id}")
    assert hashlib.sha256(data).hexdigest() in str(library)  # what WeChat stored
    body, response = await download(proxy, app_id, answer["media_id"])
    assert body == data
    assert response.content_type == "image/jpeg"
    assert response.headers["Content-Length"] == str(len(data))
    assert f'filename="{answer["media_id"]}' in response.headers["Content-Disposition"]


async def test_an_upload_wechat_refused_for_its_token_is_sent_again_whole(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    """The fake answers 40001 before reading the body: the replay finishes reading the caller's
    upload, then sends all of it with the refreshed token."""
    data = image(3 * MIB)
    await fake_wechat.control("fail", {"path": "/cgi-bin/media/upload", "errcode": 40001, "count": 1})
    answer = await upload(proxy, app_id, form(data))
    first, second = wire(fake_wechat)
    assert first.path == second.path == "/cgi-bin/media/upload"
    assert first.access_token != second.access_token
    assert (await download(proxy, app_id, answer["media_id"]))[0] == data


async def test_a_chunked_upload_reaches_wechat_whole(proxy: Client, app_id: str) -> None:
    data = image(2 * MIB)
    whole, content_type = await multipart(data)

    async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: Transfer-Encoding chunked
        for start in range(0, len(whole), 100_000):
            yield whole[start : start + 100_000]

    answer = await upload(proxy, app_id, chunked(), headers=AUTH | {"Content-Type": content_type})
    assert (await download(proxy, app_id, answer["media_id"]))[0] == data


async def test_an_upload_past_the_limit_is_413_and_reaches_nobody(
    make_proxy: ProxyFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    proxy = await make_proxy(proxy_max_upload_bytes=MIB)
    response = await proxy.post(url(app_id, "cgi-bin/media/upload"), data=form(image(MIB + 1)), headers=AUTH)
    assert (response.status, (await response.json())["error"]) == (413, "payload_too_large")
    assert wire(fake_wechat) == []


async def test_an_upload_must_be_multipart(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    response = await proxy.post(url(app_id, "cgi-bin/media/upload"), json={"media": "x"}, headers=AUTH)
    assert (response.status, (await response.json())["error"]) == (400, "bad_request")
    assert wire(fake_wechat) == []


async def test_wechats_errors_and_json_answers_of_media_endpoints_come_back_as_they_are(
    proxy: Client, app_id: str
) -> None:
    response = await proxy.get(url(app_id, "cgi-bin/media/get"), params={"media_id": "nope"}, headers=AUTH)
    assert (response.status, (await response.json())["errcode"]) == (200, 40007)
    video = await proxy.post(
        url(app_id, "cgi-bin/media/upload"), params={"type": "video"},
        data=form(b"\x00\x00\x00\x18ftypmp42" + os.urandom(1000), "clip.mp4", "video/mp4"), headers=AUTH,
    )  # fmt: skip
    media_id = (await video.json())["media_id"]
    answer = await proxy.get(url(app_id, "cgi-bin/media/get"), params={"media_id": media_id}, headers=AUTH)
    assert "video_url" in await answer.json()


async def test_a_permanent_material_round_trip(proxy: Client, app_id: str) -> None:
    data = image(512 * 1024)
    added = await proxy.post(
        url(app_id, "cgi-bin/material/add_material"), params={"type": "image"}, data=form(data), headers=AUTH
    )
    media_id = (await added.json())["media_id"]
    got = await proxy.post(url(app_id, "cgi-bin/material/get_material"), json={"media_id": media_id}, headers=AUTH)
    assert (got.status, await got.read()) == (200, data)


async def test_the_qr_code_image_comes_from_the_mp_host_without_a_token(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    created = await proxy.post(
        url(app_id, "cgi-bin/qrcode/create"), headers=AUTH,
        json={"expire_seconds": 600, "action_name": "QR_STR_SCENE", "action_info": {"scene": {"scene_str": "a+b/c"}}},
    )  # fmt: skip
    ticket = (await created.json())["ticket"]
    response = await proxy.get(url(app_id, "cgi-bin/showqrcode"), params={"ticket": ticket}, headers=AUTH)
    assert (response.status, response.content_type) == (200, "image/png")
    direct = await fake_wechat.client.get("/cgi-bin/showqrcode", params={"ticket": ticket})
    assert await response.read() == await direct.read()
    shown = [seen for seen in wire(fake_wechat) if seen.path == "/cgi-bin/showqrcode"]
    assert len(shown) == 2 and shown[0].access_token is None


# -- streaming, against a stub WeChat -------------------------------------------------------

HALF = MIB


class Stub:
    """WeChat's media endpoints, stalled halfway until the test says the other end saw the first half."""

    def __init__(self) -> None:
        self.upload_started = asyncio.Event()
        self.caller_has_first_half = asyncio.Event()
        self.download = os.urandom(2 * HALF)
        self.received = hashlib.sha256()
        self.content_length: str | None = None

    async def media_upload(self, request: web.Request) -> web.Response:
        self.content_length = request.headers.get("Content-Length")
        reader = await request.multipart()
        part = await reader.next()
        assert isinstance(part, aiohttp.BodyPartReader)
        size = 0
        while chunk := await part.read_chunk():
            self.received.update(chunk)
            size += len(chunk)
            self.upload_started.set()
        return web.json_response({"type": "image", "media_id": self.received.hexdigest(), "size": size})

    async def media_get(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "image/jpeg"})
        response.content_length = len(self.download)
        await response.prepare(request)
        await response.write(self.download[:HALF])
        await asyncio.wait_for(self.caller_has_first_half.wait(), 5)
        await response.write(self.download[HALF:])
        return response

    async def broken_download(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "audio/speex"})
        response.content_length = len(self.download)
        await response.prepare(request)
        await response.write(self.download[:HALF])
        assert request.transport is not None
        request.transport.close()  # WeChat's connection drops mid-file
        return response

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/cgi-bin/media/upload", self.media_upload)
        app.router.add_get("/cgi-bin/media/get", self.media_get)
        app.router.add_get("/cgi-bin/media/get/jssdk", self.broken_download)
        return app


@pytest.fixture
async def stub(aiohttp_server: Any) -> tuple[Stub, str]:
    stub = Stub()
    server = await aiohttp_server(stub.app())
    return stub, str(server.make_url("")).rstrip("/")


async def test_an_upload_streams_through_before_the_caller_has_sent_it_all(
    make_proxy: ProxyFactory, stub: tuple[Stub, str], app_id: str
) -> None:
    wechat, base = stub
    proxy = await make_proxy(wechat_api_base=base, proxy_spool_memory_bytes=64 * 1024)
    whole, content_type = await multipart(os.urandom(4 * HALF), "big.jpg")

    async def slow_caller() -> AsyncIterator[bytes]:
        yield whole[: HALF + 1000]
        await asyncio.wait_for(wechat.upload_started.wait(), 5)  # WeChat has bytes: the proxy did not wait for all
        yield whole[HALF + 1000 :]

    headers = AUTH | {"Content-Type": content_type, "Content-Length": str(len(whole))}
    response = await proxy.post(url(app_id, "cgi-bin/media/upload"), data=slow_caller(), headers=headers)
    assert response.status == 200, await response.text()
    assert (await response.json())["size"] == 4 * HALF
    assert wechat.content_length == str(len(whole))  # passed on, not chunked


async def test_a_download_streams_through_before_wechat_has_sent_it_all(
    make_proxy: ProxyFactory, stub: tuple[Stub, str], app_id: str
) -> None:
    wechat, base = stub
    proxy = await make_proxy(wechat_api_base=base)
    response = await proxy.get(url(app_id, "cgi-bin/media/get"), params={"media_id": "x"}, headers=AUTH)
    assert response.status == 200
    assert response.headers["Content-Length"] == str(2 * HALF)
    first = await asyncio.wait_for(response.content.readexactly(HALF), 5)
    wechat.caller_has_first_half.set()
    assert first + await response.read() == wechat.download


async def test_a_download_that_breaks_off_is_never_passed_on_as_complete(
    make_proxy: ProxyFactory, stub: tuple[Stub, str], app_id: str
) -> None:
    _wechat, base = stub
    proxy = await make_proxy(wechat_api_base=base)
    response = await proxy.get(url(app_id, "cgi-bin/media/get/jssdk"), params={"media_id": "x"}, headers=AUTH)
    assert response.status == 200  # sent before the break
    with pytest.raises(aiohttp.ClientPayloadError):
        await response.read()
