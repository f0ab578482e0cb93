"""流量主 (publisher) reports: the account's ad income, one GET ``publisher/stat`` chosen by ``?action=``.

``publisher_adpos_general`` (per ad slot and day, at most 90 days a call), ``publisher_cps_general``
(返佣商品 per day, at most 60 days), ``publisher_settlement`` (half-month settlements and the paying
entity, no span limit). Each pages with ``page`` (from 1) and ``page_size`` (≤ 90) over ``start_date``
… ``end_date`` (``YYYY-MM-DD``); ``ad_slot`` picks one slot of the first. WeChat answers in its
``base_resp {ret, err_msg}`` (2009 for an account that is no 流量主, 1701 for bad parameters), with
``list``/``summary``/``total_num`` or, for settlements, ``body``, ``revenue_all``, ``penalty_all``,
``settled_revenue_all``, ``settlement_list`` and ``total_num``.
"""

from shared.wechat.endpoint import Endpoint

GROUP = "publisher"

ENDPOINTS = (
    Endpoint(
        "publisher/stat", "GET", GROUP,
        "流量主 reports by ?action=: publisher_adpos_general (ad slots, ≤ 90 days), publisher_cps_general "
        "(返佣商品, ≤ 60 days), publisher_settlement (settlements and the paying entity)",
        changes=False, query=("action", "page", "page_size", "start_date", "end_date", "ad_slot"),
    ),
)  # fmt: skip
