"""HTML rendering with autoescaping; templates live beside this module."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("piigov.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
    )


def render_html(template: str, **context: Any) -> str:
    return _env().get_template(template).render(**context)


def safe_filename(name: str) -> str:
    """A run id or other label made safe to use in a file name."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
