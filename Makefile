# Renaksi - the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
DEV_ENV := DEBUG=1

.PHONY: install install-test system-deps test-deps run test test-fast lint format messages clean \
	serve backup restore load-test worker scheduler

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(INSTALLED)

## Debian packages, installed only when missing: what running needs (Pango, gettext) ...
system-deps:
	@bash scripts/system-deps.sh run

## ... and what the tests add (Chromium, LibreOffice, qpdf, poppler).
test-deps:
	@bash scripts/system-deps.sh test

install: $(INSTALLED) system-deps

install-test: $(INSTALLED) test-deps

messages: $(INSTALLED)
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv -v0

## The app on SQLite with demo data at http://127.0.0.1:8000
run: install messages
	$(DEV_ENV) $(PY) manage.py migrate --no-input -v0
	$(DEV_ENV) $(PY) manage.py createcachetable
	$(DEV_ENV) $(PY) manage.py load_demo
	$(DEV_ENV) $(PY) manage.py load_satkers
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

## The whole test suite (SQLite, or the database in DATABASE_URL)
test: install-test messages
	$(PY) -m pytest

## The suite without the slow tests (browser, LibreOffice) while working
test-fast: install-test messages
	$(PY) -m pytest -m "not slow"

## Production-style serving: gunicorn + whitenoise, DEBUG off, database from DATABASE_URL.
## Needs SECRET_KEY and ALLOWED_HOSTS; see README "Deployment". With REDIS_URL set, run
## `make worker` (print runs, reminders, clean-up) and one `make scheduler` beside it.
WEB_CONCURRENCY ?= 3
BIND ?= 127.0.0.1:8000
serve: install messages
	$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py clean_uploads
	$(PY) manage.py collectstatic --no-input -v0
	$(VENV)/bin/gunicorn renaksi.wsgi --workers $(WEB_CONCURRENCY) --bind $(BIND) \
		--access-logfile - --timeout 120 --graceful-timeout 30

## RQ workers on REDIS_URL's queue: WORKERS processes, each printing one plan at a time.
WORKERS ?= 2
worker: install messages
	$(PY) manage.py rqworker-pool default --num-workers $(WORKERS)

## RQ's cron scheduler: queues the daily reminder mails and clean-up (renaksi/cron.py). One per site.
scheduler: install
	$(PY) manage.py rqcron renaksi.cron

## Consistent copy of the database (pg_dump, or SQLite's backup API) into backups/
backup: $(INSTALLED)
	$(PY) scripts/backup.py backup

## make restore FILE=backups/renaksi-....dump
restore: $(INSTALLED)
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/<file>" && exit 2)
	$(PY) scripts/backup.py restore "$(FILE)"

## All 553 satkers (load_satkers) on PostgreSQL, 50 simulated planners for 60 s; prints the
## client's and the server's (gunicorn access log) p50/p95/p99 per action (benchmarks/load.py)
load-test: install messages
	$(PY) benchmarks/load.py --users 50 --duration 60

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
