"""微信连Wi-Fi in the fake (group ``wifi``): stores' networks and devices, the pages around a connection,
card placements and statistics.

``state`` keeps them per account with WeChat's rules and 900xxxx codes (``rules``, ``shops``,
``statistics`` hold the pieces); ``routes`` decodes a ``/bizwifi/`` call and answers as WeChat does;
``control`` lets a test add stores (门店) and play the people who connect.
"""
