"""What to do after a failed call to WeChat: the one policy the client and the API proxy share.

The error's ``Action`` (``shared.wechat.errors.action_for``) says what kind of failure it is;
this adds what the call allows. A rejected token is refreshed once and the call made again
(WeChat refused it, so nothing happened). A transient failure (-1, network, HTTP 5xx) is
retried only for an endpoint that changes nothing: a write may have happened before the
answer was lost, and repeating it could send a message or create a menu twice.
"""

import enum

from shared.wechat.errors import Action, action_for


class Step(enum.Enum):
    REFRESH_TOKEN = "refresh_token"
    RETRY = "retry"
    GIVE_UP = "give_up"


def next_step(errcode: int, *, retry_safe: bool, attempt: int, attempts: int, refreshed: bool) -> Step:
    """After ``attempt`` (1-based) of at most ``attempts`` failed with ``errcode``."""
    action = action_for(errcode)
    if action is Action.REFRESH_TOKEN:
        return Step.GIVE_UP if refreshed else Step.REFRESH_TOKEN
    if action is Action.RETRY and retry_safe and attempt < attempts:
        return Step.RETRY
    return Step.GIVE_UP


def backoff_seconds(first: float, attempt: int) -> float:
    """The pause before retry number ``attempt`` (1-based): doubling from ``first``."""
    return first * float(2 ** (attempt - 1))
