"""What the image takes from pyproject.toml, as files the Dockerfile copies: the pinned runtime
requirements, and a launcher for each ``[project.scripts]`` command (the image does not install the
project itself, whose packages include the sandbox and laptop mode). The standard library only: it
runs in the image's build, before anything is installed."""

import argparse
import tomllib
from pathlib import Path

LAUNCHER = """#!{python}
import sys

from {module} import {name}

sys.exit({name}{attributes}())
"""


def requirements(project: dict[str, object]) -> str:
    """``[project].dependencies``, one a line (exact pins; the extras stay out of the image)."""
    dependencies = project.get("dependencies") or []
    assert isinstance(dependencies, list)
    return "".join(f"{spec}\n" for spec in dependencies)


def launchers(project: dict[str, object], python: str) -> dict[str, str]:
    """Each ``[project.scripts]`` entry (``module:function`` or ``module:object.method``) as the
    text of an executable that runs it with ``python``."""
    scripts = project.get("scripts") or {}
    assert isinstance(scripts, dict)
    found = {}
    for command, target in scripts.items():
        module, _, qualified = str(target).partition(":")
        name, dot, attributes = qualified.partition(".")
        found[command] = LAUNCHER.format(
            python=python, module=module.strip(), name=name.strip(), attributes=dot + attributes.strip()
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pyproject", type=Path)
    parser.add_argument("--requirements", type=Path, required=True, help="file to write the pins to")
    parser.add_argument("--scripts", type=Path, required=True, help="directory to write the launchers to")
    parser.add_argument("--python", default="/opt/venv/bin/python", help="the launchers' interpreter")
    args = parser.parse_args()
    project = tomllib.loads(args.pyproject.read_text(encoding="utf-8"))["project"]
    args.requirements.write_text(requirements(project), encoding="utf-8")
    args.scripts.mkdir(parents=True, exist_ok=True)
    for command, text in launchers(project, args.python).items():
        path = args.scripts / command
        path.write_text(text, encoding="utf-8")
        path.chmod(0o755)


if __name__ == "__main__":
    main()
