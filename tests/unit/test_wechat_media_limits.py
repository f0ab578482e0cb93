"""Media uploads against WeChat's per-kind formats and sizes, checked without reading the file."""

import io
import os
import tempfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.wechat.models.media import (
    ARTICLE_IMAGE,
    KB,
    MB,
    PERMANENT,
    TEMPORARY,
    Limit,
    MediaKind,
    check_upload,
    extension,
    file_format,
    upload_size,
)
from shared.wechat.transport import Upload


class SizedFile(io.RawIOBase):
    """A seekable file of ``size`` bytes that holds none of them (no fileno: sized by seeking)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size, self._position = size, 0

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._size}[whence]
        self._position = base + offset
        return self._position


class Pipe(io.RawIOBase):
    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        raise OSError("not seekable")


def _upload(ext: str, size: int) -> Upload:
    return Upload(f"file.{ext}", SizedFile(size))  # type: ignore[arg-type]


def test_the_documented_limits() -> None:
    assert {kind: (limit.max_bytes, sorted(limit.extensions)) for kind, limit in TEMPORARY.items()} == {
        MediaKind.IMAGE: (10 * MB, ["gif", "jpeg", "jpg", "png"]),
        MediaKind.VOICE: (2 * MB, ["amr", "mp3"]),
        MediaKind.VIDEO: (10 * MB, ["mp4"]),
        MediaKind.THUMB: (64 * KB, ["jpeg", "jpg"]),
    }
    assert PERMANENT[MediaKind.IMAGE].extensions == TEMPORARY[MediaKind.IMAGE].extensions | {"bmp"}
    assert PERMANENT[MediaKind.VOICE].extensions == {"mp3", "wma", "wav", "amr"}
    assert (ARTICLE_IMAGE.max_bytes, ARTICLE_IMAGE.extensions) == (1 * MB, frozenset({"jpg", "jpeg", "png"}))


limits = st.sampled_from(
    [(f"temporary {kind}", limit) for kind, limit in TEMPORARY.items()]
    + [(f"permanent {kind}", limit) for kind, limit in PERMANENT.items()]
    + [("article image", ARTICLE_IMAGE)]
)


@given(limits, st.data())
def test_an_allowed_format_within_the_size_passes(named: tuple[str, Limit], data: st.DataObject) -> None:
    what, limit = named
    ext = data.draw(st.sampled_from(sorted(limit.extensions)))
    size = data.draw(st.integers(min_value=1, max_value=limit.max_bytes))
    upper = data.draw(st.booleans())
    assert check_upload(limit, _upload(ext.upper() if upper else ext, size), what) == size


@given(limits, st.data())
def test_one_byte_past_the_size_or_more_is_refused(named: tuple[str, Limit], data: st.DataObject) -> None:
    what, limit = named
    ext = data.draw(st.sampled_from(sorted(limit.extensions)))
    size = data.draw(st.integers(min_value=limit.max_bytes + 1, max_value=limit.max_bytes * 4))
    with pytest.raises(ValueError, match=f"{what}: 'file.{ext}' is {size} bytes"):
        check_upload(limit, _upload(ext, size), what)


@given(limits, st.sampled_from(["txt", "exe", "webp", "mov", "wav", "bmp", "png", "jpeg", ""]))
def test_a_format_the_kind_does_not_take_is_refused(named: tuple[str, Limit], ext: str) -> None:
    what, limit = named
    if ext in limit.extensions:
        return
    with pytest.raises(ValueError, match="wrong format"):
        check_upload(limit, _upload(ext, 10), what)


@pytest.mark.parametrize(
    ("kind", "ext", "size", "accepted"),
    [
        (MediaKind.THUMB, "jpg", 64 * KB, True), (MediaKind.THUMB, "jpg", 64 * KB + 1, False),
        (MediaKind.THUMB, "png", 10, False), (MediaKind.VOICE, "mp3", 2 * MB, True),
        (MediaKind.VOICE, "wav", 10, False), (MediaKind.VIDEO, "mp4", 10 * MB + 1, False),
        (MediaKind.IMAGE, "bmp", 10, False), (MediaKind.IMAGE, "gif", 10 * MB, True),
    ],
)  # fmt: skip
def test_temporary_limits_at_their_edges(kind: MediaKind, ext: str, size: int, accepted: bool) -> None:
    if accepted:
        check_upload(TEMPORARY[kind], _upload(ext, size), str(kind))
    else:
        with pytest.raises(ValueError):
            check_upload(TEMPORARY[kind], _upload(ext, size), str(kind))


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        check_upload(TEMPORARY[MediaKind.IMAGE], Upload("a.png", b""), "temporary image")


def test_the_size_of_an_open_file_counts_from_where_it_stands_and_leaves_it_there() -> None:
    with tempfile.TemporaryFile() as file:
        file.write(b"x" * 1000)
        file.seek(100)
        assert upload_size(Upload("a.jpg", file)) == 900
        assert file.tell() == 100
    in_memory = io.BytesIO(b"y" * 50)
    in_memory.seek(10)
    assert upload_size(Upload("a.jpg", in_memory)) == 40
    assert in_memory.tell() == 10
    assert upload_size(Upload("a.jpg", b"abc")) == 3


def test_a_file_whose_size_cannot_be_known_is_refused_before_sending() -> None:
    with pytest.raises(ValueError, match="size cannot be known"):
        upload_size(Upload("a.jpg", Pipe()))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "ext"), [("a.JPG", "jpg"), ("a.tar.mp4", "mp4"), ("noext", ""), ("dir.d/file", ""), ("x.", "")]
)
def test_the_extension_is_the_part_after_the_last_dot(name: str, ext: str) -> None:
    assert extension(name) == ext


@pytest.mark.parametrize(
    ("name", "content_type", "fmt"),
    [("photo", "image/jpeg", "jpg"), ("clip", "video/mp4; codecs=avc1", "mp4"), ("a.png", "image/jpeg", "png"),
     ("blob", "application/octet-stream", "")],
)  # fmt: skip
def test_a_file_without_an_extension_has_the_format_its_content_type_names(
    name: str, content_type: str, fmt: str
) -> None:
    assert file_format(Upload(name, b"x", content_type)) == fmt
