"""``edaran show LETTER --html OUT``: the letter page as one self-contained file (styles, script and page images
inline), read-only, for a reviewer to keep or send with no server running."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from markupsafe import Markup

from .app import letter_context, templates
from .pages import page_image


def letter_html(db, letter_id: str) -> str:
    context = letter_context(db, letter_id)
    letter = context["letter"]
    images = []
    with tempfile.TemporaryDirectory() as cache:
        for page in range(1, context["view"]["pages"] + 1):
            png = page_image(letter.source.path, letter.source.sha256, page, Path(cache)).read_bytes()
            images.append("data:image/png;base64," + base64.b64encode(png).decode("ascii"))
    static = Path(__file__).parent / "static"
    # Our own files, trusted as they are (autoescaping would break their quotes); they hold no "</".
    inline = {
        name: Markup((static / f"review.{ext}").read_text(encoding="utf-8"))
        for name, ext in (("inline_css", "css"), ("inline_js", "js"))
    }
    return templates.get_template("letter.html").render(standalone=True, images=images, **inline, **context)
