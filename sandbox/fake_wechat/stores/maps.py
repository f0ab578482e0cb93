"""Tencent Maps as the fake knows it: a few districts and the points on them, shared by every account.

``get_district`` lists provinces, cities and districts (each entry's ``cidx`` indexes its children
in the next list); a point lies in a district and is found from it or from any place above it.
"""

from dataclasses import dataclass
from typing import Any


def _place(code: str, name: str, fullname: str, lat: float, lng: float, cidx: list[int] | None) -> dict[str, Any]:
    place: dict[str, Any] = {"id": code, "name": name, "fullname": fullname, "location": {"lat": lat, "lng": lng}}
    if cidx is not None:
        place["cidx"] = cidx
    return place


PROVINCES = [
    _place("110000", "北京", "北京市", 39.90469, 116.40717, [0, 1]),
    _place("440000", "广东", "广东省", 23.13171, 113.26627, [2, 3]),
]
CITIES = [
    _place("110101", "东城", "东城区", 39.92855, 116.41637, None),
    _place("110105", "朝阳", "朝阳区", 39.92149, 116.44355, None),
    _place("440100", "广州", "广州市", 23.12908, 113.26436, [0, 1]),
    _place("440300", "深圳", "深圳市", 22.54286, 114.05956, [2, 2]),
]
DISTRICTS = [
    {"id": "440105", "fullname": "海珠区", "location": {"lat": 23.08331, "lng": 113.3172}},
    {"id": "440106", "fullname": "天河区", "location": {"lat": 23.12463, "lng": 113.36199}},
    {"id": "440305", "fullname": "南山区", "location": {"lat": 22.53321, "lng": 113.93041}},
]
PARENT = {
    "110101": "110000", "110105": "110000", "440100": "440000", "440300": "440000",
    "440105": "440100", "440106": "440100", "440305": "440300",
}  # fmt: skip
DATA_VERSION = "20240705"


def district_answer() -> dict[str, Any]:
    return {"status": 0, "message": "query ok", "data_version": DATA_VERSION,
            "result": [PROVINCES, CITIES, DISTRICTS]}  # fmt: skip


def known(districtid: str) -> bool:
    return districtid in PARENT or districtid in {place["id"] for place in PROVINCES}


def within(districtid: str, area: str) -> bool:
    """Whether ``districtid`` is ``area`` or lies inside it."""
    place: str | None = districtid
    while place is not None:
        if place == area:
            return True
        place = PARENT.get(place)
    return False


@dataclass(frozen=True)
class Point:
    uid: str  # sosomap_poi_uid, the map_poi_id a store is added on
    name: str
    address: str
    longitude: float
    latitude: float
    telephone: str
    category: str
    districtid: str
    province: str = "广东省"
    city: str = "广州市"
    district: str = "海珠区"

    def item(self) -> dict[str, Any]:
        """How ``search_map_poi`` lists it."""
        return {
            "branch_name": self.name, "address": self.address, "longitude": self.longitude,
            "latitude": self.latitude, "telephone": self.telephone, "category": self.category,
            "sosomap_poi_uid": self.uid, "data_supply": 1, "pic_urls": [], "card_id_list": [],
        }  # fmt: skip


SEEDED = (
    Point("2880741500279549033", "一号咖啡(新港中路店)", "新港中路397号", 113.323753357, 23.0974903107,
          "020-12345678", "美食:咖啡厅", "440105"),
    Point("5938314494307741153", "好又多超市(天河店)", "天河路208号", 113.3245, 23.1372, "020-87654321",
          "购物:超市", "440106", district="天河区"),
    Point("12810183469461025708", "北京饭店", "东长安街33号", 116.4105, 39.9083, "010-65137766",
          "酒店宾馆:星级酒店", "110101", province="北京市", city="北京市", district="东城区"),
)  # fmt: skip
