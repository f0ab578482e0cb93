"""Component tests: one service (or the fake WeChat) through ``aiohttp_client``; fixtures in tests/conftest.py."""
