"""The catalogue of WeChat endpoints and what is generated from it."""

from pathlib import Path

import pytest

from shared.wechat.catalogue import Catalogue, default_catalogue
from shared.wechat.coverage import render
from shared.wechat.endpoint import Body, Endpoint

COVERAGE_FILE = Path(__file__).resolve().parents[2] / "docs" / "api-coverage.md"

# Issue "The WeChat API for every caller, part 1": every endpoint of its groups.
PART_ONE = {
    "cgi-bin/getcallbackip", "cgi-bin/get_api_domain_ip", "cgi-bin/callback/check", "cgi-bin/openapi/quota/get",
    "cgi-bin/openapi/rid/get", "cgi-bin/clear_quota",
    "cgi-bin/menu/create", "cgi-bin/menu/get", "cgi-bin/menu/delete", "cgi-bin/menu/addconditional",
    "cgi-bin/menu/delconditional", "cgi-bin/menu/trymatch", "cgi-bin/get_current_selfmenu_info",
    "cgi-bin/media/upload", "cgi-bin/media/get", "cgi-bin/media/get/jssdk", "cgi-bin/media/uploadimg",
    "cgi-bin/material/add_material", "cgi-bin/material/get_material", "cgi-bin/material/del_material",
    "cgi-bin/material/get_materialcount", "cgi-bin/material/batchget_material",
    "cgi-bin/draft/add", "cgi-bin/draft/get", "cgi-bin/draft/update", "cgi-bin/draft/delete",
    "cgi-bin/draft/batchget", "cgi-bin/draft/count",
    "cgi-bin/freepublish/submit", "cgi-bin/freepublish/get", "cgi-bin/freepublish/delete",
    "cgi-bin/freepublish/getarticle", "cgi-bin/freepublish/batchget",
    "cgi-bin/comment/open", "cgi-bin/comment/close", "cgi-bin/comment/list", "cgi-bin/comment/markelect",
    "cgi-bin/comment/unmarkelect", "cgi-bin/comment/delete", "cgi-bin/comment/reply/add",
    "cgi-bin/comment/reply/delete",
    "cgi-bin/user/get", "cgi-bin/user/info", "cgi-bin/user/info/batchget", "cgi-bin/user/info/updateremark",
    "cgi-bin/tags/create", "cgi-bin/tags/get", "cgi-bin/tags/update", "cgi-bin/tags/delete", "cgi-bin/tags/getidlist",
    "cgi-bin/tags/members/batchtagging", "cgi-bin/tags/members/batchuntagging", "cgi-bin/user/tag/get",
    "cgi-bin/tags/members/getblacklist", "cgi-bin/tags/members/batchblacklist",
    "cgi-bin/tags/members/batchunblacklist",
    "cgi-bin/qrcode/create", "cgi-bin/showqrcode", "cgi-bin/shorten/gen", "cgi-bin/shorten/fetch",
}  # fmt: skip
SHUT_DOWN = {
    "cgi-bin/shorturl": "cgi-bin/shorten/gen",
    "cgi-bin/material/add_news": "cgi-bin/draft/add",
    "cgi-bin/material/update_news": "cgi-bin/draft/update",
    "cgi-bin/customservice/getrecord": "customservice/msgrecord/getmsglist",
    "customservice/msgrecord/getrecord": "customservice/msgrecord/getmsglist",
}
# The 2014 微信小店, as its API manual (V1.13) and the legacy Instant_Stores page list it.
OLD_SHOP = {
    "create", "del", "update", "get", "getbystatus", "modproductstatus", "category/getsub", "category/getsku",
    "category/getproperty", "stock/add", "stock/reduce", "express/add", "express/del", "express/update",
    "express/getbyid", "express/getall", "group/add", "group/del", "group/propertymod", "group/productmod",
    "group/getall", "group/getbyid", "shelf/add", "shelf/del", "shelf/mod", "shelf/getall", "shelf/getbyid",
    "order/getbyid", "order/getbyfilter", "order/setdelivery", "order/close", "common/upload_img",
}  # fmt: skip


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


def test_every_part_one_endpoint_is_served(catalogue: Catalogue) -> None:
    served = {endpoint.path for endpoint in catalogue if not endpoint.deprecated}
    assert PART_ONE - served == set()


@pytest.mark.parametrize(("path", "replacement"), SHUT_DOWN.items())
def test_shut_down_endpoints_name_their_replacement(catalogue: Catalogue, path: str, replacement: str) -> None:
    assert catalogue[path].deprecated
    assert catalogue[path].replacement == replacement
    assert not catalogue[replacement].deprecated


def test_the_old_shop_is_catalogued_whole_and_shut_down_pointing_at_its_successor(catalogue: Catalogue) -> None:
    shop = catalogue.in_group("merchant")
    assert {endpoint.path for endpoint in shop} == {f"merchant/{action}" for action in OLD_SHOP}
    for endpoint in shop:
        assert endpoint.replacement is None and endpoint.shut_down and "channels/ec" in endpoint.shut_down
        assert endpoint.gone.startswith("WeChat offers no replacement")
    assert {e.path for e in shop if e.method == "GET"} == {
        f"merchant/{a}/getall" for a in ("express", "group", "shelf")
    }
    assert [e.path for e in shop if e.body is Body.MULTIPART] == []  # upload_img takes the raw image


def test_credentials_are_not_catalogued(catalogue: Catalogue) -> None:
    assert {"cgi-bin/token", "cgi-bin/stable_token", "cgi-bin/ticket/getticket"} & {e.path for e in catalogue} == set()


def test_uploads_name_their_file_field(catalogue: Catalogue) -> None:
    for endpoint in catalogue:
        assert (endpoint.body is Body.MULTIPART) == (endpoint.upload_field is not None), endpoint.path


def test_examples_go_with_json_bodies(catalogue: Catalogue) -> None:
    for endpoint in catalogue:
        if endpoint.example is not None:
            assert endpoint.body is Body.JSON, endpoint.path


def test_only_reads_are_retry_safe(catalogue: Catalogue) -> None:
    assert not catalogue["cgi-bin/menu/delete"].retry_safe  # a GET that changes something
    assert catalogue["cgi-bin/user/info/batchget"].retry_safe  # a POST that only reads
    assert not catalogue["cgi-bin/qrcode/create"].retry_safe


def test_describe_is_the_endpoints_row(catalogue: Catalogue) -> None:
    assert catalogue["cgi-bin/shorturl"].describe() == {
        "path": "cgi-bin/shorturl", "method": "POST", "group": "shorten", "changes": True, "deprecated": True,
        "replacement": "cgi-bin/shorten/gen", "daily_limit": None,
    }  # fmt: skip
    assert catalogue["cgi-bin/user/get"].describe()["daily_limit"] == 500


@pytest.mark.parametrize(
    "endpoints",
    [
        [Endpoint("cgi-bin/a", "GET", "g", "a", changes=False), Endpoint("cgi-bin/a", "POST", "g", "a", changes=True)],
        [Endpoint("/cgi-bin/a", "GET", "g", "a", changes=False)],
        [Endpoint("cgi-bin/../token", "GET", "g", "a", changes=False)],
        [Endpoint("cgi-bin/old", "GET", "g", "a", changes=False, replacement="cgi-bin/missing")],
    ],
)
def test_a_broken_catalogue_is_refused(endpoints: list[Endpoint]) -> None:
    with pytest.raises(ValueError):
        Catalogue(endpoints)


def test_shipped_coverage_page_is_up_to_date(catalogue: Catalogue) -> None:
    assert COVERAGE_FILE.read_text(encoding="utf-8") == render(catalogue), (
        "docs/api-coverage.md is stale: run `make api-coverage`"
    )


def test_coverage_page_lists_every_endpoint_once(catalogue: Catalogue) -> None:
    page = render(catalogue)
    for endpoint in catalogue:
        assert page.count(f"| `{endpoint.path}` |") == 1
    assert "deprecated: use `cgi-bin/shorten/gen` (410)" in page
