"""``wxmp qrcode``: the PNG holds the url WeChat returned (decoded here), the scene picks the action."""

import csv
from pathlib import Path

import zxingcpp
from PIL import Image

from tests.integration.cli.conftest import Stack


def decoded(path: Path) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(Image.open(path))]


async def test_create_writes_a_png_of_the_url_and_prints_ticket_and_url(stack: Stack, tmp_path: Path) -> None:
    png = tmp_path / "spring.png"
    ran = await stack.ok("qrcode", "create", "--scene", "1001", "--output", str(png))
    ticket, url = (line.split(None, 1)[1] for line in ran.out.splitlines()[:2])
    assert ran.out.startswith("ticket  ") and "expires in 2592000 s" in ran.out
    assert decoded(png) == [url]
    answer = (await stack.ok("qrcode", "create", "--scene", "1001", "--output", str(png), "--json")).json
    assert answer["action_name"] == "QR_SCENE" and answer["expire_seconds"] == 2_592_000
    assert decoded(png) == [answer["url"]] and answer["ticket"] != ticket


async def test_the_scene_picks_the_action_and_permanent_codes_do_not_expire(stack: Stack, tmp_path: Path) -> None:
    cases = [
        (["--scene", "shop-door"], "QR_STR_SCENE"),
        (["--scene", "7", "--permanent"], "QR_LIMIT_SCENE"),
        (["--scene", "door", "--permanent"], "QR_LIMIT_STR_SCENE"),
        (["--scene", "42", "--expire-seconds", "3600"], "QR_SCENE"),
    ]
    for index, (args, action) in enumerate(cases):
        png = tmp_path / f"{index}.png"
        answer = (await stack.ok("qrcode", "create", *args, "--output", str(png), "--json")).json
        assert answer["action_name"] == action
        assert decoded(png) == [answer["url"]]
        assert ("expire_seconds" in answer) == (not action.startswith("QR_LIMIT"))
    assert answer["expire_seconds"] == 3600


async def test_a_bad_scene_is_refused_before_anything_is_sent(stack: Stack, tmp_path: Path) -> None:
    bad = (["--scene", "100001", "--permanent"], ["--scene", "x" * 65], ["--scene", "1", "--expire-seconds", "10"])
    for args in bad:
        ran = await stack.wxmp("qrcode", "create", *args, "--output", str(tmp_path / "x.png"))
        assert ran.code == 2, ran.err
        assert ran.err.startswith("wxmp: ") and ran.err.count("\n") == 1
    assert "/cgi-bin/qrcode/create" not in await stack.fake.control("calls")
    assert not (tmp_path / "x.png").exists()


async def test_print_draws_the_code_in_the_terminal(stack: Stack) -> None:
    ran = await stack.ok("qrcode", "create", "--scene", "1", "--print")
    assert "█" in ran.err or "▀" in ran.err


async def test_batch_makes_one_png_per_row_and_an_index(stack: Stack, tmp_path: Path) -> None:
    rows = "scene,expire_seconds,permanent,filename\n1001,,,\nspring/2024,600,,\n9,,yes,door\n"
    source = tmp_path / "campaign.csv"
    source.write_text(rows)
    outdir = tmp_path / "codes"
    ran = await stack.ok("qrcode", "batch", str(source), "--outdir", str(outdir))
    assert "3 codes" in ran.out and "qrcode batch: 3/3" in ran.err
    with (outdir / "index.csv").open() as index:
        made = list(csv.DictReader(index))
    assert [row["scene"] for row in made] == ["1001", "spring/2024", "9"]
    assert [row["file"] for row in made] == ["1001.png", "spring_2024.png", "door.png"]
    for row in made:
        assert decoded(outdir / row["file"]) == [row["url"]]
    assert [row["expire_seconds"] for row in made] == ["2592000", "600", ""]


async def test_batch_checks_every_row_before_the_first_code(stack: Stack, tmp_path: Path) -> None:
    source = tmp_path / "campaign.csv"
    source.write_text("scene\n1\n2\n100001x" + "y" * 64 + "\n")
    ran = await stack.wxmp("qrcode", "batch", str(source), "--outdir", str(tmp_path / "codes"))
    assert ran.code == 2 and "line 4" in ran.err
    assert "/cgi-bin/qrcode/create" not in await stack.fake.control("calls")
