"""Each service started inside the image as Kubernetes starts it (the image's entry point and user,
an empty /tmp of its own), against the local RabbitMQ and Redis; its health asked over the host's
network (chroot isolation shares it); then SIGTERM, as the kubelet sends it to the container's
process, and the time it takes to exit."""

import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from deploy.image.buildah import Buildah

K8S_BASE = Path(__file__).resolve().parents[1] / "k8s" / "base"
DEFAULT_GRACE_SECONDS = 30.0  # Kubernetes' own default terminationGracePeriodSeconds
START_WITHIN_SECONDS = 30.0
# Nothing answers on the discard port: the services never call the real WeChat from here.
NOWHERE = "http://127.0.0.1:9"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def grace_seconds(service: str) -> float:
    """The pods' terminationGracePeriodSeconds (deploy/k8s/base/<service>.yaml), else Kubernetes' default."""
    manifest = K8S_BASE / f"{service}.yaml"
    if manifest.exists():
        found = re.search(r"terminationGracePeriodSeconds:\s*(\d+)", manifest.read_text(encoding="utf-8"))
        if found:
            return float(found.group(1))
    return DEFAULT_GRACE_SECONDS


def common_environment(amqp_url: str, redis_url: str, token_port: int) -> dict[str, str]:
    """One throwaway account and key; WeChat unreachable on purpose."""
    return {
        "AMQP_URL": amqp_url,
        "REDIS_URL": redis_url,
        "WECHAT_APP_ID": f"wximagecheck{secrets.token_hex(3)}",
        "WECHAT_APP_SECRET": secrets.token_hex(16),
        "WECHAT_TOKEN": secrets.token_hex(8),
        "WECHAT_ENCODING_AES_KEY": secrets.token_urlsafe(32)[:43].replace("-", "a").replace("_", "b"),
        "INTERNAL_API_KEY": secrets.token_hex(16),
        "WECHAT_API_BASE": NOWHERE,
        "WECHAT_OAUTH_BASE": NOWHERE,
        "TOKEN_SERVICE_URL": f"http://127.0.0.1:{token_port}",
        "HOST": "127.0.0.1",
        "LOG_FORMAT": "json",
    }


def child_processes() -> dict[int, list[int]]:
    """Parent pid → its children's pids, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])  # the fields after "(command)"
            children.setdefault(parent, []).append(int(entry.name))
    return children


def get(url: str) -> int | None:
    """The status of GET ``url``, None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback http only
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


@dataclass
class Run:
    """One service running in the container."""

    service: str
    port: int
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    started: float = field(default_factory=time.monotonic)
    findings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pid(self) -> int | None:
        """The service's own process (buildah run → buildah-chroot-runtime → chroot-exec → python)."""
        children = child_processes()
        pending = [self.process.pid]
        while pending:
            parent = pending.pop()
            for child in children.get(parent, []):
                try:
                    command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
                except OSError:
                    continue
                if f"services.{self.service}".encode() in command and b"buildah-chroot-exec" not in command[0]:
                    return child
                pending.append(child)
        return None

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")


def start(
    buildah: Buildah, container: str, entrypoint: list[str], service: str, port: int, env: dict[str, str], logs: Path
) -> Run:
    log = (logs / f"{service}.log").open("w+b")
    command = buildah.run_command(container, [*entrypoint, f"services.{service}"], env=env | {"PORT": str(port)})
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603 - buildah run, our command
    return Run(service, port, process, log)


def wait_healthy(started: list[Run], deadline: float) -> None:
    """Each service's /healthz 200 (alive), then its /readyz 200 (RabbitMQ and Redis reached from
    inside the image), all of them polled together until ``deadline``."""
    pending = {run.service: (run, "/healthz") for run in started}
    while pending and time.monotonic() < deadline:
        for name, (run, path) in list(pending.items()):
            if run.process.poll() is not None:
                run.findings.append(f"exited with {run.process.returncode} before {path} answered 200")
                del pending[name]
            elif get(run.base + path) == 200:
                run.timings[path] = time.monotonic() - run.started
                if path == "/healthz":
                    pending[name] = (run, "/readyz")
                else:
                    del pending[name]
        time.sleep(0.1)
    for run, path in pending.values():
        run.findings.append(f"{path}: {get(run.base + path)} after {time.monotonic() - run.started:.0f} s, not 200")


def check_user(run: Run, expected_uid: int) -> None:
    pid = run.pid()
    if pid is None:
        run.findings.append("its python process was not found")
        return
    uids = re.search(r"^Uid:\s+(\d+)", Path(f"/proc/{pid}/status").read_text(), re.M)
    uid = int(uids.group(1)) if uids else -1
    if uid == 0 or uid != expected_uid:
        run.findings.append(f"runs as uid {uid}, not the image's user {expected_uid}")


def terminate(run: Run) -> None:
    """SIGTERM to the service's process; it must exit 0 within the pods' grace period."""
    grace = grace_seconds(run.service)
    pid = run.pid()
    if pid is None:
        run.findings.append("not running when it was to be stopped")
        return
    signalled = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    try:
        code = run.process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        run.findings.append(f"still running {grace:.0f} s after SIGTERM (terminationGracePeriodSeconds)")
        run.process.kill()
        run.process.wait()
        return
    run.timings["SIGTERM→exit"] = time.monotonic() - signalled
    if code != 0:
        run.findings.append(f"exited with {code} after SIGTERM")


def stop(run: Run) -> None:
    """Kill whatever is left of ``run`` (after a failure)."""
    if run.process.poll() is None:
        pid = run.pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
        run.process.kill()
        run.process.wait()
    run.log.close()
