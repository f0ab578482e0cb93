"""``python -m services.token``."""

from services.token.app import create_app
from services.token.settings import TokenSettings
from shared.runtime import run_service

if __name__ == "__main__":
    run_service("token", TokenSettings, create_app)
