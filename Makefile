# The two commands of the README: `make demo` and `make test`.
.PHONY: demo test setup

.venv/bin/edaran: pyproject.toml setup.sh
	./setup.sh
	@touch $@

setup: .venv/bin/edaran

demo: .venv/bin/edaran
	.venv/bin/edaran demo --out out

test: .venv/bin/edaran
	.venv/bin/python -m pytest -q
