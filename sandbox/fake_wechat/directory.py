"""The fake's account directory: followers, tags, the blacklist, conditional menus, short links."""


class Directory:
    """Empty for now."""
