"""Pre-generated load: fresh, distinct, signed and encrypted (safe mode) WeChat callbacks.

Each line of a request file is ``path?query<TAB>body``: one VIEW or LOCATION event
(events that ask for no passive reply) with its own FromUserName (and EventKey), or one
TEXT message (which asks for a passive reply) with its own FromUserName and
MsgId, so every request has its own de-duplication key. bench/callbacks.lua
feeds them to wrk.
"""

import base64
import itertools
import os
import secrets
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from shared.crypto import MessageCipher
from shared.simulator import message_xml, sign_callback

_CHUNK = 20_000


@dataclass(frozen=True)
class BenchAccount:
    """A throwaway official account, fresh for every run."""

    app_id: str
    token: str
    encoding_aes_key: str
    app_secret: str

    @classmethod
    def random(cls) -> "BenchAccount":
        return cls(
            app_id="wxbench" + secrets.token_hex(5)[:9],
            token=secrets.token_hex(16),
            # base64 of 32 random bytes without its "=" pad: the 43 characters WeChat hands out.
            encoding_aes_key=base64.b64encode(secrets.token_bytes(32)).decode("ascii").rstrip("="),
            app_secret=secrets.token_hex(16),
        )

    def env(self) -> dict[str, str]:
        """The one-account settings of a service (``WECHAT_*``)."""
        return {
            "WECHAT_APP_ID": self.app_id,
            "WECHAT_TOKEN": self.token,
            "WECHAT_ENCODING_AES_KEY": self.encoding_aes_key,
            "WECHAT_APP_SECRET": self.app_secret,
        }

    def cipher(self) -> MessageCipher:
        return MessageCipher.from_encoding_aes_key(self.encoding_aes_key, self.app_id)


def view_callback_line(account: BenchAccount, cipher: MessageCipher, *, tag: str, index: int, now: int) -> str:
    """One request line: a VIEW event from follower ``index`` of run ``tag``, signed and encrypted."""
    xml = message_xml(
        {
            "ToUserName": "gh_bench",
            "FromUserName": f"obench-{tag}-{index:09d}",
            "CreateTime": now,
            "MsgType": "event",
            "Event": "VIEW",
            "EventKey": f"https://example.com/menu/{tag}/{index}",
        }
    )
    return _request_line(account, cipher, xml, tag=tag, index=index, now=now)


def location_callback_line(account: BenchAccount, cipher: MessageCipher, *, tag: str, index: int, now: int) -> str:
    """One request line: a LOCATION event (no passive reply) from follower ``index`` of run ``tag``."""
    xml = message_xml(
        {
            "ToUserName": "gh_bench",
            "FromUserName": f"obench-{tag}-{index:09d}",
            "CreateTime": now,
            "MsgType": "event",
            "Event": "LOCATION",
            "Latitude": f"{23 + index % 1000 / 1000:.6f}",
            "Longitude": f"{113 + index % 997 / 1000:.6f}",
            "Precision": "119.385040",
        }
    )
    return _request_line(account, cipher, xml, tag=tag, index=index, now=now)


def text_callback_line(
    account: BenchAccount, cipher: MessageCipher, *, tag: str, index: int, now: int, msg_id: int
) -> str:
    """One request line: the TEXT message ``hello {index}`` (id ``msg_id``) from follower ``index`` of run ``tag``."""
    xml = message_xml(
        {
            "ToUserName": "gh_bench",
            "FromUserName": f"obench-{tag}-{index:09d}",
            "CreateTime": now,
            "MsgType": "text",
            "Content": f"hello {index}",
            "MsgId": msg_id,
        }
    )
    return _request_line(account, cipher, xml, tag=tag, index=index, now=now)


def _request_line(account: BenchAccount, cipher: MessageCipher, xml: bytes, *, tag: str, index: int, now: int) -> str:
    signed = sign_callback(xml, token=account.token, cipher=cipher, timestamp=now, nonce=f"{index:x}{tag}")
    body = signed.body.decode("ascii")
    if any(c in body for c in "\t\r\n"):
        raise ValueError("a request body contains a tab or a newline; it cannot go on one line")
    return f"/wechat/{account.app_id}?{signed.query_string}\t{body}\n"


def _view_callback_chunk(account: BenchAccount, tag: str, now: int, start: int, stop: int) -> str:
    cipher = account.cipher()
    return "".join(view_callback_line(account, cipher, tag=tag, index=i, now=now) for i in range(start, stop))


def _location_callback_chunk(account: BenchAccount, tag: str, now: int, start: int, stop: int) -> str:
    cipher = account.cipher()
    return "".join(location_callback_line(account, cipher, tag=tag, index=i, now=now) for i in range(start, stop))


def _text_callback_chunk(account: BenchAccount, tag: str, now: int, msg_id_base: int, start: int, stop: int) -> str:
    cipher = account.cipher()
    return "".join(
        text_callback_line(account, cipher, tag=tag, index=i, now=now, msg_id=msg_id_base + i)
        for i in range(start, stop)
    )


def _write_chunks(path: Path, count: int, build: Callable[..., str], *args: object) -> int:
    """Write ``build(*args, start, stop)`` for consecutive chunks of ``range(count)``; the file's size.

    Chunks are built on every core (AES and SHA-1 in Python: ~17 µs a request) and written in order;
    ``build`` must be a module-level function (it goes to worker processes).
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    starts = range(0, count, _CHUNK)
    stops = [min(start + _CHUNK, count) for start in starts]
    n = len(stops)
    with path.open("w", encoding="ascii", newline="\n") as out:
        if n == 1:
            out.write(build(*args, 0, count))
        else:
            with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, n)) as pool:
                rest = [[arg] * n for arg in args]
                for chunk in pool.map(build, *rest, starts, stops):
                    out.write(chunk)
    return path.stat().st_size


def write_view_callbacks(path: Path, account: BenchAccount, count: int, *, tag: str) -> int:
    """Write ``count`` distinct VIEW callbacks, timestamped now, to ``path``; return the file's size in bytes."""
    return _write_chunks(path, count, _view_callback_chunk, account, tag, int(time.time()))


def write_text_callbacks(path: Path, account: BenchAccount, count: int, *, tag: str, msg_id_base: int) -> int:
    """Write ``count`` distinct TEXT callbacks (MsgIds ``msg_id_base`` + 0 … count-1), timestamped now."""
    return _write_chunks(path, count, _text_callback_chunk, account, tag, int(time.time()), msg_id_base)


def view_callback_writer(account: BenchAccount) -> Callable[[Path, int, str], int]:
    """``write(path, count, tag)`` for ``account``: the request writer a scenario hands to ``measure``."""

    def write(path: Path, count: int, tag: str) -> int:
        return write_view_callbacks(path, account, count, tag=tag)

    return write


def location_callback_writer(account: BenchAccount) -> Callable[[Path, int, str], int]:
    """``write(path, count, tag)`` of distinct LOCATION events for ``account`` (the ingest comparison's load)."""

    def write(path: Path, count: int, tag: str) -> int:
        return _write_chunks(path, count, _location_callback_chunk, account, tag, int(time.time()))

    return write


MSG_ID_BLOCK = 10**12
"""MsgIds of successive files of one text writer lie this far apart (no file holds more requests)."""


def text_msg_ids(first_block: int = 1) -> Iterator[int]:
    """The MsgId bases of successive request files: ``first_block * MSG_ID_BLOCK``, then the next blocks."""
    return (block * MSG_ID_BLOCK for block in itertools.count(first_block))


def text_callback_writer(
    account: BenchAccount, msg_id_bases: Iterator[int] | None = None
) -> Callable[[Path, int, str], int]:
    """``write(path, count, tag)`` of TEXT messages for ``account``; every file takes the next
    MsgId base of ``msg_id_bases``, so no MsgId repeats across the files of a run."""
    bases = msg_id_bases if msg_id_bases is not None else text_msg_ids()

    def write(path: Path, count: int, tag: str) -> int:
        if count > MSG_ID_BLOCK:
            raise ValueError(f"at most {MSG_ID_BLOCK} requests a file")
        return write_text_callbacks(path, account, count, tag=tag, msg_id_base=next(bases))

    return write
