"""Calling the fake WeChat's content endpoints in tests: JSON calls, multipart uploads, raw downloads."""

from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import ClientResponse

from tests.conftest import FakeWeChat

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40  # ~10 KB, under a thumb's 64 KB


@dataclass
class ContentApi:
    """One account's calls to the fake, with a fresh access_token."""

    fake: FakeWeChat
    token: str

    @classmethod
    async def of(cls, fake: FakeWeChat) -> "ContentApi":
        return cls(fake, await fake.access_token())

    async def response(self, method: str, path: str, **kwargs: Any) -> ClientResponse:
        params = {"access_token": self.token, **kwargs.pop("params", {})}
        return await self.fake.client.request(method, path, params=params, **kwargs)

    async def json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = await self.response(method, path, **kwargs)
        assert response.status == 200, await response.text()
        body: dict[str, Any] = await response.json()
        return body

    async def post(self, path: str, body: Any) -> dict[str, Any]:
        return await self.json("POST", path, json=body)

    async def ok(self, path: str, body: Any) -> dict[str, Any]:
        """A POST that must succeed."""
        answer = await self.post(path, body)
        assert answer.get("errcode", 0) == 0, answer
        return answer

    async def upload(
        self,
        path: str,
        data: bytes,
        filename: str,
        *,
        media_type: str | None = None,
        fields: dict[str, str] | None = None,
        field: str = "media",
    ) -> dict[str, Any]:
        form = aiohttp.FormData()
        form.add_field(field, data, filename=filename, content_type="application/octet-stream")
        for name, value in (fields or {}).items():
            form.add_field(name, value)
        params = {} if media_type is None else {"type": media_type}
        return await self.json("POST", path, data=form, params=params)

    async def cover(self, data: bytes = JPEG) -> str:
        """A permanent thumb, the cover an article needs."""
        answer = await self.upload("/cgi-bin/material/add_material", data, "cover.jpg", media_type="thumb")
        media_id: str = answer["media_id"]
        return media_id
