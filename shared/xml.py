"""Hardened XML in, CDATA XML out: the two XML shapes WeChat speaks.

Parsing refuses a DTD, entity declarations and oversized documents before it
builds anything, so an entity-expansion bomb or an external entity never gets
expanded. Rendering writes WeChat's element-per-field shape with text in CDATA.
"""

from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import Any
from xml.parsers import expat

import xmltodict

DEFAULT_MAX_BYTES = 64 * 1024


class XmlError(ValueError):
    """The document is not XML we accept; the message says why, without echoing it."""


def _refuse_dtd(*_args: object) -> None:
    raise XmlError("DTD and entity declarations are not allowed")


def _hardened_parser_create(*args: Any, **kwargs: Any) -> Any:
    parser: Any = expat.ParserCreate(*args, **kwargs)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


# xmltodict takes the expat module as a parameter; this one builds parsers
# that stop at the first DTD or entity declaration.
_HARDENED_EXPAT = SimpleNamespace(ParserCreate=_hardened_parser_create, ExpatError=expat.ExpatError)


def parse_xml(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, force_list: Sequence[str] = ("item",)
) -> dict[str, Any]:
    """The children of the document's root element as a dict (xmltodict's shape).

    Raises ``XmlError`` for an oversized, malformed or DTD-carrying document, or
    one whose root has no child elements.
    """
    if len(data) > max_bytes:
        raise XmlError(f"document exceeds {max_bytes} bytes")
    try:
        doc = xmltodict.parse(data, expat=_HARDENED_EXPAT, force_list=tuple(force_list), strip_whitespace=False)
    except XmlError:
        raise
    except (expat.ExpatError, ValueError, LookupError) as exc:
        raise XmlError(f"malformed XML: {type(exc).__name__}") from None
    if not isinstance(doc, dict) or len(doc) != 1:
        raise XmlError("document must have exactly one root element")
    root = _without_layout(next(iter(doc.values())))
    if not isinstance(root, dict) or not any(key[:1] not in "@#" for key in root):
        raise XmlError("root element has no child elements")
    return root


def _without_layout(value: Any) -> Any:
    """Drop the whitespace between child elements (kept as ``#text``: text is not stripped)."""
    if isinstance(value, dict):
        return {
            key: _without_layout(inner)
            for key, inner in value.items()
            if not (key == "#text" and isinstance(inner, str) and not inner.strip())
        }
    if isinstance(value, list):
        return [_without_layout(inner) for inner in value]
    return value


def cdata(text: str) -> str:
    """``text`` wrapped in CDATA, splitting any ``]]>`` it contains."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _render_value(value: Any) -> str:
    if isinstance(value, Mapping):
        return "".join(f"<{key}>{_render_value(inner)}</{key}>" for key, inner in value.items())
    if isinstance(value, bool):
        raise TypeError("booleans have no WeChat XML form")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "".join(f"<item>{_render_value(inner)}</item>" for inner in value)
    return cdata(str(value))


def render_xml(fields: Mapping[str, Any]) -> str:
    """``<xml>`` with one element per field: strings in CDATA, numbers bare,
    mappings as nested elements and sequences as ``<item>`` lists."""
    return "<xml>" + _render_value(fields) + "</xml>"
