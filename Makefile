# eigyo — two commands: `make demo` (set up, load the demo, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENDOR := eigyo/static/eigyo/vendor
HOST ?= 127.0.0.1:8000
export DEBUG ?= 1

.PHONY: demo test setup assets migrate serve lint format messages clean

$(BIN)/eigyo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

$(VENDOR)/htmx.min.js: package.json
	npm install --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/chart.umd.min.js

setup: $(BIN)/eigyo assets  ## install Python and front-end dependencies

assets: $(VENDOR)/htmx.min.js

migrate: setup
	$(BIN)/eigyo migrate --no-input

demo: migrate  ## set up, load the demo organisation and serve on http://$(HOST)
	$(BIN)/eigyo demo
	DJANGO_SETTINGS_MODULE=eigyo.settings_demo $(BIN)/eigyo runserver --insecure $(HOST)

test: setup  ## the whole suite (SQLite; PostgreSQL when DATABASE_URL is set; TODAY=2027-01-04 travels)
	$(BIN)/python -m pytest $(if $(TODAY),--today $(TODAY))

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/eigyo makemigrations --check --dry-run

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: setup  ## refresh and compile the Japanese translations
	cd eigyo && ../$(BIN)/django-admin makemessages -l ja --no-obsolete --settings=eigyo.settings
	cd eigyo && ../$(BIN)/django-admin compilemessages --settings=eigyo.settings

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var artifacts
