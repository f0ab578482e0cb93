"""return_to and JS-SDK page URLs: only http(s) URLs on an allowed host pass, unchanged; property tests over
hostile URLs check that whatever passes names an allowed host for two independent parsers too."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from yarl import URL

from services.web.hosts import AllowedHosts, parse_hosts
from services.web.page_url import RefusedUrl, check_page_url, with_result

HOSTS = parse_hosts(["shop.example.com", "api.example.com:8443", "*.pages.example.com"], source="test")
ALLOWED_EXACT = {"shop.example.com", "api.example.com"}


def allowed_for_parser(host: str | None, port: int | None) -> bool:
    if host is None:
        return False
    host = host.lower()
    if host == "shop.example.com":
        return True
    if host == "api.example.com":
        return port == 8443
    return host.endswith(".pages.example.com")


def passes(raw: str, hosts: AllowedHosts = HOSTS) -> bool:
    try:
        assert check_page_url(raw, hosts) == raw  # never rewritten
    except RefusedUrl:
        return False
    return True


# -- examples ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://shop.example.com",
        "https://shop.example.com/",
        "http://shop.example.com:8080/a/b?x=1&y=%E4%BD%A0#frag",
        "HTTPS://SHOP.example.com/orders",
        "https://api.example.com:8443/page",
        "https://a.pages.example.com/",
        "https://a.b.pages.example.com/x?return=https://elsewhere",
    ],
)
def test_urls_on_allowed_hosts_pass_unchanged(url: str) -> None:
    assert passes(url)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "javascript:alert(1)",
        "javascript://shop.example.com/%0aalert(1)",
        "data:text/html,<script>",
        "//shop.example.com/",
        "///shop.example.com/",
        "https:shop.example.com",
        "https:/shop.example.com",
        "https:\\\\shop.example.com",
        "https://shop.example.com\\@evil.net",
        "https://evil.net\\shop.example.com",
        "https://evil.net#@shop.example.com",
        "https://evil.net?@shop.example.com",
        "https://shop.example.com@evil.net",
        "https://user:pw@shop.example.com/",
        "https://shop.example.com.evil.net/",
        "https://evilshop.example.com/",
        "https://shop.example.com./",
        "https://shop.example.com%2eevil.net/",
        "https://shop%2eexample.com/",
        "https://ѕhop.example.com/",  # Cyrillic ѕ
        "https://shop.example.com /",
        "https://shop.example.com\t/",
        "https://shop.example.com\n.evil.net/",
        "https://api.example.com/",  # port 443, not the allowed 8443
        "https://api.example.com:443/",
        "https://pages.example.com/",
        "https://shop.example.com:0/",
        "https://shop.example.com:99999/",
        "https://shop.example.com:/",
        "https://[::1]/",
        "ftp://shop.example.com/",
        "https://shop.example.com/" + "a" * 2100,
    ],
)
def test_hostile_urls_are_refused(url: str) -> None:
    assert not passes(url)


def test_with_no_allowed_hosts_nothing_passes() -> None:
    assert not passes("https://shop.example.com/", AllowedHosts())


@pytest.mark.parametrize(
    "entry", ["", "https://shop.example.com", "*.com", "*.example.com:443", "shop.example.com:0", "sh op.com", "*"]
)
def test_bad_host_entries_are_refused_at_start(entry: str) -> None:
    if not entry:
        assert not parse_hosts([entry], source="t")
        return
    with pytest.raises(ValueError, match="t: "):
        parse_hosts([entry], source="t")


# -- properties ----------------------------------------------------------------------------------

SCHEMES = st.sampled_from(["https", "http", "HTTPS", "javascript", "data", "ftp", "", "https ", "ht\ttps"])
SEPARATORS = st.sampled_from(["://", ":/", ":", "//", ":\\\\", ":///", ":/\\", "://\\"])
USERINFO = st.sampled_from(["", "", "user@", "user:pw@", "shop.example.com@", "%40@", "a@b@"])
HOST_NAMES = st.sampled_from(
    [
        "shop.example.com",
        "SHOP.EXAMPLE.COM",
        "api.example.com",
        "x.pages.example.com",
        "pages.example.com",
        "shop.example.com.evil.net",
        "evilshop.example.com",
        "shop.example.com.",
        "shop.example.com%2eevil",
        "shop-example.com",
        "evil.net",
        "xpages.example.com",
        "shop.example.com\\evil.net",
        "[::1]",
        "127.0.0.1",
        "",
    ]
)
PORTS = st.sampled_from(["", "", ":443", ":8443", ":80", ":0", ":65536", ":abc", ":"])
TAIL_CHARS = st.sampled_from([*"/?#&=@\\%.:;,+ab09_~-", "%2F", "%40", "%23", " ", "\t", "\n", "é", "\x00"])
TAILS = st.lists(TAIL_CHARS, max_size=12).map("".join)


@given(scheme=SCHEMES, sep=SEPARATORS, userinfo=USERINFO, host=HOST_NAMES, port=PORTS, tail=TAILS)
@example(scheme="https", sep="://", userinfo="", host="shop.example.com", port="", tail="\\@evil.net")
@example(scheme="https", sep="://", userinfo="", host="evil.net", port="", tail="#@shop.example.com")
def test_whatever_passes_names_an_allowed_host_for_python_and_yarl_alike(
    scheme: str, sep: str, userinfo: str, host: str, port: str, tail: str
) -> None:
    raw = f"{scheme}{sep}{userinfo}{host}{port}{tail}"
    if not passes(raw):
        return
    assert raw.isascii() and raw.isprintable() and " " not in raw and "\\" not in raw
    ours, theirs = urlsplit(raw), URL(raw)
    assert ours.scheme.lower() in ("http", "https") and theirs.scheme in ("http", "https")
    assert ours.username is None and theirs.user is None and theirs.password is None
    assert allowed_for_parser(ours.hostname, ours.port or (443 if ours.scheme.lower() == "https" else 80))
    assert allowed_for_parser(theirs.host, theirs.port)


@given(host=HOST_NAMES, tail=TAILS)
def test_a_url_naming_a_host_off_the_list_never_passes(host: str, tail: str) -> None:
    assume(host.lower() not in ALLOWED_EXACT and not host.lower().endswith(".pages.example.com"))
    assert not passes(f"https://{host}{tail}")


SAFE = st.text(alphabet="abcXYZ019-._~!$&'()*+,;=:@/%", max_size=20)


@given(
    host=st.sampled_from(["shop.example.com", "a.pages.example.com", "b.c.pages.example.com"]),
    port=st.sampled_from(["", ":8080"]),
    path=SAFE,
    query=SAFE.map(lambda q: q.replace("#", "")),
    fragment=SAFE,
)
def test_well_formed_urls_on_allowed_hosts_pass_unchanged(
    host: str, port: str, path: str, query: str, fragment: str
) -> None:
    raw = f"https://{host}{port}/{path}?{query}#{fragment}"
    assert passes(raw)


@given(query=st.lists(st.tuples(st.sampled_from(["a", "b", "wx_ticket", "wx_error", "c"]), SAFE), max_size=5))
def test_the_result_is_the_one_wx_ticket_and_nothing_else_changes(query: list[tuple[str, str]]) -> None:
    pairs = "&".join(f"{name}={value.replace('&', '').replace('#', '')}" for name, value in query)
    return_to = f"https://shop.example.com/p?{pairs}#frag" if pairs else "https://shop.example.com/p#frag"
    result = with_result(return_to, "wx_ticket", "T1cket")
    before, after = urlsplit(return_to), urlsplit(result)
    assert (after.netloc, after.path, after.fragment) == (before.netloc, before.path, before.fragment)
    kept = [p for p in before.query.split("&") if p and p.split("=", 1)[0] not in ("wx_ticket", "wx_error")]
    assert after.query.split("&") == [*kept, "wx_ticket=T1cket"]
    assert [v for k, v in parse_qsl(after.query) if k == "wx_ticket"] == ["T1cket"]
