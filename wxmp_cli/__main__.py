"""``python -m wxmp_cli``: the same as ``wxmp`` (for an image without the console script)."""

from wxmp_cli.main import app

app(prog_name="wxmp")
