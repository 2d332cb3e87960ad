"""Subjects the parse put in the wrong place, for `verbs.speaker_of_verb`: the one who does a
for/of gerund (`gerund_controller`), a subject lost to a clause before the verb
(`fronted_clause_subject`), one inside the quotation a cue opens (`quoted_after`), and the
unnamed asker of "when asked if ..." (`asked_unnamed`)."""

from __future__ import annotations

from spacy.tokens import Token

from ..speakers import is_speaker_like
from .marks import CLOSE, OPEN, mark_direction
from .words import ADDRESSED_VERBS, OBJECT_CONTROL_PREPS, RELATIVE

__all__ = ["asked_unnamed", "fronted_clause_subject", "gerund_controller", "quoted_after"]


def asked_unnamed(t: Token) -> bool:
    """ "when asked if he still believes ...", "Pressed on the issue, he said": a bare participle
    clause of a verb of asking or telling, which someone unnamed said to the sentence's subject."""
    return (
        t.dep_ == "advcl"
        and t.tag_ == "VBN"
        and t.lemma_.lower() in ADDRESSED_VERBS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl", "agent") for c in t.children)
    )


def quoted_after(subj: Token, v: Token) -> bool:
    """Whether `subj` comes after the cue `v` inside a quotation opened between them: the last
    quotation mark between them opens one (a curly opening mark, or a straight one that
    `marks.mark_direction` reads as opening)."""
    if subj.i <= v.i:
        return False
    doc = v.doc
    marks = [w for w in doc[v.i + 1 : subj.left_edge.i + 1] if w.is_quote]
    if not marks:
        return False
    last = marks[-1]
    if last.text in (OPEN, "\u2018", "``"):
        return True
    if last.text in (CLOSE, "\u2019", "''"):
        return False
    around = doc[max(last.i - 1, 0) : last.i + 2]
    return mark_direction(around.text, last.idx - around[0].idx, len(last.text)) == "open"


def fronted_clause_subject(t: Token) -> Token | None:
    """The subject a verb with none of its own lost to a clause the parser hung before it:
    "Sanders, meanwhile, who sits at zero endorsements, said ..." (the name and the relative
    pronoun both made subjects of "sits"), "Trump further summed up Clinton as 'terrible,'
    denounced her record and said ..." (the first verb, opening the sentence, made an
    adverbial clause). Not a clause with a subordinator ("When Trump spoke, ...")."""
    for c in t.children:
        if c.i > t.i or c.dep_ not in ("ccomp", "advcl") or any(x.dep_ == "mark" for x in c.children):
            continue
        subs = [x for x in c.children if x.dep_ == "nsubj"]
        named = [x for x in subs if x.lower_ not in RELATIVE]
        if c.dep_ == "ccomp" and len(subs) >= 2 and len(named) == 1:
            return named[0]
        if (
            c.dep_ == "advcl"
            and c.tag_ in ("VBD", "VBZ", "VBP")
            and len(named) == 1
            and c.left_edge.i == c.sent.start
            and named[0].lower_ not in ("it", "this", "that")
        ):
            return named[0]
    return None


def gerund_controller(prep: Token) -> Token | None:
    """Who does the gerund of a for/of phrase on a verb: the verb's object when it is someone
    ("blasted Trump for claiming", "held Pagliano in contempt for refusing", "accused her of
    lying"), or the subject of a passive verb ("Trump was criticized by Clinton for claiming"),
    not the one who blames, praises or charges; else None (the verb's subject does it)."""
    verb = prep.head
    if prep.lower_ not in OBJECT_CONTROL_PREPS or verb.pos_ not in ("VERB", "AUX"):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i), None)
    if obj is not None:
        # a name of someone, not of a thing ("took home the Young, Black and Gifted award for
        # speaking out"), a personal pronoun, or a noun for people ("jabbed senators for failing")
        someone = (obj.pos_ == "PROPN" and not any(c.dep_ == "det" for c in obj.children)) or (
            obj.pos_ == "PRON" and obj.lower_ not in ("it", "this", "that", "what")
        )
        return obj if someone or (obj.pos_ == "NOUN" and is_speaker_like(obj)) else None  # "won praise for saying"
    if any(c.dep_ == "auxpass" for c in verb.children):
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return None
