# One image for the four services; the command picks the service:
#   docker run wxmp-platform:TAG                      # services.gateway (the default)
#   docker run wxmp-platform:TAG services.token       # or services.dispatcher, services.notifier
# Build: `make image` (tags wxmp-platform:<git short sha>). Pin the base by digest in CI:
#   docker build --build-arg PYTHON_IMAGE=python:3.11-slim@sha256:… .
ARG PYTHON_IMAGE=python:3.11-slim

# --- builder: the pinned runtime dependencies of pyproject.toml, in a virtualenv -------------
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
WORKDIR /build
# Only pyproject.toml: this layer (the slow one) is rebuilt only when the dependencies change.
COPY pyproject.toml ./
# [project].dependencies are exact pins (name==version); the dev extras stay out of the image.
# Wheels only (--only-binary): every dependency ships manylinux wheels, so nothing is compiled
# and the builder needs no compiler either.
RUN python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
        > requirements.txt \
    && cat requirements.txt \
    && /opt/venv/bin/pip install --only-binary=:all: --requirement requirements.txt \
    && /opt/venv/bin/pip check \
    && /opt/venv/bin/python -m pip uninstall --yes pip setuptools

# --- runtime: the virtualenv and our code, run as an unprivileged user ----------------------------
FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="wxmp-platform" \
      org.opencontainers.image.description="WeChat Official Account backend: gateway, token, dispatcher, notifier"
# No .pyc writes at run time (the root filesystem is read-only on Kubernetes: the code is
# compiled below, at build time); logs straight to stdout; the venv first on PATH.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH
RUN groupadd --system --gid 10001 wxmp \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin wxmp
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# The services and their shared library only: no tests, sandbox, bench or configuration
# (settings come from the environment, accounts and rules from mounted files).
COPY shared/ shared/
COPY services/ services/
RUN python -m compileall -q /app/shared /app/services
# Owned by root, run as 10001: the process cannot change its own code.
USER 10001:10001
# gateway 8080, token 8081, dispatcher 8082, notifier 8083, proxy 8084 (PORT overrides).
EXPOSE 8080 8081 8082 8083 8084
# SIGTERM: stop accepting, finish in-flight work (SHUTDOWN_TIMEOUT_SECONDS), close, exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["python", "-m"]
CMD ["services.gateway"]
