"""One account's shake pages and uploaded images, with no I/O.

A page is what a shake shows: a title (≤ 6 CJK characters or 12 letters), a description (≤ 7 / 14),
an icon uploaded through ``material/add`` and the URL a tap opens; a page a device still shows is not deleted.
An icon is a square image of at most 200×200 pixels; a licence image at most 2 MB.
"""

import hashlib
import struct
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.shakearound import rules
from sandbox.fake_wechat.shakearound.rules import refuse

FIRST_PAGE = 12345
TITLE_WIDTH, DESCRIPTION_WIDTH, COMMENT_WIDTH = 12, 14, 30
MAX_QUERY = 50
ICON_MAX_PIXELS = 200
LICENSE_MAX_BYTES = 2 * 1024 * 1024
IMAGE_TYPES = ("image/jpeg", "image/jpg", "image/png", "image/gif")
MATERIAL_TYPES = ("icon", "license")
PIC_BASE = "http://shp.qpic.cn/wechat_shakearound_pic/0"


def page_fields(body: dict[str, Any]) -> dict[str, str]:
    """A page's fields, checked as WeChat checks them (9001027 for any of them)."""
    bad = rules.PAGE_ARGS_INVALID
    return {
        "title": rules.text(body, "title", bad, max_width=TITLE_WIDTH),
        "description": rules.text(body, "description", bad, max_width=DESCRIPTION_WIDTH),
        "icon_url": rules.text(body, "icon_url", bad),
        "page_url": rules.text(body, "page_url", bad),
        "comment": rules.text(body, "comment", bad, max_width=COMMENT_WIDTH, optional=True),
    }


def png_size(data: bytes) -> tuple[int, int] | None:
    """A PNG's width and height from its IHDR chunk; None for any other image."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def check_material(kind: str, content_type: str, data: bytes) -> None:
    """``material/add``: 9001008 for a type or file that is no jpg/png/gif, 9001009 for a size WeChat refuses."""
    if kind not in MATERIAL_TYPES or content_type.lower() not in IMAGE_TYPES:
        raise refuse(rules.FILE_TYPE_INVALID)
    if not data:
        raise refuse(rules.FILE_MISSING)
    if kind == "license" and len(data) > LICENSE_MAX_BYTES:
        raise refuse(rules.FILE_SIZE_INVALID)
    size = png_size(data)
    if kind == "icon" and size is not None and (size[0] != size[1] or size[0] > ICON_MAX_PIXELS):
        raise refuse(rules.FILE_SIZE_INVALID)


def pic_url(app_id: str, data: bytes) -> str:
    digest = hashlib.sha256(app_id.encode() + data).hexdigest()[:40]
    return f"{PIC_BASE}/{digest}/120"


@dataclass
class Pages:
    pages: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_page: int = FIRST_PAGE

    def add(self, body: dict[str, Any]) -> int:
        return self.create(page_fields(body))

    def create(self, fields: dict[str, Any]) -> int:
        page_id, self.next_page = self.next_page, self.next_page + 1
        self.pages[page_id] = {"page_id": page_id, **fields}
        return page_id

    def update(self, body: dict[str, Any]) -> None:
        page = self.get(body.get("page_id"))
        page.update(page_fields(body))

    def get(self, page_id: object) -> dict[str, Any]:
        page = self.pages.get(page_id) if isinstance(page_id, int) and not isinstance(page_id, bool) else None
        if page is None:
            raise refuse(rules.PAGE_INVALID)
        return page

    def search(self, body: dict[str, Any]) -> dict[str, Any]:
        kind = rules.integer(body, "type", rules.POST_INVALID, low=1, high=2)
        if kind == 1:
            wanted = rules.listed(body, "page_ids", rules.TOO_MANY_PAGES, most=MAX_QUERY)
            found = [dict(self.get(page_id)) for page_id in wanted]
            return {"pages": found, "total_count": len(self.pages)}
        begin = rules.integer(body, "begin", rules.BEGIN_INVALID)
        count = rules.integer(body, "count", rules.TOO_MANY_PAGES, low=1, high=MAX_QUERY)
        ordered = [dict(self.pages[page_id]) for page_id in sorted(self.pages)]
        return {"pages": ordered[begin : begin + count], "total_count": len(self.pages)}

    def delete(self, page_id: object, in_use: bool) -> None:
        page = self.get(page_id)
        if in_use:
            raise refuse(rules.PAGE_IN_USE)
        del self.pages[page["page_id"]]
