"""Benchmark harness: ``python -m bench`` measures a bare aiohttp server and the real services under wrk."""
