"""The fake's content library: temporary media, permanent materials, drafts, publish jobs, comments."""


class Library:
    """Empty for now."""
