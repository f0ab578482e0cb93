"""The base group's requests and answers: the network check and API quotas."""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

CheckAction = Literal["dns", "ping", "all"]
CheckOperator = Literal["CHINANET", "UNICOM", "CAP", "DEFAULT"]


class NetworkCheck(BaseModel):
    """``callback/check``: resolve the callback URL (dns), ping it (ping) or both, from one carrier or any."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    action: CheckAction = "all"
    check_operator: CheckOperator = "DEFAULT"


def _cgi_path(value: str) -> str:
    path = value if value.startswith("/") else f"/{value}"
    if "?" in path or " " in path or path == "/":
        raise ValueError(f"a cgi_path is an API path such as /cgi-bin/message/custom/send (got {value!r})")
    return path


CgiPath = Annotated[str, Field(min_length=1), AfterValidator(_cgi_path)]


class QuotaRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cgi_path: CgiPath

    def body(self) -> dict[str, Any]:
        return self.model_dump()


class Quota(BaseModel):
    """One API's daily quota: ``daily_limit``, ``used`` today, ``remain``."""

    model_config = ConfigDict(extra="allow", frozen=True)

    daily_limit: int
    used: int
    remain: int
