"""The sandbox chat console: a web page where a developer acts as a follower of a simulated official account.

Served with the fake WeChat API in one app (``create_sandbox_app``): the page sends the
callbacks WeChat would send to the gateway, signed and (in safe and compatible mode)
encrypted, and shows the passive replies and the customer-service and template messages
the services sent through the fake, as the follower's phone would.
"""

from sandbox.console.app import create_sandbox_app
from sandbox.console.config import ConsoleConfig
from sandbox.console.events import EventLog

__all__ = ["ConsoleConfig", "EventLog", "create_sandbox_app"]
