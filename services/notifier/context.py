"""The notifier's collaborators, reached through one typed app key."""

from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web
from redis.asyncio import Redis

from services.notifier.mass_store import MassStore
from services.notifier.metrics import NotifierMetrics
from services.notifier.notices import NoticeCheck
from services.notifier.status import StatusStore
from services.notifier.templates import TemplateCheck
from shared.broker import Broker
from shared.wechat.api import WeChatApi


@dataclass(frozen=True)
class Notifier:
    accounts: frozenset[str]
    status: StatusStore
    metrics: NotifierMetrics
    broker: Broker
    redis: Redis
    max_batch_size: int
    mass: MassStore
    check_template: TemplateCheck
    check_notice: NoticeCheck | None = None
    wechat: Callable[[str], WeChatApi] | None = None  # an account's typed client, for broadcast administration


NOTIFIER = web.AppKey("notifier", Notifier)
