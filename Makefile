# Two commands: `make site` builds the register into site/, `make test` runs every test.
# Both create .venv and install what they need; `make test` also installs Chromium and Node.js if missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
TEST_STAMP := $(VENV)/.test-installed
# The YAML language server the editor tests drive, at the version tests/tools/package-lock.json pins.
# The stamp lives in node_modules/, so that a cached .venv does not claim an install that is not there.
TOOLS := tests/tools
TOOLS_STAMP := $(TOOLS)/node_modules/.installed

.PHONY: site test lint fuzz check serve edit benchmark system-packages pdf-libraries clean

site: $(SITE_STAMP)
	$(BIN)/registre build

# Two workers (pytest-xdist). The whole-suite proof goes first (tests/conftest.py): it reruns the tests that
# start processes on a copy whose content/ is changed, while the other worker starts on the rest.
test: lint $(TEST_STAMP) $(TOOLS_STAMP) system-packages
	$(BIN)/python -m pytest -n 2

# Style and types (the settings are in pyproject.toml); `make test` runs it first.
lint: $(TEST_STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

# The long run of the fuzzing harness (tests/test_fuzz.py), for the nightly pipeline: FUZZ_EXAMPLES=N to change it.
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=nightly $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_fuzz_site.py

check: $(SITE_STAMP)
	$(BIN)/registre check

serve: $(SITE_STAMP)
	$(BIN)/registre serve

# The browser editor on this working tree (http://127.0.0.1:8000/admin/): Decap's local backend needs Node.js.
edit: $(SITE_STAMP)
	@command -v npx >/dev/null || (apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null)
	$(BIN)/registre edit

benchmark: $(TEST_STAMP) system-packages
	$(BIN)/python benchmarks/run.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(SITE_STAMP): pyproject.toml $(VENV)/bin/python | pdf-libraries
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(SITE_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# npm ci installs exactly what the lock file names, from the npm registry. Debian's nodejs comes without npm.
$(TOOLS_STAMP): $(TOOLS)/package.json $(TOOLS)/package-lock.json | system-packages
	@command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq npm >/dev/null)
	npm ci --prefix $(TOOLS) --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium (Playwright drives it; its own browser download is not used), Node.js and Java (the
# Nu HTML Checker runs on it; installed before npm ci, so that vnu-jar does not download a Java of its own).
system-packages:
	@if ! command -v chromium >/dev/null || ! command -v node >/dev/null || ! command -v java >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq chromium nodejs default-jre-headless >/dev/null; \
	fi

# WeasyPrint's system libraries (Pango, with HarfBuzz and fontconfig) and the only fonts the PDFs use and embed,
# from Debian: the same fonts on every machine, so that the same data gives the same PDF bytes everywhere.
pdf-libraries:
	@if ! ldconfig -p | grep -q 'libpango-1.0.so.0 ' || ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0 ' \
		|| [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] \
		|| [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ]; then \
		apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
			fonts-dejavu-extra >/dev/null; \
	fi

clean:
	rm -rf site .site-* $(VENV)
