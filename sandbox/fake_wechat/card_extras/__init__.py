"""The fake's card extensions (group ``card_extras``): third-party sub-merchants and their review,
券点 and their orders, gift-card shelves and orders, pay-gift rules and 立减金 activities.

``state`` holds them per account with WeChat's rules (pure, every method takes ``now``); ``routes``
decodes a call, asks the state and encodes WeChat's answer; ``control`` lets a test play WeChat's
reviewers and the users who pay.
"""
