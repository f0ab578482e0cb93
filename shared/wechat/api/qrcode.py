"""Parametric QR codes: a ticket from the API, the image from mp.weixin.qq.com by ticket."""

from urllib.parse import quote

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.qrcode import QrCodeRequest, QrTicket
from shared.wechat.transport import MP_BASE, Media


class QrCodeApi(ApiGroup):
    async def create(self, scene: int | str, *, permanent: bool = False, expire_seconds: int | None = None) -> QrTicket:
        """A QR code for ``scene``: temporary (``expire_seconds`` 60–2,592,000, default 2,592,000) or permanent."""
        request = QrCodeRequest(scene=scene, permanent=permanent, expire_seconds=expire_seconds)
        return await self._model("cgi-bin/qrcode/create", QrTicket, json=request.body())

    async def image(self, ticket: str) -> Media:
        """The code's image (JPEG) by its ticket; no token is needed or sent."""
        return await self._media("cgi-bin/showqrcode", params={"ticket": _ticket(ticket)})

    @staticmethod
    def image_url(ticket: str, base_url: str = MP_BASE) -> str:
        """Where a browser fetches the code's image: the ticket URL-encoded, as WeChat asks."""
        return f"{base_url.rstrip('/')}/cgi-bin/showqrcode?ticket={quote(_ticket(ticket), safe='')}"


def _ticket(ticket: str) -> str:
    if not isinstance(ticket, str) or not ticket:
        raise ValueError(f"a ticket is a non-empty string (got {ticket!r})")
    return ticket
