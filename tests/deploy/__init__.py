"""Deployment tests: the image's Dockerfile, the Kubernetes manifests (rendered with kubectl's kustomize
and validated offline against the Kubernetes schemas), the policies they must keep, and graceful
shutdown under load (real processes over RabbitMQ and Redis)."""
