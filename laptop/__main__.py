"""``python -m laptop`` (``make run``): the whole system on one machine.

With ``AMQP_URL`` and ``REDIS_URL`` both unset, everything runs in this one
process on an in-memory broker and store (``laptop.single_process``), with
the sandbox on port 8090 (unless ``WECHAT_API_BASE`` names a real WeChat API)
— nothing to install but Python. With both set, each
service is a child process against that RabbitMQ and Redis; ``--sandbox`` adds
the sandbox process (the fake WeChat API, the chat console, the events page),
which the services then use as ``WECHAT_API_BASE``. Everything listens on
127.0.0.1 unless ``HOST`` says otherwise. SIGINT/SIGTERM stop
everything gracefully; if a child exits, the others are stopped and the
launcher exits with its code.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from types import FrameType

from laptop import single_process

# Default ports.
SERVICES = {"gateway": 8080, "token": 8081, "dispatcher": 8082, "notifier": 8083, "proxy": 8084, "web": 8085}
SANDBOX_PORT = 8090
DEV_INTERNAL_API_KEY = "dev-only-internal-key"
DEV_WEB_SESSION_SECRET = "dev-only-web-session-secret"


def _children(sandbox: bool, offset: int) -> dict[str, tuple[list[str], int]]:
    """name → (argv, port)."""
    children = {name: ([sys.executable, "-m", f"services.{name}"], port + offset) for name, port in SERVICES.items()}
    if sandbox:
        children = {"sandbox": ([sys.executable, "-m", "sandbox"], SANDBOX_PORT + offset), **children}
    return children


def _run_processes(env: dict[str, str], sandbox: bool, offset: int) -> int:
    children = _children(sandbox, offset)
    env["TOKEN_SERVICE_URL"] = f"http://127.0.0.1:{children['token'][1]}"
    env.setdefault("WEB_PUBLIC_URL", f"http://127.0.0.1:{children['web'][1]}")
    if sandbox:
        env["WECHAT_API_BASE"] = f"http://127.0.0.1:{children['sandbox'][1]}"
        env["WECHAT_OAUTH_BASE"] = env["WECHAT_API_BASE"]  # the consent page is the sandbox's too
        env["WECHAT_MP_BASE"] = env["WECHAT_API_BASE"]  # the fake serves showqrcode too
        env["GATEWAY_URL"] = f"http://127.0.0.1:{children['gateway'][1]}"
        env["DISPATCHER_URL"] = f"http://127.0.0.1:{children['dispatcher'][1]}"
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sandbox", "--fake-wechat", action="store_true", help="with RabbitMQ and Redis: run the sandbox too"
    )
    parser.add_argument(
        "--port-offset", type=int, default=0, help="add this to every port (several systems on one host)"
    )
    args = parser.parse_args()
    env = dict(os.environ)
    if not env.get("INTERNAL_API_KEY"):
        env["INTERNAL_API_KEY"] = DEV_INTERNAL_API_KEY
        print(f"INTERNAL_API_KEY is unset: using the development key {DEV_INTERNAL_API_KEY!r}", file=sys.stderr)
    if not env.get("WEB_SESSION_SECRET"):
        env["WEB_SESSION_SECRET"] = DEV_WEB_SESSION_SECRET
        print("WEB_SESSION_SECRET is unset: using a development secret", file=sys.stderr)
    if not env.get("HOST"):  # a development system, with a well-known key: this machine only
        env["HOST"] = "127.0.0.1"
    urls = [name for name in ("AMQP_URL", "REDIS_URL") if env.get(name)]
    if len(urls) == 1:
        parser.error(f"only {urls[0]} is set: set both AMQP_URL and REDIS_URL, or neither (single-process mode)")
    if not urls:
        ports = {name: port + args.port_offset for name, port in {**SERVICES, "sandbox": SANDBOX_PORT}.items()}
        return single_process.run(
            ports,
            host=env["HOST"],
            internal_api_key=env["INTERNAL_API_KEY"],
            wechat_api_base=env.get("WECHAT_API_BASE"),
            web_session_secret=env["WEB_SESSION_SECRET"],
        )
    print("AMQP_URL and REDIS_URL are set: one process per service, on RabbitMQ and Redis", file=sys.stderr)
    return _run_processes(env, args.sandbox, args.port_offset)


if __name__ == "__main__":
    sys.exit(main())
