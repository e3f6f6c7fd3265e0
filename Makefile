# The Harley Street Spine Clinic assistant. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
RASA      := $(VENV)/bin/rasa
MODEL_DIR := models
# A stamp newer than every input of a training: missing or older -> retrain.
MODEL_STAMP := $(MODEL_DIR)/.trained
TRAIN_INPUTS := config.yml domain.yml $(wildcard bot/data/*.yml) $(wildcard bot/faq/*.yml) \
                $(wildcard bot/nlu/*.py) $(wildcard bot/clinical/*.py)
PYTHON310 := $(shell command -v python3.10 2>/dev/null || ls -d $$HOME/.pyenv/versions/3.10.*/bin/python3.10 2>/dev/null | tail -n 1)

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# --- setup ----------------------------------------------------------------
$(VENV)/.installed: requirements.txt
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "ERROR: Python 3.10 is required (Rasa 3.6 needs Python < 3.11)."; \
	  echo "Install it (e.g. 'pyenv install 3.10.13') so that python3.10 is on PATH."; exit 1; fi
	@echo "==> creating $(VENV) with $(PYTHON310)"
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	@echo "==> installing pinned requirements (first time: 2-4 minutes)"
	$(PY) -m pip install --disable-pip-version-check -q --upgrade pip==26.3
	$(PY) -m pip install --disable-pip-version-check --progress-bar on -r requirements.txt
	@touch $@

.PHONY: install
install: $(VENV)/.installed ## create .venv and install pinned requirements

# --- FAQ and training -----------------------------------------------------
.PHONY: faq-check
faq-check: install ## check the FAQ files (bot/faq/*.yml) for mistakes
	$(PY) -m bot.faqtool check

bot/data/faq.generated.yml: $(VENV)/.installed $(wildcard bot/faq/*.yml)
	$(PY) -m bot.faqtool build

$(MODEL_STAMP): $(VENV)/.installed bot/data/faq.generated.yml $(TRAIN_INPUTS)
	@echo "==> training (about 2 minutes on 2 cores)"
	@mkdir -p $(MODEL_DIR)
	@start=$$(date +%s); \
	$(RASA) train --config config.yml --domain domain.yml --data bot/data --out $(MODEL_DIR) --fixed-model-name current && \
	echo "==> trained in $$(( $$(date +%s) - start )) s"
	@touch $@

.PHONY: train
train: $(MODEL_STAMP) ## train a model if data, config or domain changed

.PHONY: validate
validate: bot/data/faq.generated.yml ## check domain and training data for conflicts
	$(RASA) data validate --domain domain.yml --data bot/data --fail-on-warnings

# --- running --------------------------------------------------------------
.PHONY: run
run: $(MODEL_STAMP) ## start the action server, Rasa (REST + socket.io) and the web chat page
	@scripts/run.sh

# --- quality --------------------------------------------------------------
.PHONY: test
test: $(MODEL_STAMP) ## run every test (unit, FAQ check, data validation, model, conversations)
	$(PY) -m bot.faqtool check
	$(RASA) data validate --domain domain.yml --data bot/data --fail-on-warnings
	$(PY) -m pytest

.PHONY: clean
clean: ## remove models and generated data (keeps .venv and var/)
	rm -rf $(MODEL_DIR) bot/data/faq.generated.yml results .rasa
