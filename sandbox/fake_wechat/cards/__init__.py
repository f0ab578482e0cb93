"""The fake's 卡券 core (group ``card``): cards and their review, stock, QR codes and landing pages, the codes
users hold (imported, given, redeemed, changed, made unavailable), member cards and special tickets.

``definitions`` checks a card as ``card/create`` and ``card/update`` check it; ``cards`` keeps an account's
cards, ``codes`` the codes of its cards, ``members`` member cards and tickets; ``routes`` decodes a call and
encodes WeChat's answer; ``control`` lets a test play WeChat's reviewers and the users who take cards.
"""
