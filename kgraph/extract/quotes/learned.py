"""Reporting cues beyond the lexicon (pass "learned cues"): a verb outside `reporting.tsv` with
a subject that can speak and a propositional complement ("inspectors discovered that the depot
was empty", "they see the truce as a pause") is a cue when a logistic model over its parse
scores it at or above the model's threshold.

The model is data (`cue_model.tsv` of the lexicon folder: one weight per feature, a bias and a
threshold), trained on PolNeAR's train split by `kgraph.train.cues`; this module only computes
the features of a candidate and sums their weights. The features are the parse's: the verb's
lemma, tag and dependency, which complements it has, what its subject is (a name, a pronoun, a
relative pronoun, an entity type), negation and modality, whether another statement's clause
already holds it. A folder without the file has no learned cues.
"""

from __future__ import annotations

import math

from spacy.tokens import Token

from ...lexicon import cue_model
from ..speakers import is_speaker_like
from .context import Draft, QuoteContext, clip
from .verbs import is_hedged, relative_host, speaker_of_verb, verb_text
from .words import RELATIVE

__all__ = ["Candidate", "candidates", "learned_cues", "score"]

# the complements a candidate's features name (its content is a clause or an object's predicate)
_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "acomp", "oprd")
_MODALS = frozenset({"may", "might", "could", "would", "should", "can", "will", "must"})

Candidate = tuple[Token, Token, list[tuple[int, int]], list[str]]  # verb, speaker, content ranges, features


def candidates(ctx: QuoteContext, drafts: list[Draft]) -> list[Candidate]:
    """Every verb outside the lexicon and outside quotations that has a content and a subject
    that can speak (a relative pronoun stands for the noun its clause hangs on)."""
    lex = ctx.lex
    cues = {d.cue.i for d in drafts if d.cue is not None}
    held = [(s, e) for d in drafts for s, e in d.content]
    out: list[Candidate] = []
    for t in ctx.doc:
        if t.pos_ != "VERB" or t.i in cues or ctx.quote_of[t.i] >= 0:
            continue
        lemma = t.lemma_.lower()
        if lemma in lex.verbs or t.dep_ in ("amod", "compound", "nmod", "auxpass", "aux"):
            continue
        ranges = _content(t)
        if not ranges:
            continue
        ranges = clip(ctx, ranges, t)
        if not ranges:
            continue
        subj = speaker_of_verb(t)
        if subj is None:
            continue
        speaker = relative_host(subj)
        if not is_speaker_like(speaker):
            continue
        out.append((t, speaker, ranges, features(ctx, t, subj, any(s <= t.i < e for s, e in held))))
    return out


def _content(t: Token) -> list[tuple[int, int]]:
    """The verb's propositional complement: a clause ("learned that the talks had failed",
    "ruled the statement was true") or a predicate on its object ("sees Trump as a risk",
    "judged America a paper tiger"). A bare object or an infinitive is left alone: "attacked
    the convoy", "backed the rebels", "sought to encircle the city" are deeds as often as words."""
    kids = [c for c in t.children if c.i > t.i]
    clause = next((c for c in kids if c.dep_ == "ccomp"), None)
    if clause is not None:
        return [(clause.left_edge.i, _trim(t, clause.right_edge.i + 1))]
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    pred = next(
        (
            c
            for c in kids
            if obj is not None and c.i > obj.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as"))
        ),
        None,
    )
    if obj is None or pred is None:
        return []
    return [(obj.left_edge.i, _trim(t, pred.right_edge.i + 1))]


def _trim(t: Token, end: int) -> int:
    """A content's end less its closing punctuation (the sentence's stop is not what was said;
    later passes compare content ends with quotations and other statements)."""
    doc = t.doc
    while end > t.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def _subject_kind(ctx: QuoteContext, subj: Token) -> str:
    if subj.lower_ in RELATIVE:
        return "rel"
    if subj.pos_ == "PRON":
        return "pron:" + subj.lower_
    if subj.i in ctx.ents.token_key:
        return "ent:" + (ctx.key_type.get(ctx.ents.token_key[subj.i]) or "?")
    if subj.ent_type_:
        return "ner:" + subj.ent_type_
    return subj.pos_.lower()


def features(ctx: QuoteContext, t: Token, subj: Token, held: bool) -> list[str]:
    """The names of a candidate's features (the model's weights are keyed by them)."""
    lemma = t.lemma_.lower()
    comps = sorted({c.dep_ for c in t.children if c.i > t.i and c.dep_ in _CONTENT_DEPS})
    kind = _subject_kind(ctx, subj)
    that = any(c.dep_ == "ccomp" and any(m.dep_ == "mark" for m in c.children) for c in t.children)
    modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children)
    own_subject = subj.head.i == t.i
    sent = ctx.sent_of[t.i]
    f = [
        "bias",
        "lemma=" + lemma,
        "tag=" + t.tag_,
        "dep=" + t.dep_,
        "subj=" + kind.split(":")[0],
        "subjkind=" + kind,
        "comps=" + "+".join(comps),
        "lemma+comps=" + lemma + "|" + "+".join(comps),
        "lemma+dep=" + lemma + "|" + t.dep_,
        "lemma+subj=" + lemma + "|" + kind.split(":")[0],
        "lemma+tag=" + lemma + "|" + t.tag_,
    ]
    f += ["comp=" + c for c in comps]
    if that:
        f += ["that", "lemma+that=" + lemma]
    if modal:
        f.append("modal")
    if is_hedged(t, ctx.lex):
        f.append("hedged")
    if not own_subject:
        f.append("climbed")
    if held:
        f += ["held", "lemma+held=" + lemma]
    if sent == 0:
        f.append("first_sentence")
    return f


def score(weights: dict[str, float], feats: list[str]) -> float:
    """The model's probability that a candidate is a reporting cue."""
    z = sum(weights.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def learned_cues(ctx: QuoteContext, drafts: list[Draft]) -> list[Draft]:
    """Drafts for the candidates the model scores at or above its threshold."""
    model = cue_model()
    if model is None:
        return []
    weights, threshold = model
    out = []
    for t, speaker, ranges, feats in candidates(ctx, drafts):
        if score(weights, feats) < threshold:
            continue
        stance = "neither" if "hedged" in feats else "asserts"
        out.append(Draft(t, verb_text(t), speaker, ranges, "indirect", stance, []))
    return out
