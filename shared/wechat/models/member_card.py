"""Member cards (会员卡): activation by the merchant or through WeChat's form, bonus (积分) and balance
(储值) changes, the member's details. A change sets a total (``bonus``) or adds to it (``add_bonus``), not both.
"""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from shared.wechat.models.card import Code, Text
from shared.wechat.models.request import WeChatRequest

Amount = Annotated[int, Field(strict=True, ge=0)]
Delta = Annotated[int, Field(strict=True, ge=-(2**31), le=2**31 - 1)]
Record = Annotated[str, Field(max_length=14)]  # 不超过14个汉字
MAX_CUSTOM_FIELD_BYTES = 12


def _twelve_bytes(value: str) -> str:
    if len(value.encode()) > MAX_CUSTOM_FIELD_BYTES:
        raise ValueError(f"a custom field value is at most {MAX_CUSTOM_FIELD_BYTES} bytes of UTF-8 (4 汉字)")
    return value


CustomValue = Annotated[str, Field(min_length=1), AfterValidator(_twelve_bytes)]  # 限制为4个汉字,12字节
FormField = Literal[
    "USER_FORM_INFO_FLAG_MOBILE", "USER_FORM_INFO_FLAG_SEX", "USER_FORM_INFO_FLAG_NAME",
    "USER_FORM_INFO_FLAG_BIRTHDAY", "USER_FORM_INFO_FLAG_IDCARD", "USER_FORM_INFO_FLAG_EMAIL",
    "USER_FORM_INFO_FLAG_LOCATION", "USER_FORM_INFO_FLAG_EDUCATION_BACKGRO", "USER_FORM_INFO_FLAG_INDUSTRY",
    "USER_FORM_INFO_FLAG_INCOME", "USER_FORM_INFO_FLAG_HABIT",
]  # fmt: skip


class Activation(WeChatRequest):
    card_id: Text
    code: Code
    membership_number: Annotated[str, Field(min_length=1, max_length=20)]
    init_bonus: Amount | None = None
    init_bonus_record: Record | None = None
    init_balance: Amount | None = None
    background_pic_url: str | None = None
    init_custom_field_value1: CustomValue | None = None
    init_custom_field_value2: CustomValue | None = None
    init_custom_field_value3: CustomValue | None = None


class Form(WeChatRequest):
    common_field_id_list: list[FormField] = Field(default_factory=list)
    custom_field_list: list[Text] = Field(default_factory=list)
    can_modify: bool | None = None


class ActivationForm(WeChatRequest):
    """``card/membercard/activateuserform/set``: what a user fills in to activate the card."""

    card_id: Text
    required_form: Form | None = None
    optional_form: Form | None = None
    service_statement: dict[str, Any] | None = None
    bind_old_card: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _a_form(self) -> "ActivationForm":
        if self.required_form is None and self.optional_form is None:
            raise ValueError("an activation form has a required_form or an optional_form")
        return self


class MemberChange(WeChatRequest):
    card_id: Text
    code: Code
    bonus: Amount | None = None
    add_bonus: Delta | None = None
    record_bonus: Record | None = None
    balance: Amount | None = None
    add_balance: Delta | None = None
    record_balance: Record | None = None
    custom_field_value1: CustomValue | None = None
    custom_field_value2: CustomValue | None = None
    custom_field_value3: CustomValue | None = None
    background_pic_url: str | None = None
    notify_optional: dict[str, bool] | None = None

    @model_validator(mode="after")
    def _one_way(self) -> "MemberChange":
        for total, delta in (("bonus", "add_bonus"), ("balance", "add_balance")):
            if getattr(self, total) is not None and getattr(self, delta) is not None:
                raise ValueError(f"set {total} or add to it ({delta}), not both")
        return self


class MemberBalance(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    result_bonus: int
    result_balance: int
    openid: str


class Member(BaseModel):
    """``card/membercard/userinfo/get``: the member's number, bonus, balance and what they filled in."""

    model_config = ConfigDict(extra="allow", frozen=True)

    openid: str
    membership_number: str = ""
    bonus: int = 0
    balance: int = 0
    user_card_status: str
    has_active: bool = False
    user_info: dict[str, Any] = {}
