# wxmp-platform — `make run` runs the system, `make test` tests it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

# Tests and benchmarks use RabbitMQ and Redis on loopback. `make run` uses them only when both
# AMQP_URL and REDIS_URL are set; otherwise everything runs in one process, in memory.
test test-unit bench: export AMQP_URL ?= amqp://guest:guest@127.0.0.1:5672/
test test-unit bench: export REDIS_URL ?= redis://127.0.0.1:6379/0
# The demo accounts and rules, for `make run` only (tests set their own).
run: export WECHAT_APPS_FILE ?= config/apps.example.yaml
run: export REPLY_RULES_FILE ?= config/reply_rules.example.yaml

.PHONY: install browser run test test-unit lint format bench schema api-coverage docs-cli docs docs-serve docs-screenshots image clean
.PHONY: image-tools image-base image-check image-push image-clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,laptop,docs]"
	rm -f $(VENV)/.installed-*
	touch $@

# Without WECHAT_API_BASE the sandbox (fake WeChat API and chat page, port 8090) runs too.
# NO_INSTALL=1: use VENV as it is (the e2e test runs make run in a copy of the tree with this venv,
# which must never be reinstalled from the copy).
run: $(if $(NO_INSTALL),,install)
	$(BIN)/python -m laptop $(if $(WECHAT_API_BASE),,--sandbox) $(RUN_ARGS)

# The browser tests drive Debian's Chromium through Debian's chromedriver (never a downloaded browser).
BROWSER := /usr/bin/chromium /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BROWSER):
	$(SUDO) apt-get install -y --no-install-recommends chromium chromium-driver \
		|| ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium chromium-driver)

browser: $(BROWSER)

test: install $(BROWSER)
	$(BIN)/pytest

test-unit: install
	$(BIN)/pytest tests/unit

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The hand-glued peer the gateway is measured against (issue #19), in a venv of its own.
PEER_VENV := .venv-peer
PEER_STAMP := $(PEER_VENV)/.installed-$(shell cat bench/peer-requirements.txt | cksum | cut -d' ' -f1)

$(PEER_STAMP): bench/peer-requirements.txt
	$(PYTHON) -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/pip install --quiet -r bench/peer-requirements.txt
	rm -f $(PEER_VENV)/.installed-*
	touch $@

# 15 s runs: the duration of issue #19's comparison (bare, peer and gateway under the same load),
# in a RabbitMQ vhost of the benchmark's own where rabbitmqctl can make one (bench/vhost.py).
bench: install $(PEER_STAMP)
	AMQP_URL="$$($(BIN)/python -m bench.vhost || echo "$$AMQP_URL")" $(BIN)/python -m bench --duration 15

schema: install
	$(BIN)/python -m shared.events.schema > schema/events.schema.json

api-coverage: install
	$(BIN)/python -m shared.wechat.coverage > docs/api-coverage.md

# docs/cli.md from the wxmp commands' own help (a unit test checks it is up to date).
docs-cli: install
	$(BIN)/python -m wxmp_cli.docs > docs/cli.md

# The documentation site (mkdocs.yml: docs/zh and docs/en, the reference pages generated from the code
# during the build by docsite/hooks.py) into site/; tests/unit/test_docs.py builds it the same way.
docs: install
	$(BIN)/mkdocs build --strict

docs-serve: install
	$(BIN)/mkdocs serve

# The sandbox's pictures for the quick start (docs/assets/screenshots), taken in headless Chromium;
# the Chinese menu in them needs a CJK font (Debian's fonts-noto-cjk).
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

$(CJK_FONT):
	$(SUDO) apt-get install -y --no-install-recommends fonts-noto-cjk \
		|| ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends fonts-noto-cjk)

docs-screenshots: install $(BROWSER) $(CJK_FONT)
	$(BIN)/python -m docsite.screenshots

# The services' image (Dockerfile; docs/operations.md, "The image"), tagged with the commit (-dirty:
# built from uncommitted files). Docker where an engine answers, otherwise buildah on the Debian base
# of image-base; image-tools installs buildah and debootstrap with apt, once.
IMAGE_NAME ?= wxmp-platform
IMAGE_TAG ?= $(shell git rev-parse --short HEAD)$(shell git status --porcelain -- Dockerfile .dockerignore \
	pyproject.toml shared services wxmp_cli deploy/image | grep -q . && echo -dirty)
IMAGE_BUILDER ?= auto
IMAGE_STORAGE_DRIVER ?= overlay
IMAGE_ARCHIVE ?= /tmp/wxmp-image/$(IMAGE_NAME).oci.tar
IMAGE_TOOLS := /usr/bin/buildah /usr/sbin/debootstrap

$(IMAGE_TOOLS):
	$(SUDO) apt-get install -y --no-install-recommends buildah debootstrap \
		|| ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends buildah debootstrap)

image-tools: $(IMAGE_TOOLS)

image-base: $(IMAGE_TOOLS)
	STORAGE_DRIVER=$(IMAGE_STORAGE_DRIVER) deploy/image/base.sh

image:
	IMAGE=$(IMAGE_NAME):$(IMAGE_TAG) IMAGE_BUILDER=$(IMAGE_BUILDER) STORAGE_DRIVER=$(IMAGE_STORAGE_DRIVER) \
		deploy/image/build.sh

# Built with buildah, then checked from the inside and exported (deploy/image/check.py).
image-check: $(IMAGE_TOOLS)
	tag=$(IMAGE_TAG) && $(MAKE) --no-print-directory image IMAGE_BUILDER=buildah IMAGE_TAG=$$tag \
		&& $(PYTHON) -m deploy.image.check --image localhost/$(IMAGE_NAME):$$tag \
			--storage-driver $(IMAGE_STORAGE_DRIVER) --archive $(IMAGE_ARCHIVE)

# After `buildah login registry.example.com`: make image-push IMAGE_REPOSITORY=registry.example.com/wxmp/wxmp-platform
image-push:
	$(if $(IMAGE_REPOSITORY),,$(error IMAGE_REPOSITORY=registry.example.com/wxmp/wxmp-platform is required))
	buildah --storage-driver $(IMAGE_STORAGE_DRIVER) push localhost/$(IMAGE_NAME):$(IMAGE_TAG) \
		docker://$(IMAGE_REPOSITORY):$(IMAGE_TAG)

# Our images, the base and the archive; and the build cache (the store's untagged images).
image-clean:
	-buildah --storage-driver $(IMAGE_STORAGE_DRIVER) rmi $$(buildah --storage-driver $(IMAGE_STORAGE_DRIVER) \
		images --noheading --format '{{.Name}}:{{.Tag}}' --filter reference='localhost/wxmp-*') 2>/dev/null
	-buildah --storage-driver $(IMAGE_STORAGE_DRIVER) rmi --prune >/dev/null
	rm -f $(IMAGE_ARCHIVE)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
