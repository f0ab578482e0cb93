"""The ``wxmp`` entry point."""

import typer

app = typer.Typer(name="wxmp", no_args_is_help=True)


@app.callback()
def main() -> None:
    """The operator's command line for the WeChat platform."""
