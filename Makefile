# The two commands a newcomer needs: `make run` and `make test`. See README.md.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
PORT ?= 8000
# The suite runs on the real services; CI and developers may point these elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_BROKER_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test worker beat bench lint messages install check-services

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q --require-hashes --no-deps -r requirements.lock
	touch $@

# Whose demo `make run` serves: husby (the default), helsingborg or malmo. One deployment per
# collaboration: each other one has a database, uploads and queue of its own beside Husby's.
COLLABORATION ?= husby
ifneq ($(COLLABORATION),husby)
run: export DATABASE_URL ?= sqlite:///$(CURDIR)/$(COLLABORATION).sqlite3
run: export MEDIA_ROOT ?= $(CURDIR)/media-$(COLLABORATION)
run: export EMBEDDED_BROKER_DIR ?= $(CURDIR)/.broker-$(COLLABORATION)
endif
# The links in its mails lead to the server it starts, unless SITE_URL names another address.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compilemessages --ignore=.venv -v0
	$(PY) manage.py seed_demo --collaboration $(COLLABORATION)
	@VENV=$(VENV) PORT=$(PORT) sh scripts/run

test: install
	@sh scripts/ensure-system-packages
	@DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(TEST_BROKER_URL)} \
		$(PY) scripts/check_services.py
	$(PY) manage.py compilemessages --ignore=.venv -v0
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -c pyproject.toml --severity-level high -r .
	$(VENV)/bin/lint-imports --no-cache
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(TEST_BROKER_URL)} \
		DJANGO_ENV=test $(VENV)/bin/pytest
	# The same queries on SQLite, the embedded default of `make run` (browser journeys and
	# tests of PostgreSQL's own behaviour aside; tests/embedded already runs make run's setup).
	DATABASE_URL=sqlite:///:memory: CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(TEST_BROKER_URL)} \
		DJANGO_ENV=test $(VENV)/bin/pytest -q -m "not postgresql" \
		--ignore=tests/e2e --ignore=tests/resilience --ignore=tests/embedded

worker: install
	$(VENV)/bin/celery -A cih worker --loglevel=info --concurrency=2

beat: install
	$(VENV)/bin/celery -A cih beat --loglevel=info

# Each benchmark makes its own databases on the local PostgreSQL and prints one JSON line.
bench: install
	@sh scripts/ensure-system-packages
	env -u DATABASE_URL -u CELERY_BROKER_URL $(PY) bench/pages.py
	env -u DATABASE_URL -u CELERY_BROKER_URL $(PY) bench/reports.py
	env -u DATABASE_URL -u CELERY_BROKER_URL $(PY) bench/newsletter.py
	env -u DATABASE_URL -u CELERY_BROKER_URL $(PY) bench/notifications.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# Every catalogue but English, the language of the source (sv_Plain is easy Swedish, sv-plain).
messages: install
	$(PY) manage.py makemessages -l sv -l so -l ar -l ti -l sv_Plain --no-location \
		--ignore=.venv --ignore=tests --ignore=bench
