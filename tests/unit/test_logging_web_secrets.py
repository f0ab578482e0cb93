"""OAuth codes, web tickets and WEB_SESSION_SECRET never reach a rendered log line."""

from services.web.settings import WebSettings
from shared.logging import REDACTED, RedactSecrets


def redact(**event: object) -> dict[str, object]:
    return dict(RedactSecrets(["web-session-secret-1234"])(None, "info", dict(event)))


def test_codes_and_tickets_in_urls_and_paths_are_replaced() -> None:
    line = "GET /oauth/wx1/callback?code=0a1B2c&state=S1 then /v1/web/tickets/T1CK3T and ?wx_ticket=T2&x=1"
    assert redact(event=line)["event"] == (
        f"GET /oauth/wx1/callback?code={REDACTED}&state=S1 then /v1/web/tickets/{REDACTED} "
        f"and ?wx_ticket={REDACTED}&x=1"
    )


def test_errcode_and_status_code_stay_readable() -> None:
    out = redact(event="errcode=40029 status_code=400", errcode=40029, status_code=400)
    assert out == {"event": "errcode=40029 status_code=400", "errcode": 40029, "status_code": 400}


def test_code_and_ticket_keys_are_replaced() -> None:
    assert redact(event="x", code="abc", wx_ticket="t", oauth_code="c") == {
        "event": "x",
        "code": REDACTED,
        "wx_ticket": REDACTED,
        "oauth_code": REDACTED,
    }


def test_the_session_secret_is_among_the_secret_values() -> None:
    settings = WebSettings(web_session_secret="web-session-secret-1234", wechat_apps_file=None)
    assert "web-session-secret-1234" in settings.secret_values()
    assert redact(event="key web-session-secret-1234")["event"] == f"key {REDACTED}"
