"""The image, checked without building it: the Dockerfile's shape, the build context, that the code
it ships imports nothing the image does not install, and the parts of ``make image-check``
(deploy/image) that need no image. ``make image-check`` builds the image and checks it from inside."""

import ast
import importlib.metadata
import re
import sys
import time
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from deploy.image import contents, from_pyproject, runs
from deploy.image.services import SERVICES as CHECKED_SERVICES
from tests.deploy.manifests import REPO, SERVICES

DOCKERFILE = (REPO / "Dockerfile").read_text(encoding="utf-8")
SHIPPED = ("shared", "services", "wxmp_cli")  # what the Dockerfile copies into /app
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


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
    return [Requirement(spec) for spec in PROJECT["dependencies"]]


def test_three_stages_on_the_base_given_as_a_build_argument() -> None:
    assert ("ARG", "PYTHON_IMAGE=python:3.11-slim") in _instructions()
    requirements, builder, runtime = _stages()
    assert requirements[0] == ("FROM", "${PYTHON_IMAGE} AS requirements")
    assert builder[0] == ("FROM", "${PYTHON_IMAGE} AS builder")
    assert runtime[0] == ("FROM", "${PYTHON_IMAGE} AS runtime")


def test_the_runtime_stage_runs_python_dash_m_as_the_unprivileged_user() -> None:
    runtime = dict(_stages()[2])  # the last of each instruction
    assert runtime["USER"] == "10001:10001"
    assert runtime["ENTRYPOINT"] == '["python", "-m"]', "exec form: SIGTERM reaches python itself"
    assert runtime["CMD"] == '["services.gateway"]'
    assert "PYTHONDONTWRITEBYTECODE=1" in runtime["ENV"]
    assert "PYTHONPATH=/app" in runtime["ENV"], "the wxmp command imports our packages from any directory"
    ports = set(runtime["EXPOSE"].split())
    assert ports == {str(settings.model_fields["port"].default) for settings in SERVICES.values()}


def test_the_runtime_stage_copies_the_venv_then_our_code_and_builds_nothing() -> None:
    """The code last: a change of it rebuilds neither the venv nor its copy."""
    requirements, builder, runtime = _stages()
    copies = [arguments for instruction, arguments in runtime if instruction == "COPY"]
    assert copies == [
        "--from=builder /opt/venv /opt/venv",
        "--from=requirements /build/bin/ /opt/venv/bin/",
        *(f"{path}/ {path}/" for path in SHIPPED),
    ]
    for instruction, arguments in requirements + builder + runtime:
        assert not re.search(r"apt-get|apk |gcc|build-essential|make ", arguments), f"{instruction} {arguments}"


def test_the_dependencies_are_installed_from_the_pins_alone() -> None:
    """The builder sees requirements.txt, not pyproject.toml: a new dev tool or lint rule reuses
    the installed venv; wheels only; the CA bundle is a secret mount, never a file of a layer."""
    _, builder, _ = _stages()
    assert [a for i, a in builder if i in {"COPY", "ADD"}] == [
        "--from=requirements /build/requirements.txt /build/requirements.txt"
    ]
    [install] = [arguments for instruction, arguments in builder if instruction == "RUN" and "pip install" in arguments]
    assert "--only-binary=:all:" in install, "wheels only: nothing compiled, no compiler needed"
    assert install.startswith("--mount=type=secret,id=pip-cert ")
    assert "PIP_CERT=/run/secrets/pip-cert" in install
    for instruction, arguments in _instructions():
        if instruction in {"COPY", "ADD", "ENV", "ARG"}:
            assert not re.search(r"cert|\.pem|\.crt", arguments, re.I), f"{instruction} {arguments}"


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
    assert {p for p in patterns if p.startswith("!")} == {
        "!pyproject.toml",
        "!deploy/image/from_pyproject.py",
        *(f"!{path}/" for path in SHIPPED),
    }


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


# --- what the image takes from pyproject.toml (deploy/image/from_pyproject.py) ---------------------


def test_the_requirements_are_the_runtime_pins() -> None:
    assert from_pyproject.requirements(PROJECT).splitlines() == PROJECT["dependencies"]


def test_each_command_gets_a_launcher_of_shipped_code() -> None:
    launchers = from_pyproject.launchers(PROJECT, "/opt/venv/bin/python")
    assert set(launchers) == set(PROJECT.get("scripts", {}))
    for command, target in PROJECT.get("scripts", {}).items():
        text = launchers[command]
        assert text.startswith("#!/opt/venv/bin/python\n")
        compile(text, command, "exec")
        assert target.split(".")[0] in SHIPPED, f"{command} runs {target}, which the image does not ship"


def test_a_launcher_calls_a_method_of_an_object() -> None:
    [text] = from_pyproject.launchers({"scripts": {"x": "pkg.mod:obj.run"}}, "/py").values()
    assert "from pkg.mod import obj\n" in text
    assert "sys.exit(obj.run())" in text


# --- make image-check's parts that need no image (deploy/image) ------------------------------------


def test_every_service_in_the_tree_is_started_by_the_image_check() -> None:
    in_tree = {path.parent.name for path in (REPO / "services").glob("*/__main__.py")}
    assert in_tree <= set(CHECKED_SERVICES), "add the new service's line to deploy/image/services.py"


def test_a_service_stops_within_its_pods_grace_period() -> None:
    assert runs.grace_seconds("gateway") == 35
    assert runs.grace_seconds("not-a-service") == runs.DEFAULT_GRACE_SECONDS


CERTIFICATE = "MIIB" + "".join(chr(65 + i % 26) for i in range(300))  # base64-like, longer than 4 lines


def _pem(body: str) -> str:
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN CERTIFICATE-----\n{lines}\n-----END CERTIFICATE-----\n"


def test_unwanted_finds_tests_sandbox_dev_tools_compilers_and_secrets(tmp_path: Path) -> None:
    site = tmp_path / "opt/venv/lib/python3.11/site-packages"
    for directory in (
        "app/services",
        "app/sandbox",
        "run/secrets",
        "usr/bin",
        "etc/ssl/certs",
        site / "pytest-9.2.0.dist-info",
    ):
        (tmp_path / directory).mkdir(parents=True, exist_ok=True)
    (site / "pip-25.0.dist-info").mkdir()
    (site / "aiohttp-3.14.5.dist-info").mkdir()
    for file in ("app/services/test_x.py", "app/.env", "app/apps.yaml", "usr/bin/gcc", "etc/ssl/certs/ok.pem"):
        (tmp_path / file).write_text("x")
    findings = "\n".join(contents.unwanted(tmp_path, {"dev": ["pytest==9.2.0", "ruff==0.17.5"]}))
    for expected in (
        "/app/sandbox",
        "pytest (the dev extra)",
        "pip is installed",
        "/usr/bin/gcc",
        "/app/services/test_x.py",
        "/app/.env",
        "/app/apps.yaml",
        "/run/secrets",
    ):
        assert expected in findings
    assert "ruff" not in findings and "aiohttp" not in findings and "ok.pem" not in findings


def test_the_hosts_extra_certificates_are_found_in_pem_and_der(tmp_path: Path) -> None:
    import base64

    own = _pem("MIIA" + "B" * 400)
    extra = contents.extra_certificates(own + _pem(CERTIFICATE), own)
    assert extra == {CERTIFICATE}
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc/bundle.crt").write_text(own + _pem(CERTIFICATE))
    (tmp_path / "etc/clean.crt").write_text(own)
    (tmp_path / "etc/cert.der").write_bytes(b"\0" + base64.b64decode(CERTIFICATE) + b"\0")
    assert sorted(contents.files_containing(tmp_path, extra)) == ["/etc/bundle.crt", "/etc/cert.der"]


def test_written_since_ignores_tmp_and_what_buildah_run_writes(tmp_path: Path) -> None:
    for directory in ("etc", "tmp", "var/tmp", "app"):
        (tmp_path / directory).mkdir(parents=True)
    (tmp_path / "app/old.py").write_text("x")
    moment = time.time_ns()
    time.sleep(0.01)
    for file in ("etc/hosts", "tmp/spool", "var/tmp/cache"):
        (tmp_path / file).write_text("x")
    assert contents.written_since(tmp_path, moment) == ["/var/tmp", "/var/tmp/cache"]
