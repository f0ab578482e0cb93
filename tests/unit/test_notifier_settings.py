"""The notifier's defaults: what WeChat limits is left to WeChat."""

from services.notifier.settings import NotifierSettings


def test_no_per_second_limit_by_default_wechat_caps_template_messages_per_day() -> None:
    # 20 a second took 14 hours for a million followers; WeChat documents a daily quota only.
    assert NotifierSettings.model_fields["rate_limit_per_second"].default == 0
