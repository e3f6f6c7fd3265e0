# The Harley Street Spine Clinic assistant. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# Rasa reports usage to its makers unless told not to.
export RASA_TELEMETRY_ENABLED := false

VENV      := .venv
PY        := $(VENV)/bin/python
RASA      := $(VENV)/bin/rasa
MODEL_DIR := models
# A stamp newer than every input of a training: missing or older -> retrain.
MODEL_STAMP := $(MODEL_DIR)/.trained
TRAIN_INPUTS := config.yml domain.yml $(wildcard bot/data/*.yml) $(wildcard bot/faq/*.yml) \
                $(wildcard bot/nlu/*.py) $(wildcard bot/clinical/*.py) $(wildcard bot/clinical/rules/*.yml)
PYTHON310 := $(shell scripts/find-python310.sh)

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

# The chat page's widget (rasa-webchat) comes from npm, pinned by web/package-lock.json.
WEB_DEPS := web/node_modules/.installed
$(WEB_DEPS): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "ERROR: npm is needed for the chat page (apt-get install nodejs npm)."; exit 1; }
	@echo "==> installing the chat widget (npm ci in web/)"
	cd web && npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

.PHONY: install
install: $(VENV)/.installed $(WEB_DEPS) ## create .venv, install pinned requirements and the chat widget

# --- FAQ and training -----------------------------------------------------
.PHONY: faq-check
faq-check: install ## check the FAQ files (bot/faq/*.yml) for mistakes
	$(PY) -m bot.faqtool check

.PHONY: faq-import
faq-import: install ## add or update FAQs from a spreadsheet: make faq-import CSV=my-faqs.csv
	@if [ -z "$(CSV)" ]; then \
	  echo "Usage: make faq-import CSV=path/to/faqs.csv (start from docs/faq-template.csv)"; exit 2; fi
	$(PY) -m bot.faqtool import "$(CSV)"

.PHONY: digest
digest: install ## questions not answered lately -> reports/digest-<date>.md/.png/.csv (SINCE=7d)
	$(PY) -m bot.faqtool digest --since "$(or $(SINCE),7d)"

bot/data/faq.generated.yml: $(VENV)/.installed $(wildcard bot/faq/*.yml)
	$(PY) -m bot.faqtool build

$(MODEL_STAMP): $(VENV)/.installed bot/data/faq.generated.yml $(TRAIN_INPUTS)
	@echo "==> training (under a minute on 2 cores)"
	@mkdir -p $(MODEL_DIR)
	@# stamped with the time training started: an edit made meanwhile retrains next time
	@touch $@.started
	@start=$$(date +%s); \
	$(RASA) train --config config.yml --domain domain.yml --data bot/data --out $(MODEL_DIR) --fixed-model-name current && \
	echo "==> trained in $$(( $$(date +%s) - start )) s"
	@mv $@.started $@

.PHONY: train
train: $(MODEL_STAMP) ## train a model if data, config or domain changed

.PHONY: retrain
retrain: install ## check, train, test and, if nothing got worse, publish the new model live
	$(PY) -m bot.retrain

.PHONY: rollback
rollback: install ## put back the model that was live before the last publish
	$(PY) -m bot.retrain rollback

.PHONY: report
report: install ## write the live model's evaluation report (reports/latest.md)
	$(PY) -m bot.retrain report

.PHONY: validate
validate: bot/data/faq.generated.yml ## check domain and training data (rasa data validate, warnings explained)
	$(PY) -m pytest -q tests/test_data_validation.py

# --- running --------------------------------------------------------------
.PHONY: run
run: $(MODEL_STAMP) $(WEB_DEPS) ## start the action server, Rasa (REST, socket.io, Telegram/WhatsApp if configured) and the chat page
	@scripts/run.sh

# The production profile on one machine: PostgreSQL, Redis, 2 Rasa replicas,
# the action server, one notification sender and the chat page behind nginx on
# :8000, under Debian's supervisor (bot/server/prod.py; README, "Production").
.PHONY: prod
prod: $(MODEL_STAMP) $(WEB_DEPS) ## production profile: 2 Rasa replicas behind nginx on :8000 (PostgreSQL, Redis, supervisor)
	@scripts/install-services.sh >/dev/null
	@umask 077 && $(PY) -m bot.server.prod

.PHONY: prod-check
prod-check: $(MODEL_STAMP) $(WEB_DEPS) ## production profile checks and its load/fault test: 32 patients, kill -9, PostgreSQL restart -> reports/prod-check.md (about 6 min)
	@scripts/install-services.sh >/dev/null
	$(PY) -m pytest -m prod tests/prod
	@cat reports/prod-check.md

# --- quality --------------------------------------------------------------
.PHONY: lint
lint: $(VENV)/.installed ## check the Python code's formatting and style (ruff); `make format` fixes most
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .

.PHONY: format
format: $(VENV)/.installed ## format the Python code and apply ruff's safe fixes
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# lint first: a style mistake stops the run before a 3-7 minute training
.PHONY: test
test: lint $(MODEL_STAMP) $(WEB_DEPS) ## run every test (lint, unit, FAQ check, data validation, model, conversations, channels)
	$(PY) -m bot.faqtool check
	$(PY) -m pytest

.PHONY: bench
bench: bot/data/faq.generated.yml ## measure accuracy, red flags, speed, memory, a staff retrain -> docs/benchmarks.md (about 25 min on 2 cores)
	$(PY) -m bot.bench

.PHONY: clean
clean: ## remove models and generated data (keeps .venv and var/)
	rm -rf $(MODEL_DIR) bot/data/faq.generated.yml results .rasa

# --- Kubernetes path (Dockerfile, deploy/kubernetes; docs/deploy.md) ------------
# checkov and kubernetes-validate have their own venv: their dependencies would
# break Rasa's pins in .venv.
DEPLOY_VENV   := .venv-deploy
# validated against this Kubernetes version's schemas (kubernetes-validate ships 1.25-1.37)
K8S_VERSION   := 1.29.0
K8S_MANIFESTS := $(sort $(wildcard deploy/kubernetes/*.yaml deploy/kubernetes/*/*.yaml))

$(DEPLOY_VENV)/.installed: requirements-deploy.txt
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "ERROR: Python 3.10 is required for $(DEPLOY_VENV) (scripts/find-python310.sh)."; exit 1; fi
	@echo "==> creating $(DEPLOY_VENV) with $(PYTHON310) (checkov, kubernetes-validate)"
	@test -x $(DEPLOY_VENV)/bin/python || $(PYTHON310) -m venv $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/python -m pip install --disable-pip-version-check -q --upgrade pip==26.3
	$(DEPLOY_VENV)/bin/python -m pip install --disable-pip-version-check -q -r requirements-deploy.txt
	@touch $@

# Offline: the schemas ship in kubernetes-validate; checkov runs without an API
# key (BC_API_KEY unset), downloads nothing (--skip-download) and does not look
# for a newer version of itself (CKV_SKIP_PACKAGE_UPDATE_CHECK).
.PHONY: deploy-check
deploy-check: $(DEPLOY_VENV)/.installed ## validate Dockerfile and deploy/kubernetes offline (kubernetes-validate, checkov)
	@test -n "$(K8S_MANIFESTS)" || { echo "ERROR: no manifests in deploy/kubernetes"; exit 1; }
	$(DEPLOY_VENV)/bin/kubernetes-validate --kubernetes-version $(K8S_VERSION) --strict --quiet $(K8S_MANIFESTS)
	env -u BC_API_KEY CKV_SKIP_PACKAGE_UPDATE_CHECK=true $(DEPLOY_VENV)/bin/checkov \
	  --framework kubernetes dockerfile secrets --file Dockerfile $(K8S_MANIFESTS) \
	  --skip-download --quiet --compact
