"""``make image-check``: the image ``make image`` built, checked from the inside with buildah.

It mounts a container of the image and looks for what must not be there (tests, the sandbox, laptop
mode, dev tools, secrets, the build host's CA bundle); starts every service with the image's entry
point and user, against the local RabbitMQ (a vhost of its own) and Redis, and wants 200 from its
/healthz and /readyz, then SIGTERM and exit 0 within the pods' grace period, nothing written outside
/tmp; runs ``wxmp --help`` once pyproject.toml declares the command; exports the image as an OCI
archive and prints its size. Each step's time is printed; any finding fails the check (exit 1)."""

import argparse
import contextlib
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from deploy.image import contents, runs
from deploy.image.buildah import Buildah
from deploy.image.services import SERVICES

REPO = Path(__file__).resolve().parents[2]
SECRET_VARIABLE = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|_KEY$|^AMQP_URL$|^REDIS_URL$", re.I)


class Report:
    def __init__(self) -> None:
        self.timings: list[tuple[str, float]] = []
        self.findings: list[str] = []

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        print(f"image-check: {name} …", flush=True)
        started = time.monotonic()
        try:
            yield
        finally:
            elapsed = time.monotonic() - started
            self.timings.append((name, elapsed))
            print(f"image-check: {name}: {elapsed:.1f} s", flush=True)

    def add(self, where: str, findings: list[str]) -> None:
        for finding in findings:
            self.findings.append(f"{where}: {finding}")
            print(f"  FAIL {where}: {finding}", flush=True)


def check_contents(report: Report, root: Path, config: dict[str, Any], pip_cert: Path | None, max_mb: float) -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    report.add("contents", contents.unwanted(root, project.get("optional-dependencies", {})))
    variables = [entry.split("=", 1)[0] for entry in config.get("Env") or []]
    report.add("environment", [f"{name} is set in the image" for name in variables if SECRET_VARIABLE.search(name)])
    if pip_cert is None or not pip_cert.is_file():
        print("  no PIP_CERT on this host: no CA bundle was lent to the build")
    else:
        # The image's own authorities: what its ca-certificates package installed (not the bundle
        # in /etc/ssl, which a careless COPY could have replaced with the host's).
        own = "".join(
            path.read_text(encoding="utf-8", errors="replace")
            for path in sorted((root / "usr/share/ca-certificates").rglob("*.crt"))
        )
        extra = contents.extra_certificates(pip_cert.read_text(encoding="utf-8", errors="replace"), own)
        print(f"  {pip_cert} adds {len(extra)} certificate authorities to the image's own; looking for them")
        report.add(
            "CA bundle", [f"{path} holds the build host's CA" for path in contents.files_containing(root, extra)]
        )
    size = contents.apparent_size(root) / 1e6
    print(f"  {size:.0f} MB of files (uncompressed), at most {max_mb:.0f} MB")
    if size > max_mb:
        report.add("size", [f"{size:.0f} MB, over {max_mb:.0f} MB"])


@contextlib.contextmanager
def vhost(amqp_url: str) -> Iterator[str]:
    """A RabbitMQ vhost of the check's own (no binding elsewhere routes to or from it), as an AMQP
    URL; ``amqp_url`` as it is where rabbitmqctl is not on this host."""
    rabbitmqctl = shutil.which("rabbitmqctl")
    if rabbitmqctl is None:
        print("  rabbitmqctl not found: the services use the AMQP URL's own vhost")
        yield amqp_url
        return
    name = f"wxmp-image-check-{secrets.token_hex(4)}"
    for command in (["add_vhost", name], ["set_permissions", "-p", name, "guest", ".*", ".*", ".*"]):
        subprocess.run([rabbitmqctl, "-q", *command], check=True, capture_output=True, timeout=60)  # noqa: S603
    try:
        yield amqp_url.rstrip("/") + "/" + name
    finally:
        subprocess.run([rabbitmqctl, "-q", "delete_vhost", name], check=False, capture_output=True, timeout=60)  # noqa: S603


def check_services(
    report: Report, buildah: Buildah, container: str, root: Path, config: dict[str, Any], amqp_url: str, redis_url: str
) -> None:
    in_image = sorted(path.parent.name for path in (root / "app" / "services").glob("*/__main__.py"))
    report.add(
        "services",
        [
            f"services.{name} is in the image but not in deploy/image/services.py: add its line"
            for name in in_image
            if name not in SERVICES
        ],
    )
    skipped = [name for name in SERVICES if name not in in_image]
    if skipped:
        print(f"  not in the tree yet, skipped: {', '.join(skipped)}")
    names = [name for name in SERVICES if name in in_image]
    ports = {name: runs.free_port() for name in names}
    common = runs.common_environment(amqp_url, redis_url, ports.get("token", runs.free_port()))
    uid = int(str(config.get("User") or "0").split(":")[0])
    entrypoint = list(config.get("Entrypoint") or [])
    with tempfile.TemporaryDirectory(prefix="wxmp-image-check-") as logs:
        started = [
            runs.start(buildah, container, entrypoint, name, ports[name], common | SERVICES[name], Path(logs))
            for name in names
        ]
        try:
            runs.wait_healthy(started, time.monotonic() + runs.START_WITHIN_SECONDS)
            for run in started:
                if not run.findings:
                    runs.check_user(run, uid)
            for run in started:
                if run.process.poll() is None:
                    runs.terminate(run)
        finally:
            for run in started:
                runs.stop(run)
                timings = "  ".join(f"{what} {seconds:.1f} s" for what, seconds in run.timings.items())
                print(f"  {run.service:<10} port {run.port:<5} {timings}")
                report.add(f"services.{run.service}", run.findings)
                if run.findings:
                    print(run.output()[-3000:], file=sys.stderr)


def check_command_line(report: Report, buildah: Buildah, container: str) -> None:
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"].get("scripts", {})
    if "wxmp" not in scripts:
        print("  pyproject.toml declares no wxmp command yet: skipped")
        return
    done = subprocess.run(  # noqa: S603 - buildah with our own arguments
        buildah.run_command(container, ["wxmp", "--help"]), capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0 or "Usage" not in done.stdout:
        report.add("wxmp --help", [f"exit {done.returncode}: {(done.stderr or done.stdout).strip()[-2000:]}"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--image", required=True)
    parser.add_argument("--storage-driver", default="overlay")
    parser.add_argument("--archive", type=Path, required=True, help="the OCI archive to write")
    parser.add_argument("--pip-cert", type=Path, default=os.environ.get("PIP_CERT") or None)
    parser.add_argument("--max-mb", type=float, default=250)
    parser.add_argument("--amqp-url", default=os.environ.get("AMQP_URL") or "amqp://guest:guest@127.0.0.1:5672/")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    buildah, report = Buildah(args.storage_driver), Report()
    config = buildah.image(args.image).get("config", {})
    container = buildah("from", "--name", f"wxmp-image-check-{os.getpid()}", args.image)
    try:
        root = Path(buildah("mount", container))
        with report.step("contents"):
            check_contents(report, root, config, args.pip_cert, args.max_mb)
        written_after = time.time_ns()
        with report.step("services"), vhost(args.amqp_url) as amqp_url:
            check_services(report, buildah, container, root, config, amqp_url, args.redis_url)
        with report.step("wxmp --help"):
            check_command_line(report, buildah, container)
        report.add(
            "read-only root", [f"{path} written at run time" for path in contents.written_since(root, written_after)]
        )
    finally:
        buildah("rm", container)
    with report.step("export"):
        reference = args.image.rsplit("/", 1)[-1]
        buildah.export(args.image, args.archive, reference)
        print(f"  {args.archive}: {args.archive.stat().st_size / 1e6:.0f} MB ({reference})")
    print("image-check: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.timings), flush=True)
    if report.findings:
        print(f"image-check: FAILED, {len(report.findings)} findings:", file=sys.stderr)
        for finding in report.findings:
            print(f"  {finding}", file=sys.stderr)
        return 1
    print(f"image-check: {args.image} passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
