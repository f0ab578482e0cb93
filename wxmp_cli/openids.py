"""Lists of openids from a file (one a line, ``-`` for stdin): what tags add/remove and blacklist take."""

import sys
from pathlib import Path

from wxmp_cli.errors import CliError, ExitCode


def read_openids(source: Path) -> list[str]:
    """The openids of ``source`` in order, blank lines and ``#`` comments skipped, repeats dropped."""
    text = sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8")
    openids = [line.strip() for line in text.splitlines()]
    openids = list(dict.fromkeys(line for line in openids if line and not line.startswith("#")))
    if not openids:
        raise CliError(f"{source} lists no openids (one a line)", ExitCode.USAGE)
    bad = [openid for openid in openids if any(char.isspace() for char in openid) or "," in openid]
    if bad:
        raise CliError(f"{source}: {bad[0]!r} is not an openid (one openid a line)", ExitCode.USAGE)
    return openids
