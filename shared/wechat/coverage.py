"""``docs/api-coverage.md``, generated from the catalogue: every endpoint, served or shut down by WeChat.

``make api-coverage`` writes it; a unit test fails when the shipped page is stale.
"""

from dataclasses import dataclass

from shared.wechat.catalogue import Catalogue, default_catalogue
from shared.wechat.endpoint import Endpoint, Host

# Endpoints the platform calls itself and never proxies: the token service owns them (they need the AppSecret,
# or hand out credentials).
OWNED_BY_TOKEN_SERVICE = (
    "cgi-bin/token", "cgi-bin/stable_token", "cgi-bin/ticket/getticket",
    "cgi-bin/clear_quota/v2",  # by AppSecret: POST /v1/apps/{app_id}/quota/clear
)  # fmt: skip

HEADER = """\
# WeChat API coverage

Generated from the catalogue (`shared/wechat/catalogue/`) by `make api-coverage`; do not edit.
Every supported endpoint below is served by the API proxy at `/v1/apps/{{app_id}}/wechat/{{path}}`;
a deprecated one answers 410 naming its replacement; `GET /v1/endpoints` lists them all.
*Changes* says whether a call changes anything at WeChat: only calls that change nothing are
retried after WeChat's `-1` or a network error. *Daily limit* is
WeChat's documented default per account (接口调用频次限制说明); the proxy refuses locally
(429) shortly before an account reaches it.

The credentials endpoints and the quota reset by AppSecret ({owned}) are the token service's alone and
never proxied (the reset is its `POST /v1/apps/{{app_id}}/quota/clear`).
"""


@dataclass(frozen=True)
class Words:
    """The page's words in one language: the English page ships, the docs site adds a Chinese one."""

    header: str  # formatted with ``owned``, the token service's endpoints
    owned_separator: str
    group_title: str  # formatted with ``group``, ``served``, ``gone``
    columns: str
    yes: str
    no: str
    replaced: str  # formatted with ``replacement``
    shut_down: str  # formatted with ``note``
    supported: str
    supported_mp: str

    def status(self, endpoint: Endpoint) -> str:
        if endpoint.replacement is not None:
            return self.replaced.format(replacement=endpoint.replacement)
        if endpoint.shut_down is not None:
            return self.shut_down.format(note=endpoint.shut_down)
        return self.supported if endpoint.host is Host.API else self.supported_mp

    def row(self, endpoint: Endpoint) -> str:
        limit = f"{endpoint.daily_limit:,}" if endpoint.daily_limit is not None else "—"
        changes = self.yes if endpoint.changes else self.no
        return (
            f"| `{endpoint.path}` | {endpoint.method} | {endpoint.summary} | {changes} | {limit} "
            f"| {self.status(endpoint)} |"
        )


ENGLISH = Words(
    header=HEADER,
    owned_separator=", ",
    group_title="## {group} ({served} supported, {gone} deprecated)\n",
    columns="| path | method | what it does | changes | daily limit | status |",
    yes="yes",
    no="no",
    replaced="deprecated: use `{replacement}` (410)",
    shut_down="deprecated: no replacement, {note} (410)",
    supported="supported",
    supported_mp="supported (mp.weixin.qq.com, no token)",
)


def render(catalogue: Catalogue, words: Words = ENGLISH) -> str:
    owned = words.owned_separator.join(f"`{path}`" for path in OWNED_BY_TOKEN_SERVICE)
    parts = [words.header.format(owned=owned)]
    for group in catalogue.groups():
        endpoints = sorted(catalogue.in_group(group), key=lambda endpoint: endpoint.path)
        served = sum(not endpoint.deprecated for endpoint in endpoints)
        parts.append(words.group_title.format(group=group, served=served, gone=len(endpoints) - served))
        parts.append(words.columns)
        parts.append("| --- | --- | --- | --- | --- | --- |")
        parts.extend(words.row(endpoint) for endpoint in endpoints)
        parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(default_catalogue()), end="")
