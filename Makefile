# Amplify: `make demo` runs the product with a demo organisation; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
# The demo runs with DEBUG on, so the two-factor step accepts this code for staff logins.
DEMO_ENV := DEBUG=1 AMPLIFY_DEMO_MFA_CODE=000000
# PostgreSQL for the second integration pass: DATABASE_URL if set, else the local server.
PG_URL ?= $(if $(DATABASE_URL),$(DATABASE_URL),postgres://postgres@127.0.0.1:5432/amplify)
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test install fmt lint types contracts migrations-check test-sqlite test-postgres \
        test-browser bench lock worker clean messages translations

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Amplify needs Python 3.11 or newer")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The Spanish and Japanese catalogues are compiled here, never committed (*.mo is ignored):
# every target that runs the product or its tests depends on this.
LOCALE_DIR := amplify/locale
PO_FILES := $(wildcard $(LOCALE_DIR)/*/LC_MESSAGES/*.po)
COMPILED := $(LOCALE_DIR)/.compiled

$(COMPILED): $(PO_FILES) $(STAMP)
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: install GNU gettext (apt-get install gettext) to compile the translations." >&2; exit 1; }
	DJANGO_SETTINGS_MODULE=amplify.settings_test $(BIN)/python manage.py compilemessages -v0 --ignore='.venv' --ignore='var'
	touch $(COMPILED)

translations: $(COMPILED)

install: $(STAMP) translations

# Refresh the catalogues from the source after changing strings, then translate the new
# entries (the tests fail on any untranslated or fuzzy one).
messages: $(STAMP)
	DJANGO_SETTINGS_MODULE=amplify.settings_test $(BIN)/python manage.py makemessages -l es -l ja --no-obsolete --ignore='.venv/*' --ignore='var/*'

demo: install
	@mkdir -p var
	@$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput -v0
	@$(DEMO_ENV) $(BIN)/python manage.py demo_load --if-empty
	@echo
	@echo "Amplify is running at http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	@echo "Staff logins (administrator, programme manager, impact admin) ask for a two-factor"
	@echo "code: in this demo, type 000000. A background worker runs imports and matching alongside."
	@echo
	@trap 'kill 0' INT TERM EXIT; \
	  $(DEMO_ENV) $(BIN)/python manage.py amplify_worker --interval 0.5 >var/worker.log 2>&1 & \
	  $(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

worker: install
	$(BIN)/python manage.py amplify_worker

test: lint contracts types migrations-check test-sqlite test-postgres test-browser
	@echo "All checks passed."

fmt: $(STAMP)
	$(BIN)/ruff check --fix --quiet .
	$(BIN)/ruff format --quiet .

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

contracts: $(STAMP)
	$(BIN)/lint-imports

types: $(STAMP)
	$(BIN)/mypy amplify

migrations-check: $(STAMP)
	DJANGO_SETTINGS_MODULE=amplify.settings_test $(BIN)/python manage.py makemigrations --check --dry-run -v0

test-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest -m "not browser" -q -n 2

test-postgres: install
	@if $(BIN)/python -c 'import psycopg, sys; psycopg.connect(sys.argv[1].replace("/amplify", "/postgres"), connect_timeout=3).close()' '$(PG_URL)' 2>/dev/null; then \
	  echo "PostgreSQL integration pass on $(PG_URL)"; \
	  DATABASE_URL='$(PG_URL)' $(BIN)/pytest -m "not browser" -q -n 2 -p no:randomly; \
	elif [ "$$CI" = "true" ]; then \
	  echo "CI: PostgreSQL at $(PG_URL) is not reachable." >&2; exit 1; \
	else \
	  echo "Skipping the PostgreSQL pass: nothing answers at $(PG_URL)."; \
	fi

test-browser: install
	@if [ -x "$(CHROMIUM)" ]; then \
	  env -u DATABASE_URL AMPLIFY_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -m browser -q; \
	elif [ "$$CI" = "true" ]; then \
	  echo "CI: Chromium is missing at $(CHROMIUM) (.ci/run installs it)." >&2; exit 1; \
	else \
	  echo "Skipping browser tests: no Chromium at $(CHROMIUM) (apt-get install chromium)."; \
	fi

bench: install
	$(BIN)/python bench/import_people.py
	$(BIN)/python bench/cohort_page.py
	$(BIN)/python bench/application_queue.py
	$(BIN)/python bench/server_cost.py --rounds 10
	$(BIN)/python bench/matching.py

lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
	  --no-emit-find-links --no-emit-trusted-host -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
