"""The synthetic regression set (demo share, seed 2023) against the current detector.

Every planted value listed in ``golden/<ENTITY_TYPE>.json`` must have its expected outcome,
except the ones listed in ``known_failures.json``. A value that starts failing must be fixed or
listed; a listed value that starts passing must be removed from the list, so it stays honest.
Regenerate both files (and review the diff) with::

    uv run python -m piigov.evaluation.regression --golden-dir tests/regression --update-known-failures
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from piigov.evaluation import regression
from piigov.evaluation.regression import GOLDEN_SEED, ValueOutcome

HERE = Path(__file__).parent
REGENERATE = "uv run python -m piigov.evaluation.regression --golden-dir tests/regression"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ValueOutcome]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PIIGOV_CACHE_DIR", str(tmp_path_factory.mktemp("piigov-cache")))
        mp.setenv("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
        from piigov.detection import Detector

        result = regression.run(
            Detector(), seeds=(GOLDEN_SEED,), workdir=tmp_path_factory.mktemp("regression-demo")
        )
        yield result.outcomes


def _show(keys: set[tuple[str, str, str]]) -> str:
    return "\n".join(f"  {t:<14} {f}  {v!r}" for t, f, v in sorted(keys))


def test_golden_files_cover_exactly_what_the_generator_plants(outcomes: list[ValueOutcome]) -> None:
    golden = set(regression.load_golden(HERE))
    planted = {o.key for o in outcomes}
    assert golden == planted, (
        f"the demo generator and the golden files disagree; regenerate with `{REGENERATE}`\n"
        f"planted but not golden:\n{_show(planted - golden)}\ngolden but not planted:\n{_show(golden - planted)}"
    )


def test_known_failures_are_golden_values() -> None:
    golden = set(regression.load_golden(HERE))
    stray = regression.load_known_failures(HERE) - golden
    assert not stray, f"known_failures.json lists values that are not in the golden files:\n{_show(stray)}"


def test_failures_are_exactly_the_known_failures(outcomes: list[ValueOutcome]) -> None:
    failing = regression.failures(regression.load_golden(HERE), outcomes)
    known = regression.load_known_failures(HERE)
    assert failing == known, (
        "detection outcomes differ from tests/regression/known_failures.json\n"
        f"newly failing (fix the detector or list them):\n{_show(failing - known)}\n"
        f"now passing (remove them from known_failures.json):\n{_show(known - failing)}"
    )
