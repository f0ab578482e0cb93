"""Which hosts an account's H5 pages may live on: pure rules, no I/O.

An entry is a host (``shop.example.com``: any port), a host and port
(``shop.example.com:8443``: that port only) or a wildcard (``*.example.com``:
any subdomain at any depth, never ``example.com`` itself nor
``evilexample.com``). Hosts compare case-insensitively and whole: a suffix
match happens only at a dot, so ``example.com.evil.net`` is not ``example.com``.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_ENTRY = re.compile(rf"(?P<wild>\*\.)?(?P<host>{_LABEL}(?:\.{_LABEL})*)(?::(?P<port>\d{{1,5}}))?")
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class AllowedHosts:
    any_port: frozenset[str] = frozenset()
    with_port: frozenset[tuple[str, int]] = frozenset()
    suffixes: tuple[str, ...] = ()  # ".example.com" for "*.example.com"

    def allows(self, host: str, port: int) -> bool:
        """``host`` (a lower-case hostname) at ``port`` (explicit or the scheme's default)."""
        if host in self.any_port or (host, port) in self.with_port:
            return True
        return any(host.endswith(suffix) for suffix in self.suffixes)

    def __or__(self, other: "AllowedHosts") -> "AllowedHosts":
        return AllowedHosts(
            self.any_port | other.any_port, self.with_port | other.with_port, tuple({*self.suffixes, *other.suffixes})
        )

    def __bool__(self) -> bool:
        return bool(self.any_port or self.with_port or self.suffixes)


def parse_hosts(entries: Iterable[str], *, source: str) -> AllowedHosts:
    """The entries as rules; ``ValueError`` naming ``source`` and the first bad entry."""
    any_port: set[str] = set()
    with_port: set[tuple[str, int]] = set()
    suffixes: set[str] = set()
    for raw in entries:
        entry = raw.strip().lower()
        if not entry:
            continue
        match = _ENTRY.fullmatch(entry)
        port = int(match["port"]) if match and match["port"] else None
        if match is None or (port is not None and not 0 < port < 65536):
            raise ValueError(f"{source}: {raw.strip()!r} is not a host, host:port or *.domain")
        if match["wild"]:
            if port is not None or "." not in match["host"]:
                raise ValueError(f"{source}: {raw.strip()!r}: a wildcard names a domain with a dot, and no port")
            suffixes.add("." + match["host"])
        elif port is None:
            any_port.add(match["host"])
        else:
            with_port.add((match["host"], port))
    return AllowedHosts(frozenset(any_port), frozenset(with_port), tuple(sorted(suffixes)))


def split_hosts(text: str) -> list[str]:
    """``WEB_ALLOWED_HOSTS``: comma-separated (spaces allowed)."""
    return [part for part in (p.strip() for p in text.split(",")) if part]
