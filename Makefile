# wxmp-platform — `make run` runs the system, `make test` tests it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

export AMQP_URL ?= amqp://guest:guest@127.0.0.1:5672/
export REDIS_URL ?= redis://127.0.0.1:6379/0
# The demo accounts and rules, for `make run` only (tests set their own).
run: export WECHAT_APPS_FILE ?= config/apps.example.yaml
run: export REPLY_RULES_FILE ?= config/reply_rules.example.yaml

.PHONY: install run test test-unit lint format bench schema image clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

# Without WECHAT_API_BASE the fake WeChat API runs too (no real account or network needed).
run: install
	$(BIN)/python -m services $(if $(WECHAT_API_BASE),,--fake-wechat)

test: install
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

bench: install
	$(BIN)/python -m bench

schema: install
	$(BIN)/python -m shared.events.schema > schema/events.schema.json

# The services' image (Dockerfile), tagged with the commit: needs a Docker engine.
image:
	docker build -t wxmp-platform:$$(git rev-parse --short HEAD) .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
