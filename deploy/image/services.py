"""The services ``make image-check`` starts inside the image: one line each, with what that service
needs on top of the environment every service gets there (``runs.common_environment``).

A service of the table whose ``services/<name>/__main__.py`` is not in the image yet is skipped; a
service in the image but not in the table fails the check, so a new service gets its line here."""

SERVICES: dict[str, dict[str, str]] = {
    "gateway": {},
    "token": {},
    "dispatcher": {},
    "notifier": {},
    "proxy": {},
    "web": {"WEB_SESSION_SECRET": "image-check-only-session-secret"},
}
