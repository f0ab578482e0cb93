"""Developer sandbox: stand-ins for the outside world (a fake WeChat API) that tests and local runs talk to."""
