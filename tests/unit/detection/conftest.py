"""Shared fixtures for the detection tests (importlib mode: helpers are fixtures, not imports)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

# Must happen before presidio_analyzer (and with it tldextract) is imported by any test module.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

Span = tuple[int, int]


def _locate(text: str, values: list[str]) -> list[Span]:
    spans = []
    for value in values:
        assert text.count(value) == 1, f"expected value {value!r} must occur exactly once in the test text"
        start = text.index(value)
        spans.append((start, start + len(value)))
    return sorted(spans)


@pytest.fixture(scope="session")
def locate() -> Callable[[str, list[str]], list[Span]]:
    """Turn expected substrings into sorted (start, end) spans."""
    return _locate


@pytest.fixture(scope="session")
def found_spans() -> Callable[..., list[Span]]:
    """Sorted spans of one entity type that a Presidio recognizer reports for a text."""

    def run(recognizer, text: str, entity_type: str, min_score: float = 0.0) -> list[Span]:
        results = recognizer.analyze(text, recognizer.supported_entities)
        return sorted(
            {(r.start, r.end) for r in results if r.entity_type == entity_type and r.score > min_score}
        )

    return run


@pytest.fixture(scope="module")
def detector(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One Detector per test module, with the blank model cached in a temporary directory."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PIIGOV_CACHE_DIR", str(tmp_path_factory.mktemp("piigov-cache")))
        mp.delenv("PIIGOV_NLP_MODEL", raising=False)
        from piigov.detection import Detector

        yield Detector()
