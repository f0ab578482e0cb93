"""The benchmark's own RabbitMQ vhost: made when rabbitmqctl can, the given URL otherwise."""

import subprocess
from collections.abc import Sequence

from bench.vhost import VHOST, isolated_url, vhost_of, with_vhost


def test_urls_name_their_vhost() -> None:
    assert vhost_of("amqp://guest:guest@127.0.0.1:5672/") == "/"
    assert vhost_of("amqp://guest:guest@127.0.0.1:5672") == "/"
    assert vhost_of("amqp://u:p@h:5672/%2F") == "/"
    assert vhost_of("amqp://u:p@h:5672/team-a") == "team-a"
    assert with_vhost("amqp://u:p@h:5672/", VHOST) == "amqp://u:p@h:5672/wxmp-bench"


def test_the_default_vhost_is_swapped_for_the_benchmarks_own() -> None:
    calls: list[list[str]] = []

    def run(args: Sequence[str]) -> str:
        calls.append(list(args))
        return "name\n/\n" if args[0] == "list_vhosts" else ""

    url, _ = isolated_url("amqp://bench:secret@127.0.0.1:5672/", run)
    assert url == "amqp://bench:secret@127.0.0.1:5672/wxmp-bench"
    assert calls == [
        ["list_vhosts", "name"],
        ["add_vhost", VHOST],
        ["set_permissions", "-p", VHOST, "bench", ".*", ".*", ".*"],
    ]


def test_an_existing_vhost_is_not_made_again() -> None:
    calls: list[str] = []

    def run(args: Sequence[str]) -> str:
        calls.append(args[0])
        return f"/\n{VHOST}\n"

    assert isolated_url("amqp://guest:guest@127.0.0.1:5672/", run)[0].endswith("/wxmp-bench")
    assert calls == ["list_vhosts", "set_permissions"]


def test_a_given_vhost_or_no_rabbitmqctl_keeps_the_url() -> None:
    def refuse(args: Sequence[str]) -> str:
        raise AssertionError("not called")

    assert isolated_url("amqp://u:p@h:5672/mine", refuse)[0] == "amqp://u:p@h:5672/mine"
    url, why = isolated_url("amqp://u:p@h:5672/", None)
    assert url == "amqp://u:p@h:5672/" and "default vhost" in why

    def fail(args: Sequence[str]) -> str:
        raise subprocess.CalledProcessError(2, "rabbitmqctl")

    assert isolated_url("amqp://u:p@h:5672/", fail)[0] == "amqp://u:p@h:5672/"
