"""The dispatcher: auto-reply rules and analytics from the event stream (issue #4)."""
