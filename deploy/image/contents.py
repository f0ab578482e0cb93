"""What must not be in the image, looked for in its mounted root filesystem: tests, the sandbox,
laptop mode, dev tools, secrets, the build host's CA bundle; and what a run wrote outside ``/tmp``.
Pure functions of a directory tree (and of pyproject.toml), so that tests can try them on a few files."""

import base64
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

# Never under /app: the repository's other parts.
NOT_SHIPPED = ("tests", "sandbox", "laptop", "bench", "config", "deploy", "docs", "schema", ".git", ".venv")
# Modules that must not be importable from the venv either (the project installed whole would bring them).
NOT_INSTALLED_MODULES = ("tests", "sandbox", "laptop", "bench")
# File names that hold secrets or credentials, wherever they are.
SECRET_NAMES = re.compile(
    r"^(\.env(\..*)?|.*\.pem|.*\.key|id_(rsa|ecdsa|ed25519)|\.netrc|\.pypirc|pip\.conf|apps(\..*)?\.ya?ml|"
    r"secret(\..*)?\.ya?ml|.*\.crt)$"
)
# Where a base image keeps its own public certificate authorities (not secrets).
PUBLIC_CERTIFICATES = ("etc/ssl/certs", "usr/share/ca-certificates", "usr/local/share/ca-certificates")
COMPILERS = ("gcc", "cc", "c++", "g++", "clang", "make")
# What `buildah run` itself writes into the container (its /etc/hosts and friends).
RUN_BOOKKEEPING = {"etc/hosts", "etc/hostname", "etc/resolv.conf", "run/.containerenv", "etc", "run"}
# Not the container's own files: kernel and device filesystems, mounted over the root at run time.
VIRTUAL = ("proc", "sys", "dev")
PEM = re.compile(r"-----BEGIN CERTIFICATE-----\s+(.+?)\s+-----END CERTIFICATE-----", re.S)


def normalized(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def walk(root: Path, *, skip: Iterable[str] = VIRTUAL) -> Iterator[tuple[str, os.stat_result]]:
    """(path relative to ``root``, lstat) of every entry, not following links nor entering ``skip``."""
    skipped = set(skip)
    pending = [root]
    while pending:
        directory = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                relative = os.path.relpath(entry.path, root)
                if relative in skipped:
                    continue
                info = entry.stat(follow_symlinks=False)
                yield relative, info
                if stat.S_ISDIR(info.st_mode):
                    pending.append(Path(entry.path))


def site_packages(root: Path) -> list[Path]:
    return sorted((root / "opt" / "venv" / "lib").glob("python3*/site-packages"))


def installed_distributions(root: Path) -> set[str]:
    return {
        normalized(path.name.removesuffix(".dist-info").rsplit("-", 1)[0])  # {name}-{version}.dist-info
        for packages in site_packages(root)
        for path in packages.glob("*.dist-info")
    }


def unwanted(root: Path, extras: dict[str, list[str]]) -> list[str]:
    """Findings: repository parts, tests, extras' packages (dev tools, laptop mode), compilers,
    pip in the venv, secret-looking files; ``extras`` is pyproject's optional-dependencies."""
    findings = [f"/app/{name} is in the image" for name in NOT_SHIPPED if (root / "app" / name).exists()]
    installed = installed_distributions(root)
    for extra, specs in extras.items():
        for spec in specs:
            name = normalized(re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0])
            if name in installed:
                findings.append(f"{name} (the {extra} extra) is installed in /opt/venv")
    if "pip" in installed:
        findings.append("pip is installed in /opt/venv")
    for packages in site_packages(root):
        findings += [
            f"{packages.relative_to(root)}/{m} is importable"
            for m in NOT_INSTALLED_MODULES
            if (packages / m).exists() or (packages / f"{m}.py").exists()
        ]
    for directory in ("usr/bin", "usr/local/bin"):
        findings += [
            f"/{directory}/{tool} (a compiler or build tool)"
            for tool in COMPILERS
            if (root / directory / tool).exists()
        ]
    for relative, info in walk(root):
        name = os.path.basename(relative)
        if relative.startswith("app/") and (name == "conftest.py" or re.fullmatch(r"test_.*\.py", name)):
            findings.append(f"/{relative} (a test)")
        elif stat.S_ISREG(info.st_mode) and SECRET_NAMES.match(name) and not relative.startswith(PUBLIC_CERTIFICATES):
            findings.append(f"/{relative} (a secret's file name)")
    if (root / "run" / "secrets").exists():
        findings.append("/run/secrets is in the image")
    return findings


def certificates(bundle: str) -> set[str]:
    """The certificates of a PEM bundle, as their base64 text with the line breaks removed."""
    return {re.sub(r"\s+", "", body) for body in PEM.findall(bundle)}


def extra_certificates(host_bundle: str, image_bundle: str) -> set[str]:
    """The certificate authorities the build host trusts beyond the image's own: what the CA bundle
    lent to the build adds, which must not end up in the image."""
    return certificates(host_bundle) - certificates(image_bundle)


def files_containing(root: Path, certificates_base64: set[str]) -> list[str]:
    """The files that hold any of the certificates, in DER or in PEM's 64-character lines."""
    needles: list[bytes] = []
    for body in certificates_base64:
        needles.append(base64.b64decode(body))
        needles += [line.encode() for line in re.findall(".{64}", body)[2:4]]  # past the common header
    found = []
    for relative, info in walk(root):
        if stat.S_ISREG(info.st_mode) and 0 < info.st_size < 64 << 20:
            data = (root / relative).read_bytes()
            if any(needle in data for needle in needles):
                found.append(f"/{relative}")
    return found


def written_since(root: Path, moment: float) -> list[str]:
    """What changed after ``moment`` (ns since the epoch), but ``/tmp`` (the container's own tmpfs)
    and what ``buildah run`` writes itself."""
    return sorted(
        f"/{relative}"
        for relative, info in walk(root, skip=(*VIRTUAL, "tmp"))
        if info.st_ctime_ns >= moment and relative not in RUN_BOOKKEEPING
    )


def apparent_size(root: Path) -> int:
    """Bytes of the files of the image (uncompressed, as ``docker images`` counts them)."""
    return sum(info.st_size for _, info in walk(root) if stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode))
