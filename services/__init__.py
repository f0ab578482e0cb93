"""The four wxmp-platform services; each runs with ``python -m services.<name>``."""
