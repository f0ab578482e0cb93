"""Web authorization as WeChat keeps it, with no I/O: every method takes ``now``.

Codes (single-use, 5 minutes), the user's web access_token (2 hours) and
refresh_token (30 days), and the sandbox's people: a few named followers with a
stable openid per account (WeChat's openids are per account; the unionid is one
per person) and a profile as ``sns/userinfo`` shows it since 2021-10-20
(nickname and avatar; sex 0 and empty region).
"""

import base64
import hashlib
import secrets
import string
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from sandbox.fake_wechat.errors import ApiError

CODE_LIFETIME = 300
WEB_TOKEN_LIFETIME = 7200
REFRESH_LIFETIME = 30 * 86400
SCOPES = ("snsapi_base", "snsapi_userinfo")
_ALPHANUMERIC = string.ascii_letters + string.digits


class OAuthErr(IntEnum):
    INVALID_CREDENTIAL = 40001
    INVALID_OPENID = 40003
    INVALID_CODE = 40029
    INVALID_REFRESH_TOKEN = 40030
    CODE_BEEN_USED = 40163
    REFRESH_TOKEN_MISSING = 41003
    CODE_MISSING = 41008
    ACCESS_TOKEN_EXPIRED = 42001
    REFRESH_TOKEN_EXPIRED = 42002
    API_UNAUTHORIZED = 48001


ERRMSG = {
    OAuthErr.INVALID_CREDENTIAL: "invalid credential, access_token is invalid or not latest",
    OAuthErr.INVALID_OPENID: "invalid openid",
    OAuthErr.INVALID_CODE: "invalid code",
    OAuthErr.INVALID_REFRESH_TOKEN: "invalid refresh_token",
    OAuthErr.CODE_BEEN_USED: "code been used",
    OAuthErr.REFRESH_TOKEN_MISSING: "missing refresh_token",
    OAuthErr.CODE_MISSING: "missing code",
    OAuthErr.ACCESS_TOKEN_EXPIRED: "access_token expired",
    OAuthErr.REFRESH_TOKEN_EXPIRED: "refresh_token expired",
    OAuthErr.API_UNAUTHORIZED: "api unauthorized",
}


def refused(code: OAuthErr) -> ApiError:
    return ApiError(code, ERRMSG[code])


@dataclass(frozen=True)
class Person:
    key: str
    nickname: str


PEOPLE = (Person("lilei", "李雷"), Person("hanmeimei", "韩梅梅"), Person("alice", "Alice"), Person("bob", "Bob"))
PEOPLE_BY_KEY = {person.key: person for person in PEOPLE}


def _stable_id(seed: str) -> str:
    """28 URL-safe characters starting with "o", like WeChat's openids and unionids."""
    return "o" + base64.urlsafe_b64encode(hashlib.sha256(seed.encode()).digest()).decode()[:27]


def openid_for(app_id: str, person: str) -> str:
    return _stable_id(f"openid:{app_id}:{person}")


def follower_openid(app_id: str, person: str, openid: str = "") -> str:
    """The follower a sandbox page chose: an openid of the developer's own, or a sandbox person's (the first
    by default)."""
    return openid or openid_for(app_id, PEOPLE_BY_KEY.get(person, PEOPLE[0]).key)


def unionid_for(person: str) -> str:
    return _stable_id(f"unionid:{person}")


def _secret_value(prefix: str = "") -> str:
    return prefix + "".join(secrets.choice(_ALPHANUMERIC) for _ in range(32))


@dataclass(frozen=True)
class Grant:
    """What a follower allowed an account on the consent page."""

    app_id: str
    openid: str
    unionid: str
    scope: str
    nickname: str
    headimgurl: str

    def profile(self) -> dict[str, Any]:
        return {
            "openid": self.openid,
            "nickname": self.nickname,
            "sex": 0,
            "province": "",
            "city": "",
            "country": "",
            "headimgurl": self.headimgurl,
            "privilege": [],
            "unionid": self.unionid,
        }


@dataclass
class _Code:
    grant: Grant
    expires_at: float
    used: bool = False


@dataclass
class _WebToken:
    grant: Grant
    expires_at: float


@dataclass
class _Refresh:
    grant: Grant
    expires_at: float
    access_token: str


@dataclass
class OAuthBook:
    codes: dict[str, _Code] = field(default_factory=dict)
    tokens: dict[str, _WebToken] = field(default_factory=dict)
    refreshes: dict[str, _Refresh] = field(default_factory=dict)
    authorizations: list[dict[str, Any]] = field(default_factory=list)  # what the consent page decided

    def issue_code(self, grant: Grant, now: float) -> str:
        code = _secret_value()
        self.codes[code] = _Code(grant, now + CODE_LIFETIME)
        return code

    def _token_answer(self, grant: Grant, access_token: str, refresh_token: str, now: float) -> dict[str, Any]:
        answer: dict[str, Any] = {
            "access_token": access_token,
            "expires_in": int(self.tokens[access_token].expires_at - now),
            "refresh_token": refresh_token,
            "openid": grant.openid,
            "scope": grant.scope,
        }
        if grant.scope == "snsapi_userinfo":
            answer["unionid"] = grant.unionid
        return answer

    def exchange(self, app_id: str, code: object, now: float) -> dict[str, Any]:
        """``sns/oauth2/access_token`` once the app is authenticated."""
        if not isinstance(code, str) or not code:
            raise refused(OAuthErr.CODE_MISSING)
        found = self.codes.get(code)
        if found is None or found.grant.app_id != app_id or now >= found.expires_at:
            raise refused(OAuthErr.INVALID_CODE)
        if found.used:
            raise refused(OAuthErr.CODE_BEEN_USED)
        found.used = True
        access_token, refresh_token = _secret_value("86_"), _secret_value("86_")
        self.tokens[access_token] = _WebToken(found.grant, now + WEB_TOKEN_LIFETIME)
        self.refreshes[refresh_token] = _Refresh(found.grant, now + REFRESH_LIFETIME, access_token)
        return self._token_answer(found.grant, access_token, refresh_token, now)

    def owner(self, access_token: str | None) -> str:
        """The app a web access_token was issued to (for call counts), or "unknown"."""
        token = self.tokens.get(access_token) if access_token else None
        return token.grant.app_id if token is not None else "unknown"

    def _token(self, access_token: object, openid: object, now: float) -> _WebToken:
        token = self.tokens.get(access_token) if isinstance(access_token, str) else None
        if token is None:
            raise refused(OAuthErr.INVALID_CREDENTIAL)
        if now >= token.expires_at:
            raise refused(OAuthErr.ACCESS_TOKEN_EXPIRED)
        if openid != token.grant.openid:
            raise refused(OAuthErr.INVALID_OPENID)
        return token

    def userinfo(self, access_token: object, openid: object, now: float) -> dict[str, Any]:
        token = self._token(access_token, openid, now)
        if token.grant.scope != "snsapi_userinfo":
            raise refused(OAuthErr.API_UNAUTHORIZED)
        return token.grant.profile()

    def check(self, access_token: object, openid: object, now: float) -> None:
        """``sns/auth``: the web access_token is valid for this openid."""
        self._token(access_token, openid, now)

    def refresh(self, app_id: str, refresh_token: object, now: float) -> dict[str, Any]:
        """A new access_token if the old one expired, else the same one with a renewed expiry."""
        if not isinstance(refresh_token, str) or not refresh_token:
            raise refused(OAuthErr.REFRESH_TOKEN_MISSING)
        found = self.refreshes.get(refresh_token)
        if found is None or found.grant.app_id != app_id:
            raise refused(OAuthErr.INVALID_REFRESH_TOKEN)
        if now >= found.expires_at:
            raise refused(OAuthErr.REFRESH_TOKEN_EXPIRED)
        current = self.tokens.get(found.access_token)
        if current is None or now >= current.expires_at:
            found.access_token = _secret_value("86_")
            self.tokens[found.access_token] = _WebToken(found.grant, now + WEB_TOKEN_LIFETIME)
        else:
            current.expires_at = now + WEB_TOKEN_LIFETIME
        return self._token_answer(found.grant, found.access_token, refresh_token, now)
