"""The ``wxmp`` entry point (``[project.scripts]``): the root command with every noun under it."""

from wxmp_cli.commands import gateway, mass, media, menu, notify, platform, publish, qrcode, stats, tags, users
from wxmp_cli.root import app

app.add_typer(platform.token_app, name="token")
app.add_typer(menu.app, name="menu")
app.add_typer(qrcode.app, name="qrcode")
app.add_typer(users.app, name="users")
app.add_typer(tags.app, name="tags")
app.add_typer(tags.blacklist_app, name="blacklist")
app.add_typer(media.app, name="media")
app.add_typer(media.material_app, name="material")
app.add_typer(publish.draft_app, name="draft")
app.add_typer(notify.app, name="template")
app.add_typer(mass.app, name="mass")
app.add_typer(mass.kf_app, name="kf")
app.add_typer(gateway.callback_app, name="callback")

# Commands straight under the root register themselves on import: apps, check, publish, stats, quota.
__all__ = ["app", "gateway", "publish", "stats"]
