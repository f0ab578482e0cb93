"""The gateway: WeChat callbacks in, confirmed typed events on RabbitMQ, passive replies out."""
