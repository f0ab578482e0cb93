"""AMQP topic matching: routing keys and binding keys are words split on ``.``; in a binding,
``*`` stands for exactly one word and ``#`` for zero or more."""

from functools import lru_cache


def topic_matches(binding: str, routing_key: str) -> bool:
    return _match(tuple(binding.split(".")), tuple(routing_key.split(".")))


@lru_cache(maxsize=8192)
def _match(pattern: tuple[str, ...], words: tuple[str, ...]) -> bool:
    if not pattern:
        return not words
    head, rest = pattern[0], pattern[1:]
    if head == "#":
        return _match(rest, words) or (bool(words) and _match(pattern, words[1:]))
    return bool(words) and head in ("*", words[0]) and _match(rest, words[1:])
