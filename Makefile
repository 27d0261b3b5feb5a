# Two entry points: `make run` builds the seeds' graph, `make test` runs the suite.
# Both create .venv and install the pinned lock on first use; later runs reuse it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.zhkg-installed

.PHONY: run test lint lock clean debian model

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.lock pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/kg build seeds -o out/seeds.ttl --summary

test: $(STAMP) debian
	$(PY) -m pytest

# Debian packages of the real tools the tests run: rapper checks every RDF syntax,
# Virtuoso answers the shipped queries beside pyoxigraph, Chromium renders the HTML view
# (with a CJK font).
DEBIAN_PACKAGES := raptor2-utils virtuoso-opensource chromium fonts-noto-cjk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
debian:
	@{ command -v rapper && command -v virtuoso-t && command -v isql-vt && command -v chromium \
	   && fc-list :lang=zh | grep -q .; } >/dev/null || { \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null \
	  || { $(SUDO) apt-get update -qq && \
	       DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEBIAN_PACKAGES); }; }

# The shipped people model and organization judge (kg/data/people_model.json,
# kg/data/org_judge.json), fitted on the seeds' gold and the
# real articles' gold of ../shared (read there, never copied into the repository).
SHARED ?= ../shared
model: $(STAMP)
	$(VENV)/bin/kg train $(SHARED)/gold/seeds seeds $(SHARED)/real/gold $(SHARED)/real/texts -o kg/data

lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests

# Re-pin after changing dependencies in pyproject.toml.
lock: $(PY)
	$(PY) -m pip install --quiet -e '.[dev,notebook,dask,train]'
	$(PY) -m pip freeze --all --exclude-editable --exclude zhkg | grep -v '^pip==' > requirements.lock

clean:
	rm -rf out $(VENV)
