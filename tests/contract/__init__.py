"""Contract tests: one test body run against RabbitMQ / Redis and against the in-memory broker / fakeredis."""
