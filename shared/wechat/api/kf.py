"""Customer service: accounts and their workers, sessions, the waiting queue, the chat record, "typing"."""

from collections.abc import AsyncIterator
from typing import Any

from pydantic import TypeAdapter

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.kf import (
    HEADIMG,
    MAX_RECORDS,
    AccountRef,
    Invitation,
    NewAccount,
    RecordPage,
    RecordQuery,
    Session,
    SessionRef,
    Typing,
    WaitCases,
)
from shared.wechat.models.media import check_upload
from shared.wechat.models.users import OpenId
from shared.wechat.transport import Upload

_OPENID: TypeAdapter[str] = TypeAdapter(OpenId)


class KfApi(ApiGroup):
    # -- accounts --------------------------------------------------------------------------------

    async def add_account(self, kf_account: str, nickname: str) -> None:
        """A new account ``prefix@wechat_id`` (at most 100); its nickname at most 16 characters."""
        await self._json(
            "customservice/kfaccount/add", json=NewAccount(kf_account=kf_account, nickname=nickname).body()
        )

    async def update_account(self, kf_account: str, nickname: str) -> None:
        body = NewAccount(kf_account=kf_account, nickname=nickname).body()
        await self._json("customservice/kfaccount/update", json=body)

    async def delete_account(self, kf_account: str) -> None:
        await self._json("customservice/kfaccount/del", json=AccountRef(kf_account=kf_account).body())

    async def upload_headimg(self, kf_account: str, upload: Upload) -> None:
        """The account's picture: a jpg of at most 5 MB (checked first, nothing sent otherwise)."""
        account = AccountRef(kf_account=kf_account).kf_account
        check_upload(HEADIMG, upload, "customer-service picture")
        await self._json("customservice/kfaccount/uploadheadimg", params={"kf_account": account}, upload=upload)

    async def invite_worker(self, kf_account: str, invite_wx: str) -> None:
        """Invite a WeChat user (their WeChat ID) to work the account; they accept on their phone."""
        body = Invitation(kf_account=kf_account, invite_wx=invite_wx).body()
        await self._json("customservice/kfaccount/inviteworker", json=body)

    async def accounts(self) -> list[dict[str, Any]]:
        """Every account: ``kf_account``, ``kf_nick``, ``kf_id``, ``kf_headimgurl``, ``kf_wx`` or the invitation."""
        return list((await self._json("cgi-bin/customservice/getkflist")).get("kf_list", []))

    async def online(self) -> list[dict[str, Any]]:
        """The accounts online: ``kf_account``, ``status``, ``kf_id``, ``accepted_case``."""
        return list((await self._json("cgi-bin/customservice/getonlinekflist")).get("kf_online_list", []))

    # -- sessions --------------------------------------------------------------------------------

    async def create_session(self, kf_account: str, openid: str) -> None:
        """Give a follower to an account (bound to a worker and online)."""
        body = SessionRef(kf_account=kf_account, openid=openid).body()
        await self._json("customservice/kfsession/create", json=body)

    async def close_session(self, kf_account: str, openid: str) -> None:
        body = SessionRef(kf_account=kf_account, openid=openid).body()
        await self._json("customservice/kfsession/close", json=body)

    async def session(self, openid: str) -> Session:
        """Who serves the follower now (``kf_account`` empty: nobody)."""
        params = {"openid": _OPENID.validate_python(openid)}
        return await self._model("customservice/kfsession/getsession", Session, params=params)

    async def sessions(self, kf_account: str) -> list[dict[str, Any]]:
        """An account's open sessions: ``openid`` and ``createtime``."""
        params = {"kf_account": AccountRef(kf_account=kf_account).kf_account}
        return list((await self._json("customservice/kfsession/getsessionlist", params=params)).get("sessionlist", []))

    async def waiting(self) -> WaitCases:
        """Followers waiting for an account: how many, and the first 100 in order of arrival."""
        return await self._model("customservice/kfsession/getwaitcase", WaitCases)

    # -- the chat record and typing --------------------------------------------------------------

    async def records_page(self, starttime: int, endtime: int, msgid: int = 1, number: int = MAX_RECORDS) -> RecordPage:
        """One page of the chat record between two times (≤ 24 h apart), from ``msgid`` on."""
        query = RecordQuery(starttime=starttime, endtime=endtime, msgid=msgid, number=number)
        return await self._model("customservice/msgrecord/getmsglist", RecordPage, json=query.body())

    async def records(
        self, starttime: int, endtime: int, *, number: int = MAX_RECORDS
    ) -> AsyncIterator[dict[str, Any]]:
        """Every record between two times, page after page (``async for record in api.kf.records(...)``)."""
        msgid = 1
        while True:
            page = await self.records_page(starttime, endtime, msgid, number)
            for record in page.recordlist:
                yield record
            if page.number < number or not page.recordlist or page.msgid <= msgid:
                return
            msgid = page.msgid

    async def typing(self, openid: str, typing: bool = True) -> None:
        """Show "typing" to a follower for 15 s (``typing=False`` hides it)."""
        command = "Typing" if typing else "CancelTyping"
        await self._json("cgi-bin/message/custom/typing", json=Typing(touser=openid, command=command).body())
