"""``wxmp qrcode``: a parametric QR code as a PNG, or a campaign's codes from a CSV."""

import csv
from pathlib import Path
from typing import Annotated, Any

import typer

from shared.wechat.models.qrcode import QrCodeRequest
from wxmp_cli.command import Cli, command
from wxmp_cli.errors import CliError, ExitCode
from wxmp_cli.qr import read_batch, request, terminal_lines, write_png

app = typer.Typer(help="Parametric QR codes (生成带参数的二维码).", no_args_is_help=True)


async def _create(cli: Cli, checked: QrCodeRequest) -> dict[str, Any]:
    ticket = await cli.api().qrcode.create(
        checked.scene, permanent=checked.permanent, expire_seconds=checked.expire_seconds
    )
    return {"scene": checked.scene, "action_name": checked.action_name, **ticket.model_dump(exclude_none=True)}


@command(
    app,
    "create",
    examples=[
        "wxmp qrcode create --scene 1001 --output spring.png",
        "wxmp qrcode create --scene shop-entrance --permanent --output door.png",
        "wxmp qrcode create --scene 42 --expire-seconds 3600 --output trial.png --print",
    ],
)
async def create(
    cli: Cli,
    scene: Annotated[str, typer.Option(help="Digits: a numeric scene (QR_SCENE); anything else a string scene.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the code as a PNG here.")] = None,
    expire_seconds: Annotated[
        int | None, typer.Option(help="A temporary code's life, 60–2,592,000 s (default the most).")
    ] = None,
    permanent: Annotated[
        bool, typer.Option("--permanent", help="A permanent code (QR_LIMIT_SCENE / QR_LIMIT_STR_SCENE).")
    ] = False,
    print_code: Annotated[bool, typer.Option("--print", help="Also draw the code in the terminal.")] = False,
) -> None:
    """Create a QR code for SCENE: prints its ticket and url, writes the PNG of the url."""
    if output is None and not print_code:
        raise CliError("give --output FILE.png (or --print to draw it in the terminal)", ExitCode.USAGE)
    if permanent and expire_seconds is not None:
        raise CliError(
            "a permanent code does not expire: give --permanent or --expire-seconds, not both", ExitCode.USAGE
        )
    answer = await _create(cli, request(scene, permanent=permanent, expire_seconds=expire_seconds))
    if output is not None:
        write_png(answer["url"], output)
        answer["file"] = str(output)

    def show() -> None:
        cli.out.line(f"ticket  {answer['ticket']}")
        cli.out.line(f"url     {answer['url']}")
        if "expire_seconds" in answer:
            cli.out.line(f"expires in {answer['expire_seconds']} s")
        if output is not None:
            cli.out.line(f"written to {output}")

    cli.out.result(answer, show)
    if print_code:
        cli.out.err.print(terminal_lines(answer["url"]), markup=False, highlight=False)


@command(app, "batch", examples=["wxmp qrcode batch campaign.csv --outdir codes/"])
async def batch(
    cli: Cli,
    file: Annotated[
        Path, typer.Argument(help="CSV with a header: scene, and optionally expire_seconds, permanent, filename.")
    ],
    outdir: Annotated[Path, typer.Option(help="Where the PNGs and index.csv go.")],
) -> None:
    """One code per row of FILE: a PNG each and index.csv (scene, file, ticket, url, expire_seconds) in OUTDIR.

    Every row is checked before the first code is made."""
    rows = read_batch(file)
    outdir.mkdir(parents=True, exist_ok=True)
    made: list[dict[str, Any]] = []
    try:
        with cli.out.progress("qrcode batch", total=len(rows)) as progress:
            for row in rows:
                answer = await _create(cli, row.request)
                write_png(answer["url"], outdir / row.filename)
                made.append({**answer, "scene": row.scene, "file": row.filename})
                progress.advance()
    finally:
        _write_index(outdir / "index.csv", made)
    cli.out.result(
        {"outdir": str(outdir), "codes": made},
        lambda: cli.out.line(f"{len(made)} codes in {outdir} (index.csv lists them)"),
    )


def _write_index(path: Path, made: list[dict[str, Any]]) -> None:
    """What was made so far (also after a failure or Ctrl-C): the tickets are spent either way."""
    columns = ["scene", "file", "ticket", "url", "expire_seconds"]
    partial = path.with_name(path.name + ".part")
    with partial.open("w", newline="", encoding="utf-8") as index:
        writer = csv.DictWriter(index, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(made)
    partial.replace(path)
