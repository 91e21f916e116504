"""``edaran review``: a local web application where a person checks extracted letters against their pages and
corrects them (the corrections themselves live in :mod:`edaran.corpus.corrections`)."""
