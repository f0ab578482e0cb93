"""buildah, as ``make image-check`` drives it: one storage driver for every call (buildah 1.28 reads
it from the command line only), chroot isolation (no runtime, the host's network)."""

import json
import subprocess
from pathlib import Path
from typing import Any


class BuildahError(RuntimeError):
    pass


class Buildah:
    def __init__(self, storage_driver: str) -> None:
        self.command = ["buildah", "--storage-driver", storage_driver]

    def __call__(self, *args: str, timeout: float = 600) -> str:
        done = subprocess.run(  # noqa: S603 - buildah with our own arguments
            [*self.command, *args], capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            raise BuildahError(f"buildah {' '.join(args)}: {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout.strip()

    def run_command(self, container: str, command: list[str], *, env: dict[str, str] | None = None) -> list[str]:
        """The command line of ``buildah run`` for ``command`` in ``container``, as Kubernetes runs
        it: the image's user and working directory, an empty ``/tmp`` of its own (the pods'
        emptyDir), nothing else writable for that user."""
        options = ["--isolation", "chroot", "--mount", "type=tmpfs,destination=/tmp"]
        for name, value in (env or {}).items():
            options += ["--env", f"{name}={value}"]
        return [*self.command, "run", *options, container, "--", *command]

    def image(self, image: str) -> dict[str, Any]:
        """The image's OCI configuration (``config``, ``history``, ...)."""
        found: dict[str, Any] = json.loads(self("inspect", "--type", "image", image))["OCIv1"]
        return found

    def export(self, image: str, archive: Path, reference: str) -> None:
        archive.parent.mkdir(parents=True, exist_ok=True)
        archive.unlink(missing_ok=True)
        self("push", "--quiet", image, f"oci-archive:{archive}:{reference}")
