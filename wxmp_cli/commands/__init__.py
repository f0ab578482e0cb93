"""One module per noun: each defines a Typer group and registers its verbs with ``wxmp_cli.command.command``."""
