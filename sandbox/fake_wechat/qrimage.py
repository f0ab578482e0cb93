"""The picture ``showqrcode`` answers: a PNG whose QR code holds the code's URL (``segno``, pure Python)."""

import io

import segno

SCALE, BORDER = 10, 4  # ~370 px for a WeChat URL; WeChat's own picture is 430 px


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make_qr(url, error="m").save(buffer, kind="png", scale=SCALE, border=BORDER)
    return buffer.getvalue()
