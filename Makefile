# Dari: two commands on a fresh machine.
#   make demo   creates .venv, installs, migrates var/dari.sqlite3, loads the real data and the
#               demo event, serves http://127.0.0.1:8000
#   make test   the whole suite on SQLite and on PostgreSQL
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
PG_URL ?= postgres://postgres@$(PG_HOST):$(PG_PORT)/dari
APT_PACKAGES := chromium fonts-noto-cjk gettext
# Two test processes on this 2-core machine: the suite waits on the databases much of the time
# (about 9 minutes for both databases instead of 16). Work stealing: pytest-xdist's default
# scheduler hands out long contiguous runs of tests, so the few long ones (the demo builds, the
# page walks; tests/conftest.py starts them first) ended up on one process while the other
# waited; with work stealing an idle process takes half of the other's remaining queue.
PYTEST_ARGS ?= -n 2 --dist worksteal

.PHONY: install system-packages demo demo-data serve test test-sqlite test-postgres postgres \
        lint bench-import bench-ingest bench-schedule bench-recommend bench-trials bench-search messages clean

install: $(STAMP) system-packages

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "Python 3.11 ($(PY)) is required"; exit 1; }
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# Debian packages the browser tests, the screenshots and the translations need.
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: install
	DARI_DEBUG=$${DARI_DEBUG:-1} $(BIN)/dari demo

demo-data: install
	$(BIN)/dari demo --no-serve

serve: install
	DARI_DEBUG=$${DARI_DEBUG:-1} $(BIN)/dari runserver 127.0.0.1:8000

# Start the local PostgreSQL server if it is down; install it if the machine has none.
postgres:
	@if ! pg_isready -q -h $(PG_HOST) -p $(PG_PORT) 2>/dev/null; then \
	  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then \
	    SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; \
	  fi; \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start || true; \
	  for i in $$(seq 1 30); do pg_isready -q -h $(PG_HOST) -p $(PG_PORT) && break; sleep 1; done; \
	fi
	@pg_isready -h $(PG_HOST) -p $(PG_PORT) || { echo "PostgreSQL is not reachable at $(PG_HOST):$(PG_PORT)"; exit 1; }

test: install postgres
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install postgres
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check dari tests bench
	$(BIN)/ruff format --check dari tests bench
	$(BIN)/mypy dari/scheduling dari/matching dari/accounts/domain dari/directory/domain \
	  dari/events/domain dari/insights/domain dari/cli/grammar.py dari/extraction \
	  dari/curation/domain dari/messaging/domain dari/webhooks/domain \
	  dari/trials/domain dari/trials/engine
	$(BIN)/lint-imports
	$(BIN)/python tools/check_module_size.py

# One catalogue (dari/locale). makemessages drops what it cannot see in the sources (the API's
# summaries, strings translated through a variable), so its result is merged with the catalogue as
# it was: nothing translated is lost.
PO := dari/locale/ko/LC_MESSAGES/django.po
messages: install
	cp $(PO) $(PO).before
	cd dari && ../$(BIN)/dari makemessages -l ko --no-obsolete
	msgcat --use-first -o $(PO) $(PO) $(PO).before && rm $(PO).before
	cd dari && ../$(BIN)/dari compilemessages -l ko

bench-ingest: install
	$(BIN)/python bench/ingest.py

bench-import: install
	$(BIN)/python bench/import.py

bench-schedule: install
	$(BIN)/python bench/schedule.py

bench-recommend: install
	$(BIN)/python bench/recommend.py

# gunicorn on PostgreSQL (database dari_load, created if missing) with the real directory and a
# SYNTHETIC BIO-scale event; ours against the merge base with main, at 50 and 200 people.
.PHONY: bench-load
bench-load: install postgres
	$(BIN)/python bench/load.py --db postgres://postgres@$(PG_HOST):$(PG_PORT)/dari_load

bench-trials: install
	$(BIN)/python bench/trials.py

bench-search: install postgres
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) var .pytest_cache
