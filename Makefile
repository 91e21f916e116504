# The two commands of the README: `make demo` and `make test`.
.PHONY: demo test setup mutation

.venv/bin/edaran: pyproject.toml setup.sh
	./setup.sh
	@touch $@

setup: .venv/bin/edaran

demo: .venv/bin/edaran
	.venv/bin/edaran demo --out out

test: .venv/bin/edaran
	.venv/bin/python -m pytest -q

# Mutation testing of extract/ ([tool.mutmut] in pyproject.toml); MUTANTS narrows the run, e.g.
# MUTANTS='edaran.extract.dates.*'. The package is the repository root, so it is copied to
# $(MUTATION)/edaran beside the tests, where mutmut imports its mutated copy as `edaran`.
MUTANTS ?=
MUTATION ?= build/mutation
mutation: .venv/bin/edaran
	rm -rf $(MUTATION) && mkdir -p $(MUTATION)/edaran
	tar -cf - --exclude=./.venv --exclude=./build --exclude=./.git --exclude=./tests --exclude='*.egg-info' \
		--exclude=__pycache__ --exclude=./.hypothesis . | tar -xf - -C $(MUTATION)/edaran
	cp -r tests samples benchmarks pyproject.toml $(MUTATION)/
	ln -s "$(CURDIR)/../shared" $(MUTATION)/shared
	cd $(MUTATION) && nice -n 15 $(CURDIR)/.venv/bin/mutmut run --max-children 2 $(MUTANTS)
	cd $(MUTATION) && $(CURDIR)/.venv/bin/mutmut results
