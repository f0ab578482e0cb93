"""Pre-generated load: fresh, distinct, signed and encrypted (safe mode) WeChat callbacks.

Each line of a request file is ``path?query<TAB>body``: one VIEW event (an event
that asks for no passive reply) with its own FromUserName and EventKey, so every
request has its own de-duplication key. bench/callbacks.lua feeds them to wrk.
"""

import base64
import os
import secrets
import time
from collections.abc import Callable
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
    signed = sign_callback(xml, token=account.token, cipher=cipher, timestamp=now, nonce=f"{index:x}{tag}")
    body = signed.body.decode("ascii")
    if any(c in body for c in "\t\r\n"):
        raise ValueError("a request body contains a tab or a newline; it cannot go on one line")
    return f"/wechat/{account.app_id}?{signed.query_string}\t{body}\n"


def _view_callback_chunk(account: BenchAccount, tag: str, now: int, start: int, stop: int) -> str:
    cipher = account.cipher()
    return "".join(view_callback_line(account, cipher, tag=tag, index=i, now=now) for i in range(start, stop))


def write_view_callbacks(path: Path, account: BenchAccount, count: int, *, tag: str) -> int:
    """Write ``count`` distinct callbacks, timestamped now, to ``path``; return the file's size in bytes.

    Chunks are built on every core (AES and SHA-1 in Python: ~17 µs a request) and written in order.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    now = int(time.time())
    starts = range(0, count, _CHUNK)
    stops = [min(start + _CHUNK, count) for start in starts]
    n = len(stops)
    with path.open("w", encoding="ascii", newline="\n") as out:
        if n == 1:
            out.write(_view_callback_chunk(account, tag, now, 0, count))
        else:
            with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, n)) as pool:
                for chunk in pool.map(_view_callback_chunk, [account] * n, [tag] * n, [now] * n, starts, stops):
                    out.write(chunk)
    return path.stat().st_size


def view_callback_writer(account: BenchAccount) -> Callable[[Path, int, str], int]:
    """``write(path, count, tag)`` for ``account``: the request writer a scenario hands to ``measure``."""

    def write(path: Path, count: int, tag: str) -> int:
        return write_view_callbacks(path, account, count, tag=tag)

    return write
