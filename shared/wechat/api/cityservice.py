"""城市服务: 微信就医助手 messages to a patient's 服务通知 (accounts that enabled 就医助手 only)."""

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.cityservice import MedicalMessage


class CityServiceApi(ApiGroup):
    async def send_medical(self, message: MedicalMessage) -> None:
        """Push one step of a hospital visit; the same ``msg_id`` of the same user and order is one message."""
        await self._json("cityservice/sendchannelmsg", json=message.body(self._app_id))
