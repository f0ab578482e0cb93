"""A multipart upload on its way to WeChat: streamed through, and kept for one replay.

The first attempt streams the caller's body to WeChat as it arrives, copying each chunk
into a spool (in memory up to a small threshold, a temporary file beyond), so memory stays
bounded whatever the size. A token error has WeChat refuse the call: the replay finishes
reading the caller's body into the spool if WeChat answered early, then sends the spool.
A body of unknown length (chunked) is spooled whole first: WeChat gets a Content-Length.
"""

import asyncio
import io
import tempfile
from collections.abc import AsyncIterator

from aiohttp import StreamReader

CHUNK = 64 * 1024


class Upload:
    def __init__(self, source: StreamReader, *, size: int | None, memory_bytes: int) -> None:
        self.size = size  # the caller's Content-Length; the spooled size once known
        self._source = source
        self._spool = tempfile.SpooledTemporaryFile(max_size=memory_bytes)  # noqa: SIM115 - closed by close()
        self._reading = asyncio.Lock()  # the source is read by one attempt at a time
        self._read = 0
        self._complete = False
        self._streamed = False

    @property
    def received(self) -> int:
        """Bytes read from the caller so far."""
        return self._read

    async def _next_chunk(self) -> bytes:
        async with self._reading:
            chunk = await self._source.readany()
            if not chunk:
                self._complete = True
                self.size = self._read
            else:
                self._spool.seek(0, io.SEEK_END)
                self._spool.write(chunk)
                self._read += len(chunk)
            return chunk

    async def spool_all(self, limit: int | None = None) -> bool:
        """Read the rest of the caller's body into the spool; False once it passes ``limit`` bytes."""
        while not self._complete:
            await self._next_chunk()
            if limit is not None and self._read > limit:
                return False
        return True

    def body(self) -> AsyncIterator[bytes]:
        """The bytes for the next attempt: streamed from the caller the first time, the spool after."""
        if not self._streamed and not self._complete:
            self._streamed = True
            return self._stream()
        return self._replay()

    async def _stream(self) -> AsyncIterator[bytes]:
        while chunk := await self._next_chunk():
            yield chunk

    async def _replay(self) -> AsyncIterator[bytes]:
        await self.spool_all()
        self._spool.seek(0)
        while chunk := self._spool.read(CHUNK):
            yield chunk

    def close(self) -> None:
        self._spool.close()
