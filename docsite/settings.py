"""The settings reference, from the settings classes: every field of ``shared/settings.py`` and each
service's ``settings.py`` (and the sandbox's), its environment variable, type, default and limits, and
what it means: the comment above it in the code (English) or ``docsite/text.yaml`` (Chinese, and English
where the code has no comment)."""

import ast
import inspect
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from types import NoneType, UnionType
from typing import Any

import annotated_types
from pydantic import SecretStr
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from pydantic_settings import BaseSettings

from docsite.text import setting_text
from sandbox.service import SandboxSettings
from services.dispatcher.settings import DispatcherSettings
from services.gateway.settings import GatewaySettings
from services.notifier.settings import NotifierSettings
from services.proxy.settings import ProxySettings
from services.token.settings import TokenSettings
from services.web.settings import WebSettings
from shared.settings import CommonSettings

# (scope, class): the common settings first, then each service's own.
SCOPES: tuple[tuple[str, type[BaseSettings]], ...] = (
    ("common", CommonSettings),
    ("gateway", GatewaySettings),
    ("token", TokenSettings),
    ("dispatcher", DispatcherSettings),
    ("notifier", NotifierSettings),
    ("proxy", ProxySettings),
    ("web", WebSettings),
    ("sandbox", SandboxSettings),
)
# Defaults computed at start, shown as what they come to.
COMPUTED_DEFAULTS = {"instance_id": "`{hostname}-{pid}`"}

TEXT: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "配置参考",
        "generated": "本页在每次构建时由配置类（`shared/settings.py`、`services/*/settings.py`、`sandbox/service.py`）"
        "自动生成，请勿手工编辑。",
        "intro": """\
每个服务都从环境变量读取配置（pydantic-settings，变量名不区分大小写）。下面先列出所有服务共有的配置，
再列出各服务自己的配置；“类型”一栏给出取值范围，超出范围时服务启动即报错并指出字段。
机密（AppSecret、Token、EncodingAESKey、`INTERNAL_API_KEY`、`WEB_SESSION_SECRET`）以 `SecretStr` 保存，
不会出现在日志和错误响应里。`make run` 会为本地运行补上一些值（开发用的 `INTERNAL_API_KEY`、
示例账号文件和回复规则等），见[快速上手](../quickstart.md)。
""",
        "columns": "| 环境变量 | 类型 | 默认值 | 说明 |",
        "scopes": {
            "common": "所有服务",
            "gateway": "网关 gateway（`python -m services.gateway`）",
            "token": "Token 服务 token（`python -m services.token`）",
            "dispatcher": "分发器 dispatcher（`python -m services.dispatcher`）",
            "notifier": "通知服务 notifier（`python -m services.notifier`）",
            "proxy": "API 代理 proxy（`python -m services.proxy`）",
            "web": "网页服务 web（`python -m services.web`）",
            "sandbox": "沙箱 sandbox（`python -m sandbox`，仅本地运行）",
        },
        "secret": "机密",
        "path": "文件路径",
        "one_of": "取值",
        "none": "—",
    },
    "en": {
        "title": "Settings reference",
        "generated": "Generated during every build from the settings classes (`shared/settings.py`, "
        "`services/*/settings.py`, `sandbox/service.py`): do not edit.",
        "intro": """\
Every service reads its settings from environment variables (pydantic-settings; names are
case-insensitive). First the settings every service shares, then each service's own; the *type* column
gives the accepted range, and a value outside it stops the service at start with the field named.
Secrets (AppSecret, Token, EncodingAESKey, `INTERNAL_API_KEY`, `WEB_SESSION_SECRET`) are `SecretStr`s and
never appear in a log line or an error body. `make run` fills some in for a local run (a development
`INTERNAL_API_KEY`, the example accounts and reply rules …): see the [quick start](../quickstart.md).
""",
        "columns": "| variable | type | default | meaning |",
        "scopes": {
            "common": "Every service",
            "gateway": "gateway (`python -m services.gateway`)",
            "token": "token service (`python -m services.token`)",
            "dispatcher": "dispatcher (`python -m services.dispatcher`)",
            "notifier": "notifier (`python -m services.notifier`)",
            "proxy": "API proxy (`python -m services.proxy`)",
            "web": "web pages (`python -m services.web`)",
            "sandbox": "sandbox (`python -m sandbox`, local runs only)",
        },
        "secret": "secret",
        "path": "file path",
        "one_of": "one of",
        "none": "—",
    },
}


@dataclass(frozen=True)
class Setting:
    scope: str
    name: str  # the field's name; the variable is its upper case
    field: FieldInfo
    comment: str  # the comment above (or after) the field in the code, "" without one

    @property
    def variable(self) -> str:
        return self.name.upper()


def _comments(cls: type[BaseSettings]) -> dict[str, str]:
    """field name → the comment lines right above its line in the class body (or its trailing comment)."""
    source, _ = inspect.getsourcelines(cls)
    tree = ast.parse("".join(source))
    found: dict[str, str] = {}
    lines = [line.rstrip("\n") for line in source]
    for node in tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            continue
        above: list[str] = []
        index = node.lineno - 2
        while index >= 0 and lines[index].strip().startswith("#"):
            above.insert(0, lines[index].strip().lstrip("#").strip())
            index -= 1
        trailing = re.search(r"#\s*(?:noqa: \S+ - )?(.+)$", lines[node.lineno - 1])
        comment = " ".join(above) or (trailing.group(1).strip() if trailing else "")
        found[node.target.id] = comment
    return found


def settings() -> list[Setting]:
    """Every setting: the common ones, then each class's own (new, or with another default)."""
    common = CommonSettings.model_fields
    common_comments = _comments(CommonSettings)
    found = [Setting("common", name, field, common_comments.get(name, "")) for name, field in common.items()]
    for scope, cls in SCOPES[1:]:
        comments = _comments(cls)
        for name, field in cls.model_fields.items():
            inherited = common.get(name)
            if inherited is not None and name not in inspect.get_annotations(cls):
                continue
            found.append(Setting(scope, name, field, comments.get(name, "")))
    return found


def _type_name(annotation: Any, lang: str) -> str:
    t = TEXT[lang]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, UnionType):
        return " \\| ".join(_type_name(arg, lang) for arg in typing.get_args(annotation) if arg is not NoneType)
    if origin is typing.Literal:
        return f"{t['one_of']} " + ", ".join(f"`{arg}`" for arg in typing.get_args(annotation))
    if origin is dict:
        return "JSON"
    if annotation is SecretStr:
        return str(t["secret"])
    if annotation is Path:
        return str(t["path"])
    return getattr(annotation, "__name__", str(annotation))


def _limits(field: FieldInfo) -> str:
    words = []
    for item in field.metadata:
        for attribute, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            value = getattr(item, attribute, None)
            if isinstance(item, annotated_types.BaseMetadata) and value is not None:
                words.append(f"{sign} {value:g}" if isinstance(value, float) else f"{sign} {value}")
        pattern = getattr(item, "pattern", None)
        if pattern:
            words.append(f"`{pattern}`".replace("|", "\\|"))
    return ", ".join(words)


def _default(setting: Setting, lang: str) -> str:
    field = setting.field
    if setting.name in COMPUTED_DEFAULTS:
        return COMPUTED_DEFAULTS[setting.name]
    if field.default_factory is not None:
        return f"`{field.default_factory()!r}`"  # type: ignore[call-arg]
    value = field.default
    if value is PydanticUndefined or value is None:
        return str(TEXT[lang]["none"])
    if isinstance(value, Path):
        return f"`{value.as_posix()}`"
    if isinstance(value, float) and value.is_integer():
        return f"`{value:g}`"
    if isinstance(value, str):
        return f"`{value}`" if value else '`""`'
    return f"`{value}`"


def _cell(text: str) -> str:
    return " ".join(text.replace("``", "`").split()).replace("|", "\\|")


def describe(setting: Setting, lang: str) -> str | None:
    """The setting's meaning in ``lang``: ``docsite/text.yaml`` for its scope, else (English) its comment in
    the code, else the text of the common setting of that name (a service's own ``PORT``)."""
    text = setting_text(lang, setting.scope, setting.variable)
    if text is None and lang == "en" and setting.comment:
        text = setting.comment
    return text or setting_text(lang, "common", setting.variable)


def missing(lang: str) -> list[str]:
    """Settings with no meaning in ``lang``: the build warns (and ``--strict`` fails)."""
    return [f"{s.scope}.{s.variable}" for s in settings() if not describe(s, lang)]


def render(lang: str) -> str:
    t = TEXT[lang]
    parts = [f"# {t['title']}", "", f"*{t['generated']}*", "", t["intro"]]
    current = None
    for setting in settings():
        if setting.scope != current:
            current = setting.scope
            parts += ["", f"## {t['scopes'][current]} {{#{current}}}", "", t["columns"], "| --- | --- | --- | --- |"]
        kind = _type_name(setting.field.annotation, lang)
        limits = _limits(setting.field)
        kind = f"{kind}, {limits}" if limits else kind
        meaning = _cell(describe(setting, lang) or "")
        parts.append(f"| `{setting.variable}` | {kind} | {_default(setting, lang)} | {meaning} |")
    return "\n".join(parts).rstrip("\n") + "\n"
