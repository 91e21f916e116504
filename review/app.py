"""The review web application (Starlette): the queue, the letter page, its page images and the corrections API.

Writes are guarded twice against other sites: each POST must carry the token the server put in the page (a page
of another site cannot read it), and a browser's ``Origin``, when sent, must be this server's.  Every page is
rendered by Jinja2 with autoescaping, and the letter's data reaches the script as escaped JSON.
"""

from __future__ import annotations

import hmac
import secrets
import typing
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..corpus.corrections import Conflict, Correction, corrections, version
from ..corpus.store import add_correction, load_letter, open_corpus
from ..errors import CorpusError
from ..schema.letter import CitationKind
from .pages import page_image, page_sizes
from .queue import SHOWN, counts, queue, warning_codes
from .view import letter_view

templates = Environment(loader=PackageLoader("edaran.review", "templates"), autoescape=select_autoescape(default=True))


def letter_context(db, letter_id: str) -> dict:
    """Everything the letter template needs, for the application and for ``show --html``."""
    letter = load_letter(db, letter_id)
    text = db.execute("SELECT text FROM letters WHERE id = ?", [letter_id]).fetchone()[0]
    pdf = letter.source.path
    sizes = None
    if letter.source.pages and pdf.lower().endswith(".pdf") and Path(pdf).exists():
        sizes = page_sizes(pdf, letter.source.sha256)
    view = letter_view(letter, sizes, text, corrections(db, letter_id))
    return {
        "letter": letter,
        "letter_id": letter_id,
        "view": view,
        "version": version(db, letter_id),
        "citation_kinds": typing.get_args(CitationKind),
    }


def create_app(db_path: Path, *, reviewer: str, cache: Path, host: str = "127.0.0.1") -> Starlette:
    """The application over the corpus at ``db_path``; ``reviewer`` is the default name corrections are signed with.

    Requests must name this machine (or ``host``) in their Host header: a page of another site that rebinds its
    own name to 127.0.0.1 could otherwise read a page, and its token."""
    token = secrets.token_urlsafe(32)
    if not Path(db_path).exists():
        raise CorpusError(f"no corpus at {db_path}; build one with `edaran ingest LETTERS --db {db_path}`")
    open_corpus(db_path).close()  # upgrade it once, before serving

    def corpus():
        return open_corpus(db_path)

    def render(name: str, **context) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(token=token, reviewer=reviewer, **context))

    def queue_page(request: Request) -> HTMLResponse:
        db = corpus()
        filters = {k: request.query_params.get(k) or None for k in ("region", "status", "warning")}
        return render(
            "queue.html",
            entries=queue(db, **filters, limit=SHOWN),
            shown=SHOWN,
            counts=counts(db),
            filters=filters,
            warning_codes=warning_codes(db),
        )

    def letter_page(request: Request) -> HTMLResponse:
        db = corpus()
        letter_id = request.path_params["letter_id"]
        try:
            context = letter_context(db, letter_id)
        except CorpusError as err:
            return HTMLResponse(templates.get_template("error.html").render(message=str(err)), status_code=404)
        return render("letter.html", standalone=False, **context)

    def step(request: Request) -> Response:
        """To the next letter still to review after this one in the queue's order (then from its top), or the
        previous letter; to the queue when there is none.  Worked out on request, so a letter page costs no queue."""
        letter_id, way = request.path_params["letter_id"], request.path_params["way"]
        if way not in ("next", "previous"):
            return Response("not found", status_code=404)
        entries = queue(corpus())
        at = next((i for i, e in enumerate(entries) if e.id == letter_id), 0)
        if way == "next":
            found = [e.id for e in entries[at + 1 :] + entries[:at] if not e.reviewed and e.id != letter_id]
        else:
            found = [entries[at - 1].id] if at > 0 else []
        return RedirectResponse(f"/letter/{found[0]}" if found else "/", status_code=303)

    def image(request: Request) -> Response:
        db = corpus()
        letter = load_letter(db, request.path_params["letter_id"])
        page = request.path_params["page"]
        if not letter.source.pages or not 1 <= page <= letter.source.pages or not Path(letter.source.path).exists():
            return Response("no such page", status_code=404)
        path = page_image(letter.source.path, letter.source.sha256, page, cache)
        return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    async def correct(request: Request) -> JSONResponse:
        if not hmac.compare_digest(request.headers.get("x-edaran-token", ""), token):
            return JSONResponse({"error": "missing or wrong token: reload the page"}, status_code=403)
        origin = request.headers.get("origin")
        if origin and origin != f"{request.url.scheme}://{request.url.netloc}":
            return JSONResponse({"error": "writes come only from this application's pages"}, status_code=403)
        try:
            body = await request.json()
            correction = Correction(
                field=str(body["field"]),
                before=body.get("before"),
                after=body.get("after"),
                who=str(body.get("who") or reviewer)[:100],
                note=str(body.get("note") or "") or None,
            )
            seen = int(body["version"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return JSONResponse(
                {"error": "a correction is JSON with field, before, after and version"}, status_code=400
            )
        try:
            new = add_correction(corpus(), request.path_params["letter_id"], correction, seen=seen)
        except Conflict as err:
            return JSONResponse({"error": str(err), "conflict": True}, status_code=409)
        except CorpusError as err:
            return JSONResponse({"error": str(err)}, status_code=400)
        return JSONResponse({"version": new})

    static = Path(__file__).parent / "static"
    hosts = ["*"] if host in ("0.0.0.0", "::") else ["127.0.0.1", "localhost", "[::1]", host]
    return Starlette(
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)],
        routes=[
            Route("/", queue_page),
            Route("/letter/{letter_id}", letter_page),
            Route("/letter/{letter_id}/page/{page:int}.png", image),
            Route("/letter/{letter_id}/{way:str}", step),
            Route("/letter/{letter_id}/corrections", correct, methods=["POST"]),
            Mount("/static", StaticFiles(directory=static), name="static"),
        ],
    )
