"""Image bytes for upload tests: as much of a file as tells its format and size."""

import struct
import zlib


def png(width: int, height: int) -> bytes:
    """The head of a PNG image: its signature and IHDR chunk, which is all that tells its size."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
