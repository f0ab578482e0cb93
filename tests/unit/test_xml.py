"""Hardened parsing refuses DTDs, entities, oversized and malformed documents; rendering round-trips."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shared.xml import DEFAULT_MAX_BYTES, XmlError, cdata, parse_xml, render_xml

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xml><Content>&lol9;</Content><MsgType>text</MsgType></xml>"""

HOSTILE = {
    "billion_laughs": BILLION_LAUGHS,
    "external_entity": b"""<?xml version="1.0"?>
<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xml><Content>&xxe;</Content><MsgType>text</MsgType></xml>""",
    "external_dtd": b"""<!DOCTYPE xml SYSTEM "file:///etc/passwd">
<xml><Content>hi</Content></xml>""",
    "bare_doctype": b"<!DOCTYPE xml><xml><Content>hi</Content></xml>",
    "parameter_entity": b"""<?xml version="1.0"?>
<!DOCTYPE xml [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote;]>
<xml><Content>hi</Content></xml>""",
    "internal_parameter_entity": b"""<!DOCTYPE xml [<!ENTITY % p "<!ENTITY e 'boom'>"> %p;]>
<xml><Content>&e;</Content></xml>""",
    "internal_entity": b"""<!DOCTYPE xml [<!ENTITY e "expanded">]>
<xml><Content>&e;</Content></xml>""",
}


@pytest.mark.parametrize("doc", HOSTILE.values(), ids=HOSTILE.keys())
def test_dtd_and_entities_are_refused(doc: bytes) -> None:
    with pytest.raises(XmlError) as info:
        parse_xml(doc)
    # The error says why without echoing the document.
    assert "passwd" not in str(info.value)
    assert "evil" not in str(info.value)


MALFORMED = {
    "empty": b"",
    "not_xml": b"hello",
    "truncated": b"<xml><Content><![CDATA[hi]]></Content>",
    "mismatched": b"<xml><Content>hi</MsgType></xml>",
    "two_roots": b"<xml><a>1</a></xml><xml><a>2</a></xml>",
    "undefined_entity": b"<xml><Content>&foo;</Content></xml>",
    "invalid_utf8": b"<xml><Content>\xff\xfe</Content></xml>",
    "control_char": b"<xml><Content>\x01</Content></xml>",
    "unknown_encoding": b"<?xml version='1.0' encoding='x-no-such-codec'?><xml><a>1</a></xml>",
    "non_text_codec": b"<?xml version='1.0' encoding='base64'?><xml><a>1</a></xml>",
}


@pytest.mark.parametrize("doc", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_xml_is_refused(doc: bytes) -> None:
    with pytest.raises(XmlError):
        parse_xml(doc)


def test_oversized_document_is_refused_before_parsing() -> None:
    doc = b"<xml><Content>" + b"a" * DEFAULT_MAX_BYTES + b"</Content></xml>"
    with pytest.raises(XmlError, match="exceeds"):
        parse_xml(doc)


def test_size_limit_is_inclusive_and_configurable() -> None:
    doc = b"<xml><Content>abc</Content></xml>"
    assert parse_xml(doc, max_bytes=len(doc)) == {"Content": "abc"}
    with pytest.raises(XmlError):
        parse_xml(doc, max_bytes=len(doc) - 1)


ROOTS_WITHOUT_CHILDREN = {
    "self_closing": b"<xml/>",
    "empty": b"<xml></xml>",
    "text_only": b"<xml>success</xml>",
    "attribute_only": b'<xml encrypt="1"/>',
    "attribute_and_text": b'<xml encrypt="1">text</xml>',
}


@pytest.mark.parametrize("doc", ROOTS_WITHOUT_CHILDREN.values(), ids=ROOTS_WITHOUT_CHILDREN.keys())
def test_root_without_child_elements_is_refused(doc: bytes) -> None:
    with pytest.raises(XmlError):
        parse_xml(doc)


def test_parse_returns_the_roots_children() -> None:
    doc = b"""<xml>
<ToUserName><![CDATA[gh_1]]></ToUserName>
<CreateTime>1348831860</CreateTime>
<Info><Inner><![CDATA[v]]></Inner></Info>
</xml>"""
    assert parse_xml(doc) == {"ToUserName": "gh_1", "CreateTime": "1348831860", "Info": {"Inner": "v"}}


# --- rendering ---------------------------------------------------------------------------------


def test_strings_are_cdata_and_ints_bare() -> None:
    assert render_xml({"Content": "hi", "CreateTime": 1700000000}) == (
        "<xml><Content><![CDATA[hi]]></Content><CreateTime>1700000000</CreateTime></xml>"
    )


def test_nested_mappings_become_nested_elements() -> None:
    rendered = render_xml({"Image": {"MediaId": "m1"}, "TransInfo": {"KfAccount": "kf@acct"}})
    assert rendered == (
        "<xml><Image><MediaId><![CDATA[m1]]></MediaId></Image>"
        "<TransInfo><KfAccount><![CDATA[kf@acct]]></KfAccount></TransInfo></xml>"
    )
    assert parse_xml(rendered.encode()) == {"Image": {"MediaId": "m1"}, "TransInfo": {"KfAccount": "kf@acct"}}


@pytest.mark.parametrize("count", [1, 2, 8])
def test_lists_become_item_elements_and_parse_back_as_lists(count: int) -> None:
    articles = [{"Title": f"t{i}", "Url": f"https://example.com/{i}"} for i in range(count)]
    rendered = render_xml({"Articles": articles})
    assert rendered.count("<item>") == count
    assert rendered.startswith("<xml><Articles><item><Title><![CDATA[t0]]></Title>")
    assert parse_xml(rendered.encode()) == {"Articles": {"item": articles}}


def test_booleans_have_no_xml_form() -> None:
    with pytest.raises(TypeError):
        render_xml({"Flag": True})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("]]>", "<![CDATA[]]]]><![CDATA[>]]>"),
        ("a]]>b", "<![CDATA[a]]]]><![CDATA[>b]]>"),
        ("]]>]]>", "<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>"),
        ("<b>&amp;</b>", "<![CDATA[<b>&amp;</b>]]>"),
    ],
)
def test_cdata_splits_its_terminator(text: str, expected: str) -> None:
    assert cdata(text) == expected
    assert parse_xml(render_xml({"Content": text}).encode()) == {"Content": text}


def _xml_char(char: str) -> bool:
    # XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    code = ord(char)
    return char in "\t\n\r" or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


xml_text = st.text(st.characters(codec="utf-8").filter(_xml_char))


def _after_line_end_normalization(text: str) -> str:
    # XML 1.0 §2.11: a parser reports "\r\n" and a lone "\r" as "\n", inside CDATA too.
    return text.replace("\r\n", "\n").replace("\r", "\n")


@given(xml_text)
@example("]]>")
@example("line\r\nbreak\rend")
@example("  padded  ")
@example("\u3000全角空格")
@example("")
def test_text_round_trips_through_render_and_parse(text: str) -> None:
    parsed = parse_xml(render_xml({"Content": text, "MsgId": 1}).encode())
    # An empty element parses as None; the event models give it the field's default.
    assert parsed["Content"] == (_after_line_end_normalization(text) or None)
