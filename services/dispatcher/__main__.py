"""``python -m services.dispatcher``: load settings, configure logging, serve."""

from services.dispatcher.app import create_app
from services.dispatcher.settings import DispatcherSettings
from shared.logging import configure_logging
from shared.runtime import serve


def main() -> None:
    settings = DispatcherSettings()
    configure_logging(level=settings.log_level, fmt=settings.log_format, secret_values=settings.secret_values())
    serve(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        shutdown_timeout=settings.shutdown_timeout_seconds,
        name="dispatcher",
    )


if __name__ == "__main__":
    main()
