"""``python -m sandbox.fake_wechat``: load settings, configure logging, serve the fake on ``PORT`` (8091)."""

import structlog

from sandbox.fake_wechat.app import create_app
from sandbox.fake_wechat.settings import FakeWeChatSettings
from shared.accounts import ConfigError
from shared.logging import configure_logging
from shared.runtime import serve


def main() -> None:
    settings = FakeWeChatSettings()
    try:
        config = settings.config()
    except (ConfigError, ValueError) as exc:
        raise SystemExit(f"fake_wechat: {exc}") from None
    secrets = [app.app_secret.get_secret_value() for app in config.apps]
    configure_logging(level=settings.log_level, fmt=settings.log_format, secret_values=secrets)
    structlog.get_logger(__name__).info("fake_wechat_apps", app_ids=[app.app_id for app in config.apps])
    serve(create_app(config), host=settings.host, port=settings.port, shutdown_timeout=1.0, name="fake_wechat")


if __name__ == "__main__":
    main()
