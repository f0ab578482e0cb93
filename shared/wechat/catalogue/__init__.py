"""The catalogue: every WeChat endpoint the platform serves, one row each, grouped as WeChat's docs group them.

Adding an endpoint is one row in its group's module (and, where its shape matters, a model
and a typed method in ``shared.wechat.api``). Daily limits are WeChat's documented defaults
for a new account (接口调用频次限制说明); WeChat raises some with the follower count.
"""

from collections.abc import Iterable, Iterator

from shared.wechat.catalogue import (
    base,
    card,
    card_extras,
    cityservice,
    comment,
    datacube,
    device,
    draft,
    guide,
    invoice,
    kf,
    marketcode,
    mass,
    material,
    media,
    menu,
    merchant,
    message,
    nontax,
    poi,
    publisher,
    qrcode,
    scan,
    shakearound,
    shorten,
    smart,
    subscribe,
    template,
    user,
    wifi,
    wxopen,
)
from shared.wechat.endpoint import Endpoint


class Catalogue:
    """The endpoints by path; a path is one endpoint whatever its method."""

    def __init__(self, endpoints: Iterable[Endpoint]) -> None:
        self._by_path: dict[str, Endpoint] = {}
        for endpoint in endpoints:
            if endpoint.path in self._by_path:
                raise ValueError(f"{endpoint.path} is catalogued twice")
            if endpoint.path.startswith("/") or ".." in endpoint.path.split("/"):
                raise ValueError(f"{endpoint.path}: a catalogue path is WeChat's, without the leading slash")
            self._by_path[endpoint.path] = endpoint
        for endpoint in self._by_path.values():
            if endpoint.replacement is not None and endpoint.replacement not in self._by_path:
                raise ValueError(f"{endpoint.path} is replaced by {endpoint.replacement}, which is not catalogued")

    def get(self, path: str) -> Endpoint | None:
        return self._by_path.get(path)

    def __getitem__(self, path: str) -> Endpoint:
        return self._by_path[path]

    def __iter__(self) -> Iterator[Endpoint]:
        return iter(self._by_path.values())

    def __len__(self) -> int:
        return len(self._by_path)

    def groups(self) -> list[str]:
        return sorted({endpoint.group for endpoint in self})

    def in_group(self, group: str) -> list[Endpoint]:
        return [endpoint for endpoint in self if endpoint.group == group]


GROUPS = (
    base, menu, media, material, draft, comment, user, qrcode, shorten, message, datacube,
    kf, template, subscribe, mass, smart,
    marketcode, device, wxopen, scan, guide,
    card,  # 卡券: cards, codes, member cards
    card_extras,  # 卡券's extensions: sub-merchants, 券点, gift cards, pay-gift
    poi,  # 微信门店
    wifi,  # 微信连Wi-Fi
    shakearound,  # 摇一摇周边
    invoice,  # 微信发票
    nontax,  # 非税缴费
    merchant,  # the 2014 微信小店, shut down
    publisher,  # 流量主: ad income reports
    cityservice,  # 城市服务: 微信就医助手 messages
)  # fmt: skip


def default_catalogue() -> Catalogue:
    return Catalogue(endpoint for group in GROUPS for endpoint in group.ENDPOINTS)
