"""流量主 (``publisher/stat``): an account's ad income reports."""
