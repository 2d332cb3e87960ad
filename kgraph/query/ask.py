"""Questions about who said what, answered from the store.

`parse_question` turns an English question of one of the forms in `FORMS` into a
`Question` (names, a reporting verb, a text to look for); `answer` runs it as
parameterised SPARQL through `kgraph.query.quotes.find_quotes` and, for "Who said that
...?", ranks the candidate statements by how many of the question's content words their
text holds. Reporting verbs are the verb rows of `ontology/lexicon/reporting.tsv`, the
same list the extractor uses; what a verb asks for:

- a speech verb (say, tell, claim, state, speak, talk) asks for everything said;
- a denial verb (deny, reject, dispute, ...) asks for denials, and for statements that
  neither confirm nor deny when their cue is a denial verb ("neither confirmed nor
  denied"; not "did not mention"), each answer showing its stance;
- "report" asks for what a source said or relayed ("What did Reuters report?");
- any other verb (warn, accuse, urge, estimate, ...) asks for statements with that cue.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..errors import NotFoundError, QueryError
from ..graph.store import GraphStore
from ..graph.terms import KG
from ..lexicon import reporting_verbs
from .quotes import Quote, find_quotes

__all__ = ["FORMS", "Question", "Answer", "UnparsedQuestion", "parse_question", "answer", "rank_by_text"]

FORMS = (
    ("What did SPEAKER say?", "or claim, warn, accuse, urge, estimate, deny ... any reporting verb"),
    ("What did SPEAKER say about TOPIC?", "also: What has SPEAKER said about TOPIC?"),
    ("What did SOURCE report?", "what it said or relayed"),
    ("What was said about TOPIC?", ""),
    ("Who said that TEXT?", "or claimed, warned, reported, denied ..."),
    ("Who said what about TOPIC?", "also: Who spoke about TOPIC?"),
    ("Did SPEAKER say that TEXT?", ""),
)

# The question grammar: verbs that ask for everything a speaker said, and irregular
# forms the suffix rules below do not undo.
_SPEECH = frozenset({"say", "tell", "claim", "state", "speak", "talk"})
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "spoke": "speak", "spoken": "speak",
              "thought": "think", "wrote": "write", "written": "write", "felt": "feel", "knew": "know",
              "known": "know", "found": "find", "shown": "show", "meant": "mean", "made": "make"}
_DENIAL = (str(KG.Denies), str(KG.NeitherConfirmsNorDenies))
_ABOUT = r"(?:about|on|regarding|concerning)"


class UnparsedQuestion(QueryError):
    """A question none of the understood forms matches."""

    def __init__(self, question: str):
        self.question = question
        super().__init__(f"cannot parse the question {question!r}; kgraph ask understands:\n" + forms_text())


def forms_text() -> str:
    width = max(len(f) for f, _ in FORMS)
    return "\n".join(f"  {f:<{width}}  ({note})" if note else f"  {f}" for f, note in FORMS)


@dataclass(frozen=True)
class Question:
    """A parsed question: which filters to apply and, for "Who said that ...?", the text."""

    form: str
    verb: str | None = None  # reporting verb lemma
    speaker: str | None = None
    about: str | None = None
    outlet: str | None = None
    text: str | None = None

    @property
    def stances(self) -> tuple[str, ...]:
        return _DENIAL if self.verb in _lexicon()[1] else ()

    @property
    def cue(self) -> str | None:
        """The cue substring a specific verb asks for ("warn" -> "warn", "accuse" -> "accus")."""
        v = self.verb
        if v is None or v in _SPEECH or v == "report" or v in _lexicon()[1]:
            return None
        return _cue_stem(v)


def _cue_stem(verb: str) -> str:
    return verb[:-1] if verb.endswith(("e", "y")) and len(verb) > 3 else verb


@dataclass(frozen=True)
class Answer:
    question: Question
    quotes: tuple[Quote, ...]
    scores: tuple[float, ...] | None = None  # text-match scores, for "Who said that ...?"


# -- the verbs ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(reporting verb lemmas, denial verb lemmas) from the lexicon's reporting.tsv."""
    verbs, denials = reporting_verbs()
    return verbs | _SPEECH, denials


def _lemma(word: str) -> str | None:
    """The reporting verb a word is a form of ("warned" -> "warn", "denied" -> "deny"), or None."""
    verbs = _lexicon()[0]
    w = word.lower()
    cands = [w, _IRREGULAR.get(w, "")]
    for suf, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                      ("es", ""), ("s", ""), ("d", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 2:
            stem = w[: -len(suf)]
            cands.append(stem + repl)
            if not repl and len(stem) > 2 and stem[-1] == stem[-2]:  # admitted -> admit
                cands.append(stem[:-1])
    return next((c for c in cands if c in verbs), None)


# -- parsing -----------------------------------------------------------------------------
def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"[\s?!.]+$", "", text)


def _unquote(text: str) -> str:
    return text.strip().strip("\"'\u201c\u201d").strip()


def parse_question(question: str) -> Question:
    """The `Question` an English question asks; raises `UnparsedQuestion` listing `FORMS`."""
    q = _clean(question)
    low = q.lower()
    if m := re.fullmatch(rf"what (?:was|is|were|has been|have been|is being) (\w+) {_ABOUT} (.+)", low):
        if _lemma(m[1]):
            return Question("what-was-said-about", _lemma(m[1]), about=q[m.start(2):])
    if m := re.fullmatch(r"what (?:did|does|do|has|have|had) (.+)", low):
        words = q[m.start(1):].split(" ")
        # SPEAKER VERB [about TOPIC]: the first reporting verb followed by the end or "about"
        for i in range(1, len(words)):
            verb = _lemma(words[i])
            rest = " ".join(words[i + 1:])
            if verb is None:
                continue
            if not rest:
                return _what(verb, " ".join(words[:i]), None)
            if t := re.fullmatch(rf"{_ABOUT} (.+)", rest, flags=re.I):
                return _what(verb, " ".join(words[:i]), t[1])
    if m := re.fullmatch(rf"who (?:has |have |had )?(\w+)(?: what)? {_ABOUT} (.+)", low):
        if _lemma(m[1]) and not m[2].startswith(("what ", "that ")):
            return Question("who-said-about", _lemma(m[1]), about=q[m.start(2):])
    if m := re.fullmatch(r"who (?:has |have |had )?(\w+)(?: that)? (.+)", low):
        if _lemma(m[1]):
            return _with_text(Question("who-said-that", _lemma(m[1]), text=_unquote(q[m.start(2):])), question)
    if m := re.fullmatch(r"(?:did|has|have|does) (.+)", low):
        words = q[m.start(1):].split(" ")
        for i in range(1, len(words) - 1):
            if verb := _lemma(words[i]):
                rest = re.sub(r"^that ", "", " ".join(words[i + 1:]), flags=re.I)
                return _with_text(Question("did-say-that", verb, speaker=" ".join(words[:i]),
                                           text=_unquote(rest)), question)
    raise UnparsedQuestion(question)


def _what(verb: str, name: str, about: str | None) -> Question:
    if verb == "report":
        return Question("what-did-source-report", verb, outlet=name, about=about)
    return Question("what-did-speaker-say", verb, speaker=name, about=about)


def _with_text(q: Question, question: str) -> Question:
    if not _content_words(q.text or ""):
        raise UnparsedQuestion(question)
    return q


# -- text matching -----------------------------------------------------------------------
def _stem(w: str) -> str:
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


def _content_words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", text) if w not in STOP_WORDS}


def _matches(word: str, words: set[str]) -> bool:
    """`word` is in `words`, or one of the two starts with the other, both of five letters or more."""
    if word in words:
        return True
    return len(word) >= 5 and any(len(w) >= 5 and (w.startswith(word) or word.startswith(w)) for w in words)


def rank_by_text(quotes: Sequence[Quote], text: str, *, cue: str | None = None,
                 threshold: float = 0.5) -> list[tuple[float, Quote]]:
    """Quotes whose text holds at least `threshold` of `text`'s content words, best first.

    The score is that share (a word also counts when one is the start of the other and
    both have five or more letters: "Korea"/"Korean", "Russia"/"Russians"); quotes within
    0.75 of the best are kept. Ties go to a cue containing `cue`, then to the quote with
    fewer words the question did not ask for.
    """
    want = _content_words(text)
    if not want:
        return []
    scored = []
    for q in quotes:
        have = _content_words(q.text)
        hit = sum(1 for w in want if _matches(w, have))
        if hit / len(want) >= threshold:
            scored.append((round(hit / len(want), 3), hit / max(len(have), 1), q))
    if not scored:
        return []
    best = max(s for s, _, _ in scored)
    kept = [x for x in scored if x[0] >= 0.75 * best]
    kept.sort(key=lambda x: (-x[0], not (cue and cue in x[2].cue.lower()), -x[1], x[2].source or "", x[2].start))
    return [(s, q) for s, _, q in kept]


# -- answering ---------------------------------------------------------------------------
def answer(store: GraphStore, question: str | Question) -> Answer:
    """The statements that answer a question; raises `NotFoundError` when there are none
    (or a name is unknown) and `UnparsedQuestion` for a question of no known form."""
    q = parse_question(question) if isinstance(question, str) else question
    if q.text is not None:
        return _by_text(store, q)
    if q.form == "who-said-about":
        try:
            quotes = _denials(q, find_quotes(store, about=q.about, stances=q.stances, cue=q.cue))
        except NotFoundError:  # not a name: "Who spoke about the escalation?" looks for the words
            try:
                return _by_text(store, Question(q.form, q.verb, text=q.about))
            except NotFoundError:
                pass
            raise
    else:
        quotes = _denials(q, find_quotes(store, speaker=q.speaker, about=q.about, outlet=q.outlet,
                                         stances=q.stances, cue=q.cue))
    if not quotes:
        raise NotFoundError(f"no {_describe(q)}")
    return Answer(q, tuple(quotes))


def _by_text(store: GraphStore, q: Question) -> Answer:
    cands = _denials(q, find_quotes(store, speaker=q.speaker, stances=q.stances))
    ranked = rank_by_text(cands, q.text or "", cue=_cue_stem(q.verb) if q.verb not in (None, *_SPEECH) else None)
    if not ranked:
        raise NotFoundError(f"no {_describe(q)} matches {q.text!r}")
    return Answer(q, tuple(r for _, r in ranked), tuple(s for s, _ in ranked))


def _denials(q: Question, quotes: list[Quote]) -> list[Quote]:
    """For a denial question, drop the unconfirmed statements whose cue is no denial ("did not mention")."""
    if not q.stances:
        return quotes
    denials = _lexicon()[1]
    return [x for x in quotes if x.stance == "denies" or any(_lemma(w) in denials for w in x.cue.split())]


def _describe(q: Question) -> str:
    """What was looked for: "denials by Russia", "statements by Kyiv cued by 'warn' about France"."""
    what = "denials" if q.stances else "statements"
    if q.speaker:
        what += f" by {q.speaker}"
    if q.outlet:
        what += f" by or via {q.outlet}"
    if q.cue:
        what += f" cued by {q.verb!r}"
    if q.about and q.text is None:
        what += f" about {q.about}"
    return what if q.text is None else what.replace("statements", "statement", 1).replace("denials", "denial", 1)
