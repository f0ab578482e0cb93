"""``python -m services.proxy``."""

from services.proxy.app import create_app
from services.proxy.settings import ProxySettings
from shared.runtime import run_service

if __name__ == "__main__":
    run_service("proxy", ProxySettings, create_app)
