# Two commands do everything on a fresh machine: `make figures` and `make test`.
# Each bootstraps .venv from pyproject.toml, pinned by requirements/constraints.txt.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0
export KSLIB_CACHE ?= $(CURDIR)/.cache
export JUPYTER_PLATFORM_DIRS := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup figures notebooks test unit nbval browser lab bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $(STAMP)

## figures: execute every notebook headless (copies in build/notebooks), write figures/
figures: $(STAMP)
	$(PY) -m kslib.runner --out build/notebooks

## notebooks: the same, but rewrite notebooks/ with fresh outputs (then commit them)
notebooks: $(STAMP)
	$(PY) -m kslib.runner --inplace

CHECK := $(CURDIR)/build/check
NBVAL := -m pytest -q -p no:cacheprovider --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

## test: nbval re-runs the committed notebooks (their figures go to build/check, not
## figures/), then the unit tests, which compare those figures with the committed ones.
test: $(STAMP)
	rm -rf $(CHECK) && mkdir -p $(CHECK)/figures
	KSLIB_FIGURES=$(CHECK)/figures $(PY) $(NBVAL)
	KSLIB_CHECK_FIGURES=$(CHECK)/figures $(PY) -m pytest -q tests

unit: $(STAMP)
	$(PY) -m pytest -q tests

nbval: $(STAMP)
	KSLIB_FIGURES=$(CHECK)/figures $(PY) $(NBVAL)

## browser: only the JupyterLab + headless chromium test of 04_explore.ipynb (screenshots in build/explore/)
browser: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider -m browser tests/explore

## lab: JupyterLab at the repository root (the file browser shows notebooks/, README.md, figures/).
## The committed notebooks are trusted first: JupyterLab draws saved widget state (04) and runs the
## interactive tables' script (itables, embedded offline) only in a trusted notebook.
lab: $(STAMP)
	$(VENV)/bin/jupyter trust notebooks/*.ipynb
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root,) --ServerApp.root_dir=$(CURDIR)

BENCH_SIZES ?= 2,10,50
bench: $(STAMP)
	$(PY) bench/run.py --sizes $(BENCH_SIZES)

clean:
	rm -rf build .cache .pytest_cache
