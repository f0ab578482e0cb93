"""``python -m services.token``: load settings, configure logging, serve."""

from services.token.app import create_app
from services.token.settings import TokenSettings
from shared.logging import configure_logging
from shared.runtime import serve


def main() -> None:
    settings = TokenSettings()
    configure_logging(level=settings.log_level, fmt=settings.log_format, secret_values=settings.secret_values())
    serve(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        shutdown_timeout=settings.shutdown_timeout_seconds,
        name="token",
    )


if __name__ == "__main__":
    main()
