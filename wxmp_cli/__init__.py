"""``wxmp``: the operator's command line, a thin edge over the platform's HTTP APIs and the typed WeChat client."""
