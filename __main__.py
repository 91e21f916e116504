"""``python -m edaran``: the same as the ``edaran`` command."""

from .cli import main

main()
