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
# build/mutation/edaran beside the tests, where mutmut imports its mutated copy as `edaran`.
MUTANTS ?=
mutation: .venv/bin/edaran
	rm -rf build/mutation && mkdir -p build/mutation/edaran
	tar -cf - --exclude=./.venv --exclude=./build --exclude=./.git --exclude=./tests --exclude='*.egg-info' \
		--exclude=__pycache__ --exclude=./.hypothesis . | tar -xf - -C build/mutation/edaran
	cp -r tests samples benchmarks pyproject.toml build/mutation/
	ln -s "$(CURDIR)/../shared" build/mutation/shared
	cd build/mutation && nice -n 15 ../../.venv/bin/mutmut run --max-children 2 $(MUTANTS)
	cd build/mutation && ../../.venv/bin/mutmut results
