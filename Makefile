# Two commands do everything: `make serve` and `make test`. Both set up what they need.
# Only Python 3.11+ must be on the machine; `make test` installs Debian packages it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/scripts

# SERVICE=<id> builds the edition of services/<id>.yml (default: extra.service in mkdocs.yml).
ifdef SERVICE
export PAINSITE_SERVICE := $(SERVICE)
endif

# make serve previews one language (SITE_LANG, English unless set), re-rendering only the edited
# pages (--dirty): a rebuild takes about a second even with thousands of pages.
SITE_LANG ?= en
SERVE_PATH = $(if $(filter en,$(SITE_LANG)),,$(SITE_LANG)/)

.PHONY: help serve serve-all build check readability pdf offline lighthouse l10n-status review-status sign-off test test-fast system-deps lock clean

help:
	@echo "make serve        set up and preview the English site at http://127.0.0.1:8000 (live reload)"
	@echo "                  SITE_LANG=pl (or ur) previews that language instead; rebuilds take about 1 s"
	@echo "make serve-all    preview every language together (rebuilds take longer)"
	@echo "make build        build every language into site/ (fails on any warning)"
	@echo "make check        quick check while writing: English build, content checks, readability"
	@echo "make readability  readability table of the last build (also saved in reports/)"
	@echo "make pdf          build, then print each language's workbook to dist/workbook-<lang>.pdf"
	@echo "make offline      build, then write the offline zips to dist/ (unpacked in dist/offline/)"
	@echo "make l10n-status  per language: pages translated (and how), reviewed, stale, missing"
	@echo "make review-status  clinical sign-offs per language: signed off, changed since, never checked, overdue"
	@echo "make sign-off PAGE=docs/en/<page>.md REVIEWER=\"Full name\" ROLE=\"Role\" [REGISTRATION=...] [TRANSLATOR=...]"
	@echo "                  record that a named clinician has checked the page's text as it is now"
	@echo "SERVICE=<id>      with build, serve, check, review-status: the edition of services/<id>.yml"
	@echo "make test         set up, install Chromium, nginx and Node.js if missing, run every test"
	@echo "make lighthouse   Lighthouse (mobile) scores of Home, a module and a tool in every language"

$(STAMP): requirements.lock
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

serve: $(STAMP)
	@echo "Previewing '$(SITE_LANG)'$(if $(SERVE_PATH), (add $(SERVE_PATH) to the address below),): edits show in about a second"
	PAINSITE_ONE_LANGUAGE=$(SITE_LANG) $(BIN)/mkdocs serve --livereload --dirty -a 127.0.0.1:8000

serve-all: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dirty -a 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/python scripts/build_site.py

check: $(STAMP)
	CONTENT_ERRORS=warn $(BIN)/python scripts/build_site.py --allow-warnings en
	$(BIN)/python scripts/readability.py --lang en

readability: $(STAMP)
	$(BIN)/python scripts/readability.py

pdf: build system-deps
	$(BIN)/python scripts/make_pdf.py

offline: build
	$(BIN)/python scripts/make_offline.py

l10n-status: $(STAMP)
	@$(BIN)/python scripts/translations.py status

review-status: $(STAMP)
	@$(BIN)/python scripts/review.py status

sign-off: $(STAMP)
	@test -n "$(PAGE)" -a -n "$(REVIEWER)" -a -n "$(ROLE)" || { echo 'Usage: make sign-off PAGE=docs/en/<page>.md REVIEWER="Full name" ROLE="Role" [REGISTRATION=...] [TRANSLATOR=...]'; exit 2; }
	@$(BIN)/python scripts/review.py sign-off "$(PAGE)" --reviewer "$(REVIEWER)" --role "$(ROLE)" \
		$(if $(REGISTRATION),--registration "$(REGISTRATION)") $(if $(TRANSLATOR),--translator "$(TRANSLATOR)")

system-deps:
	sh scripts/install_system_deps.sh

# Lighthouse reads CPU time from a real trace, so its tests run alone, and first: after ten
# minutes of parallel tests on two cores a virtual machine runs slower (its total blocking time
# on the Urdu planner rose from about 150 ms to 250 ms), which measures the machine, not the
# page. They build the site for themselves (.test-run/lighthouse/site); the main run builds its own.
test: $(STAMP) system-deps
	rm -rf .test-run && mkdir .test-run
	$(BIN)/python -m pytest --basetemp=.test-run/lighthouse -m lighthouse
	$(BIN)/python -m pytest -n 4 --durations=12 --basetemp=.test-run/main -m "not lighthouse"

lighthouse: build system-deps
	$(BIN)/python scripts/lighthouse.py

lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | sort > requirements.lock

clean:
	rm -rf site reports .pytest_cache dist .test-run .cache
