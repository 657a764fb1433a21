"""spaCy's greedy NER decoding for the shipped model, vectorised with numpy.

spaCy's transition-based NER spends about 8 µs a token in its C loop, whatever the layer
sizes (see docs/model.md). For the architecture the shipped model uses
(``TransitionBasedParser.v2``, ``state_type = "ner"``, ``use_upper = false``, no extra state
tokens) that loop computes something much simpler than a parser in general:

* a state's features are three tokens -- the current token, the first token of the open
  entity and the token before the current one (the last two only while an entity is open,
  padding otherwise, ``StateC.set_context_tokens``);
* the scores of a state are ``maxout(sum of the three precomputed feature rows + bias)``,
  with no hidden layer;
* every action (B, I, L, U, O of the BILUO scheme) consumes one token.

So the scores of every token outside an entity can be computed for a whole batch at once,
and only the few tokens inside an entity need the sequential step. The validity rules are
those of ``spacy/pipeline/_parser_internals/ner.pyx`` (``BiluoPushDown``) for documents
without preset entities; ties go to the lower class index, as in ``arg_max_if_valid``; the
sums are done in float32 in the same order as ``sum_state_features``. The tests compare the
entities with spaCy's own ``ner`` component (``tests/unit/detection/test_greedy_ner.py``), and
:func:`GreedyNer.from_pipe` returns None for any model this does not describe, in which case
the caller runs spaCy's component.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc

_KINDS = {"B": 1, "I": 2, "L": 3, "U": 4}
_OUT, _BEGIN, _IN, _LAST, _UNIT = 0, 1, 2, 3, 4
_NEVER = -1


class GreedyNer:
    """The greedy decoder of one spaCy ``ner`` component (see the module docstring)."""

    def __init__(self, ner: Any, kinds: np.ndarray, labels: list[str], label_of: np.ndarray) -> None:
        model = ner.model
        self._listener_chain = model.get_ref("tok2vec")  # listener >> list2array >> linear
        self._linear = self._listener_chain.layers[-1]
        self._lower = model.get_ref("lower")
        self._bias = np.asarray(self._lower.get_param("b"), dtype="float32")  # (classes, pieces)
        self.labels = labels  # label per label index
        self._kinds = kinds  # per class: _OUT, _BEGIN, ... or _NEVER
        self._label_of = label_of  # per class: label index (-1: none)
        n_classes = len(kinds)
        self._out = int(np.flatnonzero(kinds == _OUT)[0])
        self._begin_or_unit_begin = (kinds == _BEGIN)[None, :]
        self._unit = (kinds == _UNIT)[None, :]
        # class of I-x and L-x per label index
        self._in_class = np.full(len(labels), -1)
        self._last_class = np.full(len(labels), -1)
        for c in range(n_classes):
            if kinds[c] == _IN:
                self._in_class[label_of[c]] = c
            elif kinds[c] == _LAST:
                self._last_class[label_of[c]] = c

    @classmethod
    def from_pipe(cls, ner: Any) -> GreedyNer | None:
        """A decoder for ``ner`` if its model is the architecture described above, else None."""
        try:
            model = ner.model
            lower = model.get_ref("lower")
            chain = model.get_ref("tok2vec")
            if (
                model.attrs.get("has_upper", True)
                or model.attrs.get("unseen_classes")
                or lower.name != "precomputable_affine"
                or lower.get_dim("nF") != 3
                or [layer.name for layer in chain.layers] != ["tok2vec-listener", "list2array", "linear"]
                or type(ner.moves).__name__ != "BiluoPushDown"
                or ner.cfg.get("beam_width", 1) != 1
            ):
                return None
            n_moves = ner.moves.n_moves
            if lower.get_dim("nO") != n_moves:
                return None
            names = [ner.moves.get_class_name(i) for i in range(n_moves)]
        except Exception:  # any unexpected model shape: use spaCy's own decoder
            return None
        kinds = np.full(n_moves, _NEVER)
        label_of = np.full(n_moves, -1)
        labels: list[str] = []
        for c, name in enumerate(names):
            if name == "O":
                kinds[c] = _OUT
                continue
            kind, _, label = name.partition("-")
            if kind not in _KINDS or not label:
                continue  # "U-" (blocked preset) and "M": never valid without preset entities
            if label not in labels:
                labels.append(label)
            kinds[c] = _KINDS[kind]
            label_of[c] = labels.index(label)
        if (kinds == _OUT).sum() != 1:
            return None
        return cls(ner, kinds, labels, label_of)

    def entities(
        self, docs: Sequence[Doc], tokvecs: Sequence[np.ndarray]
    ) -> list[list[tuple[int, int, str]]]:
        """(start, end, label) token spans per doc, given the docs' tok2vec output."""
        if not docs:
            return []
        if any(d.has_annotation("ENT_IOB") for d in docs):
            raise ValueError("GreedyNer decodes documents without preset entities only")
        ops = self._linear.ops
        features = self._lower.predict(self._linear.predict(ops.flatten(list(tokvecs))))
        features = np.asarray(features, dtype="float32")  # (tokens + 1, 3, classes, pieces); row 0 = padding
        current = features[1:, 0]
        pad = features[0]
        closed = (((current + pad[1]) + pad[2]) + self._bias).max(axis=2)  # (tokens, classes)
        result = []
        offset = 0
        for doc in docs:
            n = len(doc)
            attrs = doc.to_array([IS_SPACE, SENT_START]).astype("int64", copy=False).reshape(n, 2)
            next_starts = np.zeros(n, dtype=bool)  # B_(1).sent_start == 1
            next_starts[:-1] = attrs[1:, 1] == 1
            result.append(
                self._decode(attrs[:, 0] == 1, next_starts, features, closed[offset : offset + n], offset)
            )
            offset += n
        return result

    def entities_of_pieces(
        self, spaces: Sequence[np.ndarray], tokvecs: Sequence[np.ndarray]
    ) -> list[list[tuple[int, int, str]]]:
        """:meth:`entities` for docs built from words (only the first token starts a sentence),
        given per doc its tokens' IS_SPACE flags instead of the Doc."""
        if not spaces:
            return []
        ops = self._linear.ops
        features = self._lower.predict(self._linear.predict(ops.flatten(list(tokvecs))))
        features = np.asarray(features, dtype="float32")
        current = features[1:, 0]
        pad = features[0]
        closed = (((current + pad[1]) + pad[2]) + self._bias).max(axis=2)
        result = []
        offset = 0
        for space in spaces:
            n = len(space)
            next_starts = np.zeros(n, dtype=bool)
            result.append(self._decode(space, next_starts, features, closed[offset : offset + n], offset))
            offset += n
        return result

    def _decode(
        self,
        space: np.ndarray,
        next_starts: np.ndarray,
        features: np.ndarray,
        closed: np.ndarray,
        offset: int,
    ) -> list[tuple[int, int, str]]:
        n = len(closed)
        if n == 0:
            return []
        last = np.zeros(n, dtype=bool)
        last[-1] = True
        may_begin = (~space & ~last & ~next_starts)[:, None] & self._begin_or_unit_begin
        may_unit = (~space)[:, None] & self._unit
        valid = may_begin | may_unit
        valid[:, self._out] = True
        masked = np.where(valid, closed, -np.inf)
        best = masked.argmax(axis=1)  # first maximum: ties go to the lower class index
        events = np.flatnonzero(best != self._out)
        entities: list[tuple[int, int, str]] = []
        bias = self._bias
        position = 0
        for event in events.tolist():
            if event < position:
                continue  # inside an entity decided below
            action = int(best[event])
            label = int(self._label_of[action])
            if self._kinds[action] == _UNIT:
                entities.append((event, event + 1, self.labels[label]))
                position = event + 1
                continue
            # B-label at event: I or L until L
            pair = np.array([self._in_class[label], self._last_class[label]])
            first = features[1 + offset + event, 1, pair]
            t = event + 1
            while True:
                row = offset + t
                unmaxed = ((features[1 + row, 0, pair] + first) + features[row, 2, pair]) + bias[pair]
                scores = unmaxed.max(axis=1)
                may_continue = t < n - 1 and not next_starts[t]
                if may_continue and scores[0] >= scores[1]:
                    t += 1
                    continue
                entities.append((event, t + 1, self.labels[label]))
                position = t + 1
                break
        return entities
