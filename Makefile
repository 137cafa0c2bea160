# fgc: the two commands that set everything up.
#   make run    install, migrate, load demo sign-ins and serve on http://127.0.0.1:5000 with the worker
#   make test   install the test extra and system packages, then run the whole suite
#   make lock   refresh requirements/*.txt, the exact versions both of them install

VENV ?= .venv
BIN := $(VENV)/bin
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
	$(BIN)/python -m pytest

lock:
	scripts/lock

frontend:
	scripts/build-frontend

benchmark: install
	$(BIN)/python benchmarks/bench_foundation.py
	$(BIN)/python benchmarks/bench_cases.py
	$(BIN)/python benchmarks/pdf.py

screenshots: install-test
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache *.egg-info
