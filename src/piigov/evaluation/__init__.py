"""How well and how fast the detector works: ``make eval`` and ``make bench``.

* :mod:`piigov.evaluation.scoring` -- entity-level strict and overlap precision/recall/F1
* :mod:`piigov.evaluation.conll` -- CoNLL-2002 Dutch (``ned.testa``, report only) against the detector
* :mod:`piigov.evaluation.regression` -- the synthetic demo share's planted values (recall per entity
  type and per name origin, false positives), with golden files under ``tests/regression``
* :mod:`piigov.evaluation.bench` -- throughput against a naive Presidio baseline, and rescan cost

Everything uses :func:`piigov.detection.get_detector` (or a :class:`~piigov.detection.Detector`
passed in), so the figures follow the detector as it changes. Reports hold counts and scores only;
values appear only in the golden files of the synthetic (fake) regression set.
"""

from piigov.evaluation.scoring import MatchScores, Scores, score_overlap, score_spans, score_strict

__all__ = ["MatchScores", "Scores", "score_overlap", "score_spans", "score_strict"]
