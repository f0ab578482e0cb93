"""The resumable export's file handling: the part file and its state, truncation to the recorded size,
csv and jsonl lines, and a finished export renamed whole."""

import json
from pathlib import Path

import pytest

from wxmp_cli.errors import CliError
from wxmp_cli.export import Export, ExportState, Format, header, render


def fresh(fmt: Format = Format.JSONL, with_info: bool = False) -> ExportState:
    return ExportState(app_id="wx1", format=fmt, with_info=with_info)


def test_records_as_jsonl_and_csv() -> None:
    assert render([{"openid": "o1"}, {"openid": "o2"}], Format.JSONL, False) == b'{"openid": "o1"}\n{"openid": "o2"}\n'
    assert header(Format.CSV, False) + render([{"openid": "o1"}], Format.CSV, False) == b"openid\no1\n"
    profile = {"openid": "o,1", "subscribe": 1, "tagid_list": [2, 100], "remark": "VIP 会员", "unionid": None}
    row = render([profile], Format.CSV, True).decode()
    assert row.startswith('"o,1",1,,,,VIP 会员,,2;100,')
    assert header(Format.CSV, True).decode().startswith("openid,subscribe,subscribe_time")


def test_appends_are_recorded_and_finish_renames_the_part(tmp_path: Path) -> None:
    job = Export(tmp_path / "out.csv")
    state = job.begin(fresh(Format.CSV), restart=False)
    assert job.part.read_bytes() == b"openid\n" and state.size == 7
    job.append(state, b"o1\no2\n", records=2)
    job.next_page(state, "o2")
    saved = json.loads(job.state_path.read_text())
    assert saved | {"format": "csv"} == saved and (saved["written"], saved["size"], saved["cursor"]) == (2, 13, "o2")
    assert not job.output.exists()
    job.finish()
    assert job.output.read_bytes() == b"openid\no1\no2\n" and not job.part.exists() and not job.state_path.exists()


def test_begin_again_truncates_what_the_state_does_not_cover(tmp_path: Path) -> None:
    job = Export(tmp_path / "out.jsonl")
    state = job.begin(fresh(), restart=False)
    job.append(state, b'{"openid": "o1"}\n', records=1)
    with job.part.open("ab") as part:
        part.write(b'{"openid": "o2')  # written, never recorded: an interrupted batch
    again = Export(tmp_path / "out.jsonl").begin(fresh(), restart=False)
    assert (again.written, again.done_in_page) == (1, 1)
    assert job.part.read_bytes() == b'{"openid": "o1"}\n'


def test_another_kind_of_export_or_a_short_part_needs_restart(tmp_path: Path) -> None:
    job = Export(tmp_path / "out.jsonl")
    state = job.begin(fresh(), restart=False)
    job.append(state, b'{"openid": "o1"}\n', records=1)
    with pytest.raises(CliError, match="--restart"):
        job.begin(fresh(Format.CSV), restart=False)
    job.part.write_bytes(b"")
    with pytest.raises(CliError, match="shorter"):
        job.begin(fresh(), restart=False)
    restarted = job.begin(fresh(Format.CSV), restart=True)
    assert restarted.written == 0 and job.part.read_bytes() == b"openid\n"
    job.state_path.write_text("not json")
    with pytest.raises(CliError, match="not an export state"):
        job.begin(fresh(), restart=False)
