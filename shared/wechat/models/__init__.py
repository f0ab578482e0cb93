"""Request models of the typed API: what WeChat validates, checked before a call reaches anyone."""
