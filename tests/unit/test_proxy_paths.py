"""The proxy's path resolution: only WeChat's path grammar reaches the catalogue, nothing else resolves."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.proxy.paths import no_token_in, raw_tail, resolve
from services.proxy.refusals import Refusal
from shared.wechat.catalogue import default_catalogue
from shared.wechat.endpoint import Endpoint

CATALOGUE = default_catalogue()
PATHS = [endpoint.path for endpoint in CATALOGUE]


def refusal(tail: str, method: str = "GET") -> tuple[int, str]:
    with pytest.raises(Refusal) as refused:
        resolve(tail, method, CATALOGUE)
    return refused.value.status, refused.value.code


@pytest.mark.parametrize("endpoint", [e for e in CATALOGUE if not e.deprecated], ids=lambda e: e.path)
def test_every_catalogued_path_resolves_with_its_method(endpoint: Endpoint) -> None:
    assert resolve(endpoint.path, endpoint.method, CATALOGUE) is endpoint
    other = "POST" if endpoint.method == "GET" else "GET"
    assert refusal(endpoint.path, other) == (405, "method_not_allowed")


def test_deprecated_paths_are_gone_naming_the_replacement() -> None:
    with pytest.raises(Refusal) as refused:
        resolve("cgi-bin/shorturl", "POST", CATALOGUE)
    assert (refused.value.status, refused.value.code) == (410, "deprecated_endpoint")
    assert "cgi-bin/shorten/gen" in refused.value.message


@pytest.mark.parametrize(
    "tail",
    ["", "/", "cgi-bin/../menu/get", "cgi-bin/./menu/get", "cgi-bin//menu/get", "cgi-bin/menu/get/",
     "/cgi-bin/menu/get", "cgi-bin%2Fmenu%2Fget", "cgi-bin/%2E%2E/get", "http://evil/cgi-bin/menu/get",
     "cgi-bin/menu/get?x", "cgi-bin/menu/get#x", "cgi-bin/menu/get ", "cgi-bin\\menu\\get", "a" * 201],
)  # fmt: skip
def test_anything_outside_the_grammar_is_malformed(tail: str) -> None:
    assert refusal(tail) == (400, "malformed_path")


@given(st.sampled_from(PATHS), st.integers(min_value=0), st.sampled_from(["..", ".", "", "%2e", "%2F", ":", "@"]))
def test_a_catalogued_path_with_anything_spliced_in_never_resolves(path: str, at: int, insert: str) -> None:
    segments = path.split("/")
    index = at % (len(segments) + 1)
    tricked = "/".join([*segments[:index], insert, *segments[index:]]) if insert in ("..", ".", "") else (
        path[: at % len(path)] + insert + path[at % len(path) :]
    )  # fmt: skip
    assert refusal(tricked)[0] == 400


@given(st.text(max_size=80))
def test_a_path_resolves_only_to_itself(tail: str) -> None:
    try:
        endpoint = resolve(tail, "GET", CATALOGUE)
    except Refusal as refused:
        assert refused.status in (400, 404, 405, 410)
    else:
        assert endpoint.path == tail


def test_unknown_well_formed_paths_are_404() -> None:
    assert refusal("cgi-bin/token") == (404, "unknown_endpoint")
    assert refusal("cgi-bin/menu") == (404, "unknown_endpoint")


@pytest.mark.parametrize(
    ("raw", "tail"),
    [("/v1/apps/wx1/wechat/cgi-bin/menu/get", "cgi-bin/menu/get"),
     ("/v1/apps/wx1/wechat/cgi-bin/menu/get?a=b", "cgi-bin/menu/get"),
     ("/v1/apps/wx1/wechat/cgi-bin%2Fmenu", "cgi-bin%2Fmenu")],
)  # fmt: skip
def test_the_raw_tail_is_taken_undecoded(raw: str, tail: str) -> None:
    assert raw_tail(raw, "wx1") == tail


@pytest.mark.parametrize(
    "raw", ["http://evil/v1/apps/wx1/wechat/x", "/v1/apps/%77x1/wechat/x", "/v1/apps/wx1/wechat/../wechat/x"]
)
def test_a_rewritten_prefix_is_malformed(raw: str) -> None:
    if raw.endswith("../wechat/x"):
        assert raw_tail(raw, "wx1") == "../wechat/x"  # and then malformed by resolve
        return
    with pytest.raises(Refusal) as refused:
        raw_tail(raw, "wx1")
    assert refused.value.code == "malformed_path"


def test_a_caller_never_sends_a_token() -> None:
    no_token_in(["media_id", "type"])
    for name in ("access_token", "Access_Token"):
        with pytest.raises(Refusal) as refused:
            no_token_in(["type", name])
        assert refused.value.status == 400
