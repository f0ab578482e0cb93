"""``python -m sandbox``: the sandbox (fake WeChat API, chat console, events page) on ``PORT`` (8090),
its bus tap on RabbitMQ (``AMQP_URL``): the sandbox of ``make run`` with RabbitMQ and Redis."""

from sandbox.fake_wechat.settings import FakeWeChatSettings
from sandbox.service import SandboxSettings, create_app
from shared.backends import NetworkBackends
from shared.logging import configure_logging
from shared.runtime import serve


def main() -> None:
    settings = SandboxSettings()
    fake = FakeWeChatSettings().config()
    secrets = settings.secret_values() + [app.app_secret.get_secret_value() for app in fake.apps]
    configure_logging(level=settings.log_level, fmt=settings.log_format, secret_values=secrets)
    app = create_app(settings, fake, NetworkBackends(settings))
    serve(
        app, host=settings.host, port=settings.port, shutdown_timeout=settings.shutdown_timeout_seconds, name="sandbox"
    )


if __name__ == "__main__":
    main()
