"""Short keys for long data (seed 1.7); the old shorturl is shut down."""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "shorten"

ENDPOINTS = (
    Endpoint(
        "cgi-bin/shorten/gen", "POST", GROUP, "A short key for up to 4 KB of data (≤ 30 days)", changes=True,
        body=Body.JSON, example={"long_data": "loooooong data", "expire_seconds": 86400},
    ),
    Endpoint(
        "cgi-bin/shorten/fetch", "POST", GROUP, "The data behind a short key", changes=False, body=Body.JSON,
        example={"short_key": "iTLYzsVlQ7cP3Jb"},
    ),
    Endpoint(
        "cgi-bin/shorturl", "POST", GROUP, "Shut down by WeChat: use shorten/gen", changes=True, body=Body.JSON,
        replacement="cgi-bin/shorten/gen",
    ),
)  # fmt: skip
