"""A subscription notification's keywords against the account's subscription template, when the
notifier knows it (``TemplateBook`` of ``notice-templates``): ``InvalidMessage`` naming every
problem, counted by outcome. A template the account does not list is WeChat's to judge."""

from collections.abc import Iterable, Sequence

from services.notifier.messages import InvalidMessage
from services.notifier.metrics import NotifierMetrics
from services.notifier.notice_rules import problems
from services.notifier.templates import TemplateBook

NOTICE_TEMPLATES = "notice-templates"  # the book's kind: Redis key wxmp:notifier:notice-templates:{app_id}


class NoticeCheck:
    def __init__(self, book: TemplateBook, metrics: NotifierMetrics) -> None:
        self._book = book
        self._metrics = metrics

    async def __call__(
        self, app_id: str, template_id: str, keys: Iterable[str], found: Sequence[tuple[str, str]] = ()
    ) -> None:
        """Refuse ``found`` (the values' problems by type) with the keywords' against the template."""
        template = await self._book.template(app_id, template_id)
        if template is None:
            self._metrics.notice_checks.labels("unchecked").inc()
            if found:
                raise InvalidMessage.of(found)
            return
        found = [*found, *problems(keys, template)]
        if found:
            self._metrics.notice_checks.labels("refused").inc()
            raise InvalidMessage.of(found)
        self._metrics.notice_checks.labels("passed").inc()
