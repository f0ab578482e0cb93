"""``python -m services.web``."""

from services.web.app import create_app
from services.web.settings import WebSettings
from shared.runtime import run_service

if __name__ == "__main__":
    run_service("web", WebSettings, create_app)
