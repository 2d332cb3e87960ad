"""The reporting verbs a question may use: the verb rows of the lexicon's reporting.tsv
(the list the extractor uses) and the speech verbs that ask for everything said, with
the forms of a verb read back to its lemma ("warned" -> "warn", "denied" -> "deny")."""

from __future__ import annotations

from functools import lru_cache

from ...graph.terms import KG
from ...lexicon import reporting_verbs

__all__ = ["SPEECH", "DENIAL", "lexicon", "lemma", "cue_stem", "denial_cues"]

# The question grammar: verbs that ask for everything a speaker said, and irregular
# forms the suffix rules below do not undo.
SPEECH = frozenset({"say", "tell", "claim", "state", "speak", "talk", "comment", "remark"})
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "spoke": "speak",
    "spoken": "speak",
    "thought": "think",
    "wrote": "write",
    "written": "write",
    "felt": "feel",
    "knew": "know",
    "known": "know",
    "found": "find",
    "shown": "show",
    "meant": "mean",
    "made": "make",
}
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("d", ""),
)
DENIAL = (str(KG.Denies), str(KG.NeitherConfirmsNorDenies))  # the stances a denial verb asks for


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(reporting verb lemmas, denial verb lemmas) from the lexicon's reporting.tsv."""
    verbs, denials = reporting_verbs()
    return verbs | SPEECH, denials


def lemma(word: str) -> str | None:
    """The reporting verb a word is a form of ("warned" -> "warn", "denied" -> "deny"), or None."""
    verbs = lexicon()[0]
    w = word.lower()
    cands = [w, _IRREGULAR.get(w, "")]
    for suf, repl in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 2:
            stem = w[: -len(suf)]
            cands.append(stem + repl)
            if not repl and len(stem) > 2 and stem[-1] == stem[-2]:  # admitted -> admit
                cands.append(stem[:-1])
    return next((c for c in cands if c in verbs), None)


def cue_stem(verb: str) -> str:
    """The cue substring a verb is found by ("accuse" -> "accus", "deny" -> "den")."""
    return verb[:-1] if verb.endswith(("e", "y")) and len(verb) > 3 else verb


def denial_cues() -> tuple[str, ...]:
    """The cue stems of the denial verbs."""
    return tuple(sorted({cue_stem(v) for v in lexicon()[1]}))
