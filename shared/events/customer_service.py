"""Customer-service sessions (多客服): an agent took, closed or handed over a follower's session."""

from shared.events.base import WeChatEvent
from shared.events.lenient import OrAsSent
from shared.events.registry import event


@event("kf_create_session")
class KfCreateSessionEvent(WeChatEvent):
    kf_account: OrAsSent[str] | None


@event("kf_close_session")
class KfCloseSessionEvent(WeChatEvent):
    kf_account: OrAsSent[str] | None


@event("kf_switch_session")
class KfSwitchSessionEvent(WeChatEvent):
    from_kf_account: OrAsSent[str] | None
    to_kf_account: OrAsSent[str] | None
