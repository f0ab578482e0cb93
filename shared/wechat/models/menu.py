"""Custom menus as WeChat accepts them (``menu/create``, ``menu/addconditional``).

At most 3 buttons; a button is a group of 1–5 sub-buttons or an action of one type with
that type's required keys. Names are at most 16 bytes (60 for a sub-button), keys 128
bytes, URLs 1,024 bytes, all counted in UTF-8 as WeChat counts them.
"""

from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

MAX_BUTTONS, MAX_SUB_BUTTONS = 3, 5
NAME_BYTES, SUB_NAME_BYTES, KEY_BYTES, URL_BYTES = 16, 60, 128, 1024

_KEYED = ("click", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album", "pic_weixin")
REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    **{button_type: ("key",) for button_type in (*_KEYED, "location_select")},
    "view": ("url",),
    "miniprogram": ("url", "appid", "pagepath"),
    "media_id": ("media_id",),
    "view_limited": ("media_id",),
    "article_id": ("article_id",),
    "article_view_limited": ("article_id",),
}


def _bytes_at_most(limit: int) -> AfterValidator:
    def check(value: str) -> str:
        if len(value.encode()) > limit:
            raise ValueError(f"at most {limit} bytes in UTF-8 (this is {len(value.encode())})")
        return value

    return AfterValidator(check)


class Button(BaseModel):
    """One button: an action (``type`` and its keys) or, at the top level, a group (``sub_button``)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    name: Annotated[str, Field(min_length=1), _bytes_at_most(SUB_NAME_BYTES)]
    type: str | None = None
    key: Annotated[str, _bytes_at_most(KEY_BYTES)] | None = None
    url: Annotated[str, _bytes_at_most(URL_BYTES)] | None = None
    media_id: str | None = None
    article_id: str | None = None
    appid: str | None = None
    pagepath: str | None = None
    sub_button: list["Button"] | None = None

    @model_validator(mode="after")
    def _action_or_group(self) -> Self:
        if self.sub_button:
            if self.type is not None:
                raise ValueError("a button with sub_button has no type of its own")
            if len(self.sub_button) > MAX_SUB_BUTTONS:
                raise ValueError(f"at most {MAX_SUB_BUTTONS} sub-buttons (this has {len(self.sub_button)})")
            if any(child.sub_button for child in self.sub_button):
                raise ValueError("sub-buttons cannot have sub-buttons")
            return self
        if self.type is None:
            raise ValueError("a button needs a type, or sub_button")
        required = REQUIRED_KEYS.get(self.type)
        if required is None:
            raise ValueError(f"unknown button type {self.type!r}; one of {', '.join(REQUIRED_KEYS)}")
        missing = [key for key in required if not getattr(self, key)]
        if missing:
            raise ValueError(f"a {self.type} button needs {', '.join(missing)}")
        return self


class MatchRule(BaseModel):
    """Who sees a conditional menu: followers with a tag, or on a client platform."""

    model_config = ConfigDict(extra="allow", frozen=True)

    tag_id: str | None = None
    client_platform_type: str | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if not self.model_dump(exclude_none=True):
            raise ValueError("a matchrule needs at least one condition")
        return self


class Menu(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    button: Annotated[list[Button], Field(min_length=1, max_length=MAX_BUTTONS)]
    matchrule: MatchRule | None = None
    menuid: str | int | None = None  # in menu/get's answer

    @model_validator(mode="after")
    def _top_level_names(self) -> Self:
        for index, button in enumerate(self.button):
            if len(button.name.encode()) > NAME_BYTES:
                raise ValueError(f"button {index + 1}: a top-level name is at most {NAME_BYTES} bytes in UTF-8")
        return self

    def body(self) -> dict[str, Any]:
        """The JSON WeChat takes."""
        return self.model_dump(exclude_none=True, exclude={"menuid"})
