# fgc: the two commands that set everything up.
#   make run    install, migrate, load demo sign-ins and serve on http://127.0.0.1:5000 with the worker
#   make test   install the test extra and system packages, then run the whole suite
#   make lock   refresh requirements/*.txt, the exact versions both of them install

VENV ?= .venv
BIN := $(VENV)/bin
# Sizes of case history the load benchmark (benchmarks/load.py) runs at; files are kept in instance/bench.
LOAD_SIZES ?= 1000,20000
export FLASK_APP := fgc

.PHONY: run test install install-test lock frontend benchmark screenshots clean

install:
	scripts/bootstrap

install-test:
	scripts/bootstrap test
	scripts/install-test-deps

run: install
	$(BIN)/flask --app fgc init-db
	$(BIN)/flask --app fgc seed-demo --if-empty
	VENV=$(VENV) scripts/serve

test: install-test
	VENV=$(VENV) scripts/bandit
	$(BIN)/python -m pytest

lock:
	scripts/lock

frontend:
	scripts/build-frontend

benchmark: install
	scripts/install-bench-deps
	$(BIN)/python benchmarks/bench_foundation.py
	$(BIN)/python benchmarks/bench_cases.py
	$(BIN)/python benchmarks/pdf.py
	$(BIN)/python benchmarks/load.py --sizes $(LOAD_SIZES)
	$(BIN)/python benchmarks/flat.py --sizes $(LOAD_SIZES)

screenshots: install-test
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache *.egg-info
