"""``docs/api-coverage.md``, generated from the catalogue: every endpoint, served or shut down by WeChat.

``make api-coverage`` writes it; a unit test fails when the shipped page is stale.
"""

from shared.wechat.catalogue import Catalogue, default_catalogue
from shared.wechat.endpoint import Endpoint, Host

# Endpoints the platform calls itself and never proxies: the token service owns them.
OWNED_BY_TOKEN_SERVICE = ("cgi-bin/token", "cgi-bin/stable_token", "cgi-bin/ticket/getticket")

HEADER = """\
# WeChat API coverage

Generated from the catalogue (`shared/wechat/catalogue/`) by `make api-coverage`; do not edit.
Every supported endpoint below is served by the API proxy at `/v1/apps/{{app_id}}/wechat/{{path}}`;
a deprecated one answers 410 naming its replacement; `GET /v1/endpoints` lists them all.
*Changes* says whether a call changes anything at WeChat: only calls that change nothing are
retried after WeChat's `-1` or a network error. *Daily limit* is
WeChat's documented default per account (接口调用频次限制说明); the proxy refuses locally
(429) shortly before an account reaches it.

The credentials endpoints ({owned}) are the token service's alone and never proxied.
"""


def _status(endpoint: Endpoint) -> str:
    if endpoint.replacement is not None:
        return f"deprecated: use `{endpoint.replacement}` (410)"
    if endpoint.shut_down is not None:
        return f"deprecated: no replacement, {endpoint.shut_down} (410)"
    return "supported" if endpoint.host is Host.API else "supported (mp.weixin.qq.com, no token)"


def _row(endpoint: Endpoint) -> str:
    limit = f"{endpoint.daily_limit:,}" if endpoint.daily_limit is not None else "—"
    changes = "yes" if endpoint.changes else "no"
    return f"| `{endpoint.path}` | {endpoint.method} | {endpoint.summary} | {changes} | {limit} | {_status(endpoint)} |"


def render(catalogue: Catalogue) -> str:
    owned = ", ".join(f"`{path}`" for path in OWNED_BY_TOKEN_SERVICE)
    parts = [HEADER.format(owned=owned)]
    for group in catalogue.groups():
        endpoints = sorted(catalogue.in_group(group), key=lambda endpoint: endpoint.path)
        served = sum(not endpoint.deprecated for endpoint in endpoints)
        parts.append(f"## {group} ({served} supported, {len(endpoints) - served} deprecated)\n")
        parts.append("| path | method | what it does | changes | daily limit | status |")
        parts.append("| --- | --- | --- | --- | --- | --- |")
        parts.extend(_row(endpoint) for endpoint in endpoints)
        parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(default_catalogue()), end="")
