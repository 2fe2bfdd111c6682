# Two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= palermo.db
HOST ?= 127.0.0.1
PORT ?= 8001
# torch is pinned in the same pip command as sentence-transformers: alone, the
# requirement would pull a multi-GB CUDA build; 2.13.0 resolves to a CPU wheel.
TORCH := torch==2.13.0

.PHONY: demo test install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q "$(TORCH)" -e ".[models]"
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q "$(TORCH)" -e ".[models,dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/palermo demo --db $(DB) --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(DB)
