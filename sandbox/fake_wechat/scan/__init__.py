"""微信"扫一扫" in the fake: the brand owner's product pages, whitelist and scan tickets, and the v2 商品库."""
