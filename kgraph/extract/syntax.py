"""Dependency-parse helpers the extractors share: children by relation, subject and object
of a verb, the verb a noun depends on, coordination, subtree ranges.

Pure functions over spaCy tokens (English dependency labels, as the `en_core_web_*`
pipelines give them); the few function words they test are classes of the lexicon's
`words.tsv` (relative pronouns, the prepositions of a charge).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import word_classes

__all__ = [
    "child",
    "children",
    "conj_chain",
    "first_conjunct",
    "governor",
    "is_passive",
    "object_of",
    "of_object",
    "pobj",
    "possessor",
    "stranded_subject",
    "subject_of",
    "subtree_range",
]


def child(tok: Token, *deps: str) -> Token | None:
    """The first child of `tok` in one of the relations `deps`."""
    return next((c for c in tok.children if c.dep_ in deps), None)


def children(tok: Token, *deps: str) -> list[Token]:
    """The children of `tok` in one of the relations `deps`, in order."""
    return [c for c in tok.children if c.dep_ in deps]


def subtree_range(tok: Token) -> tuple[int, int]:
    """The token range `[start, end)` of `tok`'s subtree."""
    return tok.left_edge.i, tok.right_edge.i + 1


def pobj(prep: Token) -> Token | None:
    """The object of a preposition; of the inner one in a compound preposition ("out of Mali")."""
    o = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if o is None:
        inner = next((c for c in prep.children if c.dep_ == "prep"), None)
        if inner is not None:
            return next((c for c in inner.children if c.dep_ in ("pobj", "pcomp")), None)
    return o


def of_object(tok: Token) -> Token | None:
    """The object of a noun's "of" phrase ("thousands of troops" -> troops)."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return pobj(c)
    return None


def object_of(verb: Token) -> Token | None:
    """The direct object of a verb."""
    return child(verb, "dobj")


def possessor(noun: Token) -> Token | None:
    """The possessive modifier of a noun ("Russia's" of "Russia's troops")."""
    return child(noun, "poss")


def conj_chain(tok: Token) -> set[int]:
    """Token indices of everything coordinated below `tok` ("A, B and C": B and C)."""
    out, stack = set(), [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.i not in out:
                out.add(c.i)
                stack.append(c)
    return out


def first_conjunct(tok: Token) -> Token:
    """The first of a coordination `tok` belongs to (itself when it is not a conjunct)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def is_passive(verb: Token) -> bool:
    """A passive clause, or a past participle modifying a noun ("the enclave, seized by Ukraine")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _relative_subject(verb: Token, subj: Token) -> bool:
    return verb.dep_ == "relcl" and (subj.tag_ in ("WDT", "WP") or subj.lower_ in word_classes()["relative"])


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """Who does what `verb` says: its subject, the passive agent, or the controller of a subjectless verb."""
    if depth > 5:
        return None
    subj = child(verb, "nsubj")
    if subj is not None:
        return verb.head if _relative_subject(verb, subj) else subj
    if is_passive(verb):
        agent = child(verb, "agent")
        if agent is not None and pobj(agent) is not None:
            return pobj(agent)
    if verb.head.i == verb.i:
        return None
    return _controller(verb, depth)


def _controller(verb: Token, depth: int) -> Token | None:
    """The subject a subjectless verb takes from the word it depends on."""
    dep, head = verb.dep_, verb.head
    if dep == "xcomp":
        obj = child(head, "dobj")
        if obj is not None:
            return obj  # object control: "urge the West to bolster", "using Koreans to run"
        return child(head, "nsubjpass") or subject_of(head, depth + 1)
    if dep in ("dobj", "xcomp") and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)  # "has denied sending troops"
    if dep in ("conj", "advcl", "ccomp") and head.pos_ in ("VERB", "AUX"):
        if dep == "ccomp":
            return None
        return (
            child(head, "nsubjpass")
            if child(head, "nsubj") is None and is_passive(head) and dep == "conj"
            else subject_of(head, depth + 1)
        )
    if dep == "pcomp" and head.dep_ in ("prep",):
        return _prepositional_controller(head, depth)
    if dep in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
        return _noun_controller(verb, head, depth)
    return None


def _prepositional_controller(prep: Token, depth: int) -> Token | None:
    """The subject of a gerund after a preposition: the governing verb's object or subject, or a
    noun's possessor ("accused Russia of deploying", "efforts to retake")."""
    gov = prep.head
    if gov.pos_ in ("VERB", "AUX"):
        if prep.lower_ in word_classes()["charge_prep"] and child(gov, "dobj") is not None:
            return child(gov, "dobj")  # "accused Russia of deploying"
        return subject_of(gov, depth + 1)
    if gov.pos_ == "NOUN":
        return possessor(gov)
    return None


def _noun_controller(verb: Token, head: Token, depth: int) -> Token | None:
    """The subject of a clause modifying a noun: the noun of a relative clause, else its possessor
    or the subject of the verb the noun depends on."""
    if verb.dep_ == "relcl":
        return head
    poss = possessor(head)
    if poss is not None:
        return poss
    if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, depth + 1)
    return None


def governor(noun: Token) -> tuple[Token | None, str]:
    """The verb a noun depends on and how: ("launched", "dobj"), ("used", "for"), (None, "")."""
    first = first_conjunct(noun)
    if first is not noun and first.pos_ in ("VERB", "AUX"):
        return first, "dobj"  # mis-parsed coordination of objects onto the verb
    dep, head = first.dep_, first.head
    if head is first:
        return None, ""
    if dep in ("dobj", "attr", "nsubjpass", "nsubj") and head.pos_ in ("VERB", "AUX"):
        return head, dep
    if dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head, head.lower_
    return None, dep


def stranded_subject(verb: Token) -> tuple[Token | None, Token] | None:
    """ "Troops shelled the city, killing at least three civilians, the governor, X, said": the
    parser may take the object a fronted complement's last word lacks for the verb's subject,
    and the speaker for an apposition of it; or leave the verb without a subject and hang
    the speaker on the complement's last noun as an apposition ("wounding two soldiers, a
    spokesman, X, said"). Returns (the stranded subject or None, the apposition that speaks)
    when the apposition follows a comma and ends right before a comma and the verb, and
    either the subject directly follows a complement's last word that is a verb or
    preposition with no object of its own, or the verb has no subject at all."""
    doc = verb.doc
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if comp is None or verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        inner = [
            a
            for a in comp.subtree
            if a.dep_ == "appos"
            and a.right_edge.i == verb.i - 2
            and a.pos_ in ("NOUN", "PROPN")
            and a.head.dep_ in ("dobj", "pobj")
            and a.head.pos_ == "NOUN"  # (not "X, founder of Y, tells": the name speaks)
        ]
        return (None, inner[0]) if inner and _after_comma(inner[0]) else None
    last = doc[comp.right_edge.i]
    if (
        not comp.i < subj.i < verb.i
        or subj.left_edge.i != last.i + 1
        or last.pos_ not in ("VERB", "ADP")
        or any(c.dep_ in ("dobj", "pobj", "ccomp", "xcomp") for c in last.children)
    ):
        return None
    appos = next((c for c in subj.children if c.dep_ == "appos" and c.right_edge.i == verb.i - 2), None)
    return (subj, appos) if appos is not None and _after_comma(appos) else None


def _after_comma(t: Token) -> bool:
    return t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].text == ","
