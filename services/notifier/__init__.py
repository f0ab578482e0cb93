"""The notifier: template and customer-service messages, never lost or sent twice (issue #5)."""
