"""AMQP topic matching of the in-memory broker (``*`` one word, ``#`` zero or more), checked by
properties and against an independent regex reference."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.broker.topics import topic_matches

# A small alphabet, so generated keys and patterns share words often; words may be empty ("a..b").
WORD = st.text(alphabet="abc", max_size=2)
KEY = st.lists(WORD, min_size=1, max_size=6)
PATTERN = st.lists(st.one_of(WORD, st.sampled_from(["*", "#"])), min_size=1, max_size=6)


def reference_matches(binding: str, routing_key: str) -> bool:
    """Each word of the key as ``.word``; a literal matches one such segment, ``*`` any one, ``#`` any run."""
    parts = {"*": r"\.[^.]*", "#": r"(?:\.[^.]*)*"}
    regex = "".join(parts.get(word, r"\." + re.escape(word)) for word in binding.split("."))
    return re.fullmatch(regex, "." + routing_key) is not None


@st.composite
def key_and_pattern(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """A key and a pattern made from it: words kept, replaced by ``*``, or runs of them (possibly
    empty) replaced by ``#``."""
    key = draw(KEY)
    pattern: list[str] = []
    at = 0
    while at < len(key):
        if draw(st.booleans()) and draw(st.booleans()):
            pattern.append("#")  # a run of no words
        how = draw(st.sampled_from(["word", "star", "hash"]))
        if how == "hash":
            pattern.append("#")
            at += draw(st.integers(min_value=1, max_value=len(key) - at))
        else:
            pattern.append(key[at] if how == "word" else "*")
            at += 1
    if draw(st.booleans()):
        pattern.append("#")
    return key, pattern


@given(key_and_pattern())
def test_a_pattern_made_from_a_key_matches_it(made: tuple[list[str], list[str]]) -> None:
    key, pattern = made
    assert topic_matches(".".join(pattern), ".".join(key))


@given(key_and_pattern(), st.data())
def test_a_literal_word_the_key_lacks_makes_it_not_match(
    made: tuple[list[str], list[str]], data: st.DataObject
) -> None:
    key, pattern = made
    literals = [i for i, word in enumerate(pattern) if word not in ("*", "#")]
    if not literals:
        return
    at = data.draw(st.sampled_from(literals))
    changed = [*pattern[:at], "z", *pattern[at + 1 :]]  # "z" is in no key
    assert not topic_matches(".".join(changed), ".".join(key))


@given(key_and_pattern(), st.data())
def test_without_hash_any_changed_literal_makes_it_not_match(
    made: tuple[list[str], list[str]], data: st.DataObject
) -> None:
    key, pattern = made
    literals = [i for i, word in enumerate(pattern) if word not in ("*", "#")]
    if "#" in pattern or not literals:
        return
    at = data.draw(st.sampled_from(literals))
    other = data.draw(WORD.filter(lambda word: word != pattern[at]))
    changed = [*pattern[:at], other, *pattern[at + 1 :]]
    assert not topic_matches(".".join(changed), ".".join(key))


@given(PATTERN, KEY)
def test_agrees_with_the_regex_reference(pattern: list[str], key: list[str]) -> None:
    binding, routing_key = ".".join(pattern), ".".join(key)
    assert topic_matches(binding, routing_key) == reference_matches(binding, routing_key)


@pytest.mark.parametrize(
    ("binding", "routing_key", "matches"),
    [  # RabbitMQ's tutorial 5, and the shapes the services bind
        ("*.orange.*", "quick.orange.rabbit", True),
        ("*.*.rabbit", "lazy.orange.elephant", False),
        ("lazy.#", "lazy.orange.male.rabbit", True),
        ("lazy.#", "lazy", True),
        ("*.orange.*", "quick.orange.male.rabbit", False),
        ("*.orange.*", "orange", False),
        ("wxa.#", "wxa.message.text", True),
        ("wxa.#", "wxb.message.text", False),
        ("*.event.templatesendjobfinish", "wxa.event.templatesendjobfinish", True),
        ("#", "anything.at.all", True),
        ("#.text", "text", True),
        ("a.#.#.b", "a.b", True),
    ],
)
def test_known_answers(binding: str, routing_key: str, matches: bool) -> None:
    assert topic_matches(binding, routing_key) is matches
    assert reference_matches(binding, routing_key) is matches
