"""The fake's 摇一摇周边 (group ``shakearound``): the registration and its review, device applications and
devices, pages and what each device shows, device groups, shakes with their tickets and statistics,
and red-packet lotteries.

``state`` holds them per account with WeChat's rules (pure, every method takes ``now``); ``routes``
decodes a call, asks the state and encodes WeChat's answer (``"errmsg": "success."`` beside ``data``);
``control`` lets a test play WeChat's reviewers and the people who shake.
"""
