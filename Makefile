# 基层赋能减负平台 — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: demo test install lint typecheck migrations-check test-sqlite test-postgres clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/jiceng demo --port 8000

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy  # the pure cores listed under [tool.mypy] files in pyproject.toml

migrations-check: $(STAMP)
	JICENG_DATA_DIR=$$(mktemp -d) $(BIN)/python manage.py makemigrations --check --dry-run

test-sqlite: $(STAMP)
	JICENG_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -n 2 -p no:cacheprovider

# PostgreSQL run: always in CI (JICENG_REQUIRE_POSTGRES=1, a failure to connect fails the run);
# on a developer machine only when a server answers.
test-postgres: $(STAMP)
	@if [ "$$JICENG_REQUIRE_POSTGRES" = "1" ] || $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(POSTGRES_URL)', connect_timeout=2).close()" 2>/dev/null; then \
		echo "== PostgreSQL suite =="; \
		DATABASE_URL=$(POSTGRES_URL) JICENG_REQUIRE_POSTGRES=1 JICENG_DATABASE_TESTS_ONLY=1 JICENG_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -n 2 -p no:cacheprovider; \
	else echo "PostgreSQL not reachable at $(POSTGRES_URL): skipping the PostgreSQL run (CI always runs it)."; fi

test: lint typecheck migrations-check test-sqlite test-postgres

# PNGs of the main pages for the README and docs/user-guide.md (needs /usr/bin/chromium).
screenshots: $(STAMP)
	$(BIN)/python -m tests.e2e.screenshots --out docs/screenshots

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
