"""The OpenAPI 3.1 document of the API, as served at ``/openapi.json``.

``python -m sibaso.http.openapi docs/openapi.json`` rewrites the copy kept in the docs; a test
fails when that copy differs from what the code serves.
"""

from __future__ import annotations

import json
import sys
from typing import Any

__all__ = ["document", "dumps"]


def document() -> dict[str, Any]:
    """The OpenAPI document (built over an empty in-memory registry)."""
    from sibaso.http import create_app

    app = create_app(":memory:")
    try:
        doc: dict[str, Any] = app.openapi()
    finally:
        app.state.pool.close()
    return doc


def dumps(doc: dict[str, Any] | None = None) -> str:
    """The document as stable, indented JSON text."""
    doc = document() if doc is None else doc
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":  # pragma: no cover
    text = dumps()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
