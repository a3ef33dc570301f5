# egov: `make run` starts the platform with demo data; `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails and text messages use the address the platform is served at.
SITE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
SQLITE_URL := sqlite:///var/egov.sqlite3

.PHONY: run port-free test demo-code setup setup-dev lint typecheck test-sqlite test-postgres test-browser messages \
	makemessages lock demo clean

# ---- setup -----------------------------------------------------------------

$(VENV)/.runtime: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

# --ignore-scripts: vnu-jar's install script would download a Java runtime when
# none is found; the checker runs on Debian's Java instead (setup-dev).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	@touch $@

var:
	@mkdir -p var

# Debian packages the platform needs on the machine: gettext (msgfmt) always,
# Chromium for the browser tests, Java for the Nu HTML Checker that validates
# their pages. Installed with apt when we are root.
define apt_need
	@command -v $(1) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing $(2) from Debian..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else echo "Please install Debian's $(2) package (sudo apt-get install $(2))." >&2; exit 1; fi; }
endef

messages: $(VENV)/.runtime
	$(call apt_need,msgfmt,gettext)
	@$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

setup: $(VENV)/.runtime node_modules/.installed messages var

setup-dev: setup $(VENV)/.dev
	$(call apt_need,chromium,chromium)
	$(call apt_need,java,default-jre-headless)

# ---- run -------------------------------------------------------------------

demo: setup
	DATABASE_URL=$(SQLITE_URL) $(PY) manage.py migrate --noinput -v 0
	DATABASE_URL=$(SQLITE_URL) SITE_URL='$(SITE_URL)' $(PY) manage.py load_demo --print-sign-ins

demo-code: setup
	@$(PY) manage.py demo_code

# Before anything starts: a taken port would leave the worker and scheduler
# running without a web server, and runserver's error would scroll past.
port-free:
	@$(PYTHON) -c 'import socket, sys; \
	host, port = sys.argv[1].strip("[]"), int(sys.argv[2]); \
	family = socket.AF_INET6 if ":" in host else socket.AF_INET; \
	s = socket.socket(family); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); \
	s.bind((host, port)); s.close()' '$(HOST)' '$(PORT)' 2>/dev/null || { \
	  echo "Port $(PORT) on $(HOST) is already in use, so egov cannot start there." >&2; \
	  echo "Stop what is using it, or choose another port: make run PORT=8001" >&2; \
	  exit 1; }

run: port-free demo
	@echo ""
	@echo "egov is starting at $(SITE_URL)/  (Ctrl-C stops everything)"
	@echo "Sent emails and text messages: $(SITE_URL)/dev/outbox/"
	@# All three run in the background; `wait -n` returns as soon as one of them
	@# stops (or on Ctrl-C), and the trap then stops the whole process group.
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	  export DATABASE_URL=$(SQLITE_URL) SITE_URL='$(SITE_URL)'; \
	  $(PY) manage.py db_worker --queue-name '*' -v 0 & \
	  $(PY) manage.py run_scheduler & \
	  $(PY) manage.py runserver $(HOST):$(PORT) & \
	  wait -n

# ---- test ------------------------------------------------------------------

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: setup-dev
	$(BIN)/mypy .

test-sqlite: setup-dev
	@echo "== test suite on SQLite"
	DATABASE_URL=sqlite:///var/test.sqlite3 EGOV_ENV=test $(BIN)/pytest -m "not browser"

# PostgreSQL: DATABASE_URL when it names one, else a local server if one answers.
test-postgres: setup-dev
	@url="$${DATABASE_URL:-}"; \
	if [[ "$$url" != postgres* ]]; then \
	  if $(PY) -c 'import socket; socket.create_connection(("127.0.0.1", 5432), 1)' 2>/dev/null; then \
	    url="postgres://postgres@127.0.0.1:5432/egov"; \
	  else url=""; fi; \
	fi; \
	if [ -z "$$url" ]; then \
	  echo "== PostgreSQL SKIPPED: DATABASE_URL is not set and nothing answers on 127.0.0.1:5432"; \
	else \
	  echo "== test suite on PostgreSQL"; \
	  DATABASE_URL="$$url" EGOV_ENV=test $(BIN)/pytest -m "not browser"; \
	fi

test-browser: setup-dev
	@echo "== browser tests (Playwright + axe-core, Debian Chromium; Nu HTML Checker on every page)"
	EGOV_ENV=test $(BIN)/pytest -m browser tests/e2e

# The SQLite and PostgreSQL suites run side by side (each is one process, and
# the PostgreSQL one waits on its server), each one's output printed whole when
# it ends; then the browser suite, which needs both cores for its server and Chromium.
test: lint typecheck
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres
	@$(MAKE) --no-print-directory test-browser
	@echo "All checks passed."

# ---- maintenance -----------------------------------------------------------

makemessages: setup-dev
	$(PY) manage.py makemessages -l ko -l id --no-location --no-obsolete \
	  --ignore=.venv --ignore=node_modules --ignore=tests --ignore=migrations --ignore=bench --ignore=var

lock:
	@test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet uv; }
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 pyproject.toml -o requirements.lock
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --extra dev pyproject.toml -o requirements-dev.lock

clean:
	rm -rf $(VENV) node_modules var staticfiles

# ---- benchmarks (bench/README.md; figures in docs/performance.md) ------------
# A dedicated database: `make bench-data` creates it if missing, migrates it,
# loads the demo and generates BENCH_COUNT complaints; `make bench` measures.
# bench_shell (the page shell's price) keeps to a SQLite file of its own with the demo.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/egov_bench
BENCH_COUNT ?= 100000

.PHONY: bench bench-data

bench-data: setup-dev
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.generate_complaints --prepare --count $(BENCH_COUNT)

bench: setup-dev
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.bench_search
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.bench_queue
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.bench_timeline --think 1
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.bench_timeline
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.bench_submit
	DATABASE_URL=sqlite:///var/bench-shell.sqlite3 $(PY) -m bench.bench_shell --prepare
