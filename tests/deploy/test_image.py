"""The image, checked without a Docker engine: the Dockerfile's shape, the build context, and that
the code it ships imports nothing the image does not install."""

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from tests.deploy.manifests import REPO, SERVICES

DOCKERFILE = (REPO / "Dockerfile").read_text(encoding="utf-8")
SHIPPED = ("shared", "services")  # what the Dockerfile copies


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


def _stages() -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for instruction in _instructions():
        if instruction[0] == "FROM":
            stages.append([])
        if stages:
            stages[-1].append(instruction)
    return stages


def _runtime_dependencies() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(spec) for spec in project["dependencies"]]


def test_two_stages_on_python_3_11_slim() -> None:
    assert ("ARG", "PYTHON_IMAGE=python:3.11-slim") in _instructions()
    builder, runtime = _stages()
    assert builder[0] == ("FROM", "${PYTHON_IMAGE} AS builder")
    assert runtime[0] == ("FROM", "${PYTHON_IMAGE} AS runtime")


def test_the_runtime_stage_runs_python_dash_m_as_the_unprivileged_user() -> None:
    runtime = dict(_stages()[1])  # the last of each instruction
    assert runtime["USER"] == "10001:10001"
    assert runtime["ENTRYPOINT"] == '["python", "-m"]'
    assert runtime["CMD"] == '["services.gateway"]'
    assert "PYTHONDONTWRITEBYTECODE=1" in runtime["ENV"]
    ports = set(runtime["EXPOSE"].split())
    assert ports == {str(settings.model_fields["port"].default) for settings in SERVICES.values()}


def test_the_runtime_stage_copies_the_venv_and_our_code_and_builds_nothing() -> None:
    builder, runtime = _stages()
    copies = [arguments for instruction, arguments in runtime if instruction == "COPY"]
    assert copies == ["--from=builder /opt/venv /opt/venv", *(f"{path}/ {path}/" for path in SHIPPED)]
    for instruction, arguments in builder + runtime:
        assert not re.search(r"apt-get|apk |gcc|build-essential|make ", arguments), f"{instruction} {arguments}"
    [install] = [arguments for instruction, arguments in builder if instruction == "RUN" and "pip install" in arguments]
    assert "--only-binary=:all:" in install, "wheels only: nothing compiled, no compiler needed"


def test_every_runtime_dependency_is_pinned() -> None:
    for requirement in _runtime_dependencies():
        [specifier] = requirement.specifier
        assert specifier.operator == "==", requirement


def test_the_build_context_is_an_allow_list() -> None:
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert patterns[0] == "*"
    assert {p for p in patterns if p.startswith("!")} == {"!pyproject.toml", *(f"!{path}/" for path in SHIPPED)}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _installed_closure() -> set[str]:
    """The distributions the image installs: the runtime pins and what they require."""
    names, pending = set(), [r.name for r in _runtime_dependencies()]
    while pending:
        name = importlib.metadata.distribution(pending.pop()).metadata["Name"].lower().replace("_", "-")
        if name in names:
            continue
        names.add(name)
        for spec in importlib.metadata.requires(name) or []:
            requirement = Requirement(spec)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return names


def test_the_shipped_code_imports_only_what_the_image_installs() -> None:
    """A service importing the sandbox, a test helper or a dev-only package would start here and
    crash in the image."""
    provided = {
        module: {d.lower().replace("_", "-") for d in dists}
        for module, dists in importlib.metadata.packages_distributions().items()
    }
    installed = _installed_closure()
    for package in SHIPPED:
        for path in (REPO / package).rglob("*.py"):
            for module in _imports(path) - set(sys.stdlib_module_names) - set(SHIPPED):
                assert provided.get(module, set()) & installed, f"{path.relative_to(REPO)} imports {module}"
