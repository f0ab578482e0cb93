"""``python -m services``: the whole system on one machine, each service a child process.

With ``--fake-wechat`` the fake WeChat API (``sandbox.fake_wechat``, port 8091)
runs too and the services use it as ``WECHAT_API_BASE``. SIGINT/SIGTERM stop
every child gracefully; if one exits, the others are stopped and the launcher
exits with its code.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from types import FrameType

# Default ports.
SERVICES = {"gateway": 8080, "token": 8081, "dispatcher": 8082, "notifier": 8083}
FAKE_WECHAT_PORT = 8091
DEV_INTERNAL_API_KEY = "dev-only-internal-key"


def _children(fake_wechat: bool, offset: int) -> dict[str, tuple[list[str], int]]:
    """name → (argv, port)."""
    children = {name: ([sys.executable, "-m", f"services.{name}"], port + offset) for name, port in SERVICES.items()}
    if fake_wechat:
        children = {
            "fake-wechat": ([sys.executable, "-m", "sandbox.fake_wechat"], FAKE_WECHAT_PORT + offset),
            **children,
        }
    return children


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fake-wechat", action="store_true", help="run the fake WeChat API and use it")
    parser.add_argument(
        "--port-offset", type=int, default=0, help="add this to every port (several systems on one host)"
    )
    args = parser.parse_args()
    env = dict(os.environ)
    children = _children(args.fake_wechat, args.port_offset)
    env["TOKEN_SERVICE_URL"] = f"http://127.0.0.1:{children['token'][1]}"
    if args.fake_wechat:
        env["WECHAT_API_BASE"] = f"http://127.0.0.1:{children['fake-wechat'][1]}"
    if not env.get("INTERNAL_API_KEY"):
        env["INTERNAL_API_KEY"] = DEV_INTERNAL_API_KEY
        print(f"INTERNAL_API_KEY is unset: using the development key {DEV_INTERNAL_API_KEY!r}", file=sys.stderr)
    processes = {}
    for name, (argv, port) in children.items():
        processes[name] = subprocess.Popen(argv, env=env | {"PORT": str(port)})  # noqa: S603 - our own modules
        print(f"started {name} on port {port} (pid {processes[name].pid})", file=sys.stderr)

    stopping = False

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    exit_code = 0
    while not stopping:
        for name, process in processes.items():
            if process.poll() is not None:
                print(f"{name} exited with {process.returncode}; stopping the others", file=sys.stderr)
                exit_code = process.returncode or 1
                stopping = True
        time.sleep(0.2)
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes.values():
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
