"""微信小店 product cards (``/channels/ec/service/product/getcardinfo``) an article embeds."""
