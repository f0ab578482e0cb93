"""The token service: the one access_token / jsapi_ticket controller for every account (issue #3)."""
