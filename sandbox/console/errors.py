"""The console's input errors: what the page sent wrong (400, naming the field) or asked for in vain (404)."""


class BadInput(ValueError):
    """A request field the console refuses; nothing was sent because of it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class UnknownApp(LookupError):
    def __init__(self, app_id: str) -> None:
        super().__init__(f"no account with app_id {app_id!r}")
        self.app_id = app_id
