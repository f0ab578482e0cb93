"""``python -m services.gateway``."""

from services.gateway.app import create_app
from services.gateway.settings import GatewaySettings
from shared.runtime import run_service

if __name__ == "__main__":
    run_service("gateway", GatewaySettings, create_app)
