"""A RabbitMQ virtual host of the benchmark's own: ``python -m bench.vhost`` prints the AMQP URL to run with.

On a shared broker the default vhost's ``wechat.events`` may be bound to queues nobody
consumes (another engineer's dispatcher, a test left behind, ``dispatcher.analytics``
with ``#``): each benchmark event is then stored in each of them too, and the gateway
waits for all those writes before its confirm, while the peer's own exchange feeds one
queue. Measured so on this machine: RabbitMQ spent 479 µs per gateway event against 239
per peer event. In a vhost of its own the gateway's events reach only the scenario's
queue, as the peer's do.

With ``rabbitmqctl`` on this machine (and allowed to run), the vhost ``wxmp-bench`` is
created when missing and the URL's user given all rights on it; otherwise, or when the URL
already names a vhost, the URL is printed as given and the reason goes to stderr.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from urllib.parse import quote, unquote, urlsplit, urlunsplit

VHOST = "wxmp-bench"
DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/"

Runner = Callable[[Sequence[str]], str]


def vhost_of(url: str) -> str:
    """The vhost an AMQP URL names (``/`` for an empty path or a bare ``/``)."""
    path = urlsplit(url).path
    return unquote(path[1:]) if len(path) > 1 else "/"


def with_vhost(url: str, vhost: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(vhost, safe="")))


def _rabbitmqctl(args: Sequence[str]) -> str:
    done = subprocess.run(
        ["rabbitmqctl", "-q", *args], capture_output=True, text=True, timeout=60, check=True, stdin=subprocess.DEVNULL
    )
    return done.stdout


def isolated_url(url: str, run: Runner | None = _rabbitmqctl) -> tuple[str, str]:
    """The URL to benchmark with, and why."""
    if vhost_of(url) != "/":
        return url, f"using vhost {vhost_of(url)!r} as given"
    if run is None:
        return url, "rabbitmqctl not found: the default vhost is used; other queues bound there add to the figures"
    user = urlsplit(url).username or "guest"
    try:
        if VHOST not in run(["list_vhosts", "name"]).split():
            run(["add_vhost", VHOST])
        run(["set_permissions", "-p", VHOST, unquote(user), ".*", ".*", ".*"])
    except (OSError, subprocess.SubprocessError) as exc:
        return url, f"could not prepare vhost {VHOST!r} ({exc}): the default vhost is used"
    return with_vhost(url, VHOST), f"vhost {VHOST!r}: the benchmark's exchanges and queues only"


def main() -> int:
    url, why = isolated_url(
        os.environ.get("AMQP_URL", DEFAULT_URL), _rabbitmqctl if shutil.which("rabbitmqctl") else None
    )
    print(f"bench broker: {why}", file=sys.stderr)
    print(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
