# One image for the services; the command picks the service:
#   docker run wxmp-platform:TAG                      # services.gateway (the default)
#   docker run wxmp-platform:TAG services.token       # or services.dispatcher, .notifier, .proxy, .web
# Build: `make image` (tags wxmp-platform:<git short sha>) with Docker where an engine answers,
# otherwise with buildah (docs/operations.md, "The image"). The base is a build argument:
# python:3.11-slim (pin it by digest in CI: --build-arg PYTHON_IMAGE=python:3.11-slim@sha256:…),
# or the Debian bookworm base `make image-base` makes (localhost/wxmp-base:bookworm: Debian's
# python3 is 3.11) where Docker Hub is out of reach.
ARG PYTHON_IMAGE=python:3.11-slim

# --- requirements: the runtime pins and command launchers, as files, from pyproject.toml ---------
# Cheap, and rebuilt on any change of pyproject.toml; the stages below copy its files, so the slow
# layer is rebuilt only when what they contain changes (not for a new dev tool or a ruff rule).
FROM ${PYTHON_IMAGE} AS requirements
WORKDIR /build
COPY pyproject.toml deploy/image/from_pyproject.py ./
RUN python from_pyproject.py pyproject.toml --requirements requirements.txt --scripts bin

# --- builder: the pinned runtime dependencies, in a virtualenv ----------------------------------
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
COPY --from=requirements /build/requirements.txt /build/requirements.txt
# [project].dependencies are exact pins (name==version); the dev extras stay out of the image.
# Wheels only (--only-binary): every dependency ships manylinux wheels, so nothing is compiled
# and the builder needs no compiler either. Where the build host's pip trusts an extra certificate
# authority (a TLS-inspecting proxy: PIP_CERT), `make image` lends that CA bundle as the secret
# pip-cert, mounted for this command only and so in no layer; without it pip uses its own bundle.
RUN --mount=type=secret,id=pip-cert \
    if [ -s /run/secrets/pip-cert ]; then export PIP_CERT=/run/secrets/pip-cert; fi \
    && /opt/venv/bin/pip install --only-binary=:all: --requirement /build/requirements.txt \
    && /opt/venv/bin/pip check \
    && /opt/venv/bin/python -m pip uninstall --yes pip setuptools

# --- runtime: the virtualenv and our code, run as an unprivileged user ----------------------------
FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="wxmp-platform" \
      org.opencontainers.image.description="WeChat Official Account backend: gateway, token, dispatcher, notifier, API proxy"
# No .pyc writes at run time (the root filesystem is read-only on Kubernetes: the code is
# compiled below, at build time); logs straight to stdout; the venv first on PATH; our packages
# importable from any working directory (the wxmp command too).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app
RUN groupadd --system --gid 10001 wxmp \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin wxmp
COPY --from=builder /opt/venv /opt/venv
# The commands of [project.scripts] (wxmp: `docker run --entrypoint wxmp wxmp-platform:TAG --help`).
COPY --from=requirements /build/bin/ /opt/venv/bin/
WORKDIR /app
# The services, their shared library and the operator's command line only: no tests, sandbox,
# laptop mode, bench or configuration (settings come from the environment, accounts and rules from
# mounted files). Last, so that a change of the code rebuilds only these layers.
COPY shared/ shared/
COPY services/ services/
COPY wxmp_cli/ wxmp_cli/
RUN python -m compileall -q /app/shared /app/services /app/wxmp_cli
# Owned by root, run as 10001: the process cannot change its own code.
USER 10001:10001
# gateway 8080, token 8081, dispatcher 8082, notifier 8083, proxy 8084, web 8085 (PORT overrides).
EXPOSE 8080 8081 8082 8083 8084 8085
# SIGTERM: stop accepting, finish in-flight work (SHUTDOWN_TIMEOUT_SECONDS), close, exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["python", "-m"]
CMD ["services.gateway"]
