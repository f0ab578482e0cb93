"""Short keys: long data (≤ 4 KB) behind a short key, the replacement for the shut-down shorturl."""

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.shorten import MAX_EXPIRE_SECONDS, LongData, ShortenRequest


class ShortenApi(ApiGroup):
    async def gen(self, long_data: str, expire_seconds: int = MAX_EXPIRE_SECONDS) -> str:
        """The short key for ``long_data`` (at most 4 KB), kept ``expire_seconds`` (at most 30 days)."""
        request = ShortenRequest(long_data=long_data, expire_seconds=expire_seconds)
        return str((await self._json("cgi-bin/shorten/gen", json=request.body()))["short_key"])

    async def fetch(self, short_key: str) -> LongData:
        if not isinstance(short_key, str) or not short_key:
            raise ValueError(f"a short key is a non-empty string (got {short_key!r})")
        return await self._model("cgi-bin/shorten/fetch", LongData, json={"short_key": short_key})
