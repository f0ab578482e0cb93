"""The whole system on one machine (``make run``, ``python -m laptop``): in one process in memory, or
one process per service on RabbitMQ and Redis. Not shipped in the services' image."""
