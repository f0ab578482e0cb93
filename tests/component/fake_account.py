"""Calling the fake WeChat's account endpoints as an account's services would (one token, JSON in and out)."""

from dataclasses import dataclass
from typing import Any

from tests.conftest import FakeWeChat

OK = {"errcode": 0, "errmsg": "ok"}
OTHER_APP_ID = "wxotheraccount0002"


@dataclass
class Api:
    fake: FakeWeChat
    app_id: str
    secret: str
    token: str = ""

    async def renew(self) -> "Api":
        """A fresh access_token (after the clock moved past the old one's life)."""
        query = {"grant_type": "client_credential", "appid": self.app_id, "secret": self.secret}
        self.token = (await (await self.fake.client.get("/cgi-bin/token", params=query)).json())["access_token"]
        return self

    async def get(self, path: str, **query: str) -> dict[str, Any]:
        response = await self.fake.client.get(path, params={**query, "access_token": self.token})
        assert response.status == 200, await response.text()
        body: dict[str, Any] = await response.json()
        return body

    async def post(self, path: str, body: Any) -> dict[str, Any]:
        response = await self.fake.client.post(path, params={"access_token": self.token}, json=body)
        assert response.status == 200, await response.text()
        answer: dict[str, Any] = await response.json()
        return answer

    async def errcode(self, path: str, body: Any) -> int:
        return int((await self.post(path, body)).get("errcode", 0))

    async def seed(self, **body: Any) -> dict[str, Any]:
        answer: dict[str, Any] = await self.fake.control("followers", {"app_id": self.app_id, **body})
        return answer
