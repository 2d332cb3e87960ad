"""What a name's form and syntax say about place: street and admin forms, facility and admin
nouns after a name, coordinated names, capitals used as actors."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .lexicon import Lexicon

__all__ = ["is_agentive", "place_by_form", "place_name_end", "split_coordinated"]


def is_agentive(tok: Token, lex: Lexicon) -> bool:
    """A capital used as an actor: subject, agent, possessor, or conjoined with one."""
    t = tok
    if t.dep_ in ("amod", "compound", "nmod") and (
        t.head.lower_ in lex.group_nouns or t.head.lower_ in lex.force_nouns
    ):
        return True
    while t.dep_ in ("compound", "conj") and t.head.i != t.i:
        if t.dep_ == "conj" and t.head.dep_ in ("nsubj", "nsubjpass"):
            return True
        if t.dep_ == "conj" and t.head.dep_ == "pobj" and t.head.head.lower_ == "between":
            return True
        if t.dep_ == "compound":
            return False
        t = t.head
    if t.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
        return True
    if t.dep_ == "pobj":
        prep = t.head
        if prep.lower_ in lex.words["agentive_prep"]:
            return True
        if prep.lower_ == "from":  # "support from Kyiv", but "flights from Moscow" stay places
            return prep.head.lemma_ in lex.nouns["support"]
        return False
    return False


def split_coordinated(doc: Doc, lex: Lexicon) -> list[SpacySpan]:
    """The model's entities, with a coordination of two full names cut in two: "the Rumour
    Service and Public Protection Service" is two organisations (each side ends in its head word)."""
    out: list[SpacySpan] = []
    for ent in doc.ents:
        cut = None
        if ent.label_ in ("ORG", "FAC") and not ent.ent_id_ and doc[ent.end - 1].lower_ in lex.org_words:
            cut = next(
                (
                    t.i
                    for t in ent
                    if t.lower_ == "and"
                    and ent.start < t.i < ent.end - 1
                    and doc[t.i - 1].lower_ in lex.org_words
                    and doc[t.i + 1].text[:1].isupper()
                ),
                None,
            )
        if cut is None:
            out.append(ent)
        else:
            out += [SpacySpan(doc, ent.start, cut, ent.label_), SpacySpan(doc, cut + 1, ent.end, ent.label_)]
    return out


def place_by_form(doc: Doc, s: int, e: int, lex: Lexicon) -> tuple[int, int] | None:
    """The span of a name whose form says place, whatever the tagger said: "the state of
    Miranda", "the city of Lyon"; a street word opening it ("Rue Victor Hugo", "Calle del
    Correo"), also when the model left that word out ("Avenue Habib Bourguiba")."""
    if e <= s:
        return None
    if (
        s >= 2
        and doc[s - 1].lower_ == "of"
        and doc[s - 1].head.lower_ in lex.admin_nouns
        and doc[s - 1].head.i < s - 1
        and all(t.text[:1].isupper() for t in doc[s:e] if t.is_alpha)
    ):
        return s, e
    if s > 0 and doc[s - 1].text in lex.words["street_word"]:
        s -= 1
    return (s, e) if e - s >= 2 and doc[s].text in lex.words["street_word"] else None


def place_name_end(doc: Doc, s: int, e: int, label: str, lex: Lexicon) -> int | None:
    """Where a place name ends, when its words or the noun after it make it a place:
    a capitalised facility word inside ("Geary Lake", "Rolando Cafe"), a facility noun
    right after that the name modifies ("Victor Hugo street", "El Tobogan restaurant":
    the noun joins the name), an administrative noun after it ("Shah Wali Kot district",
    "in Tachira state": the name alone), or either after a conjoined name ("the Ampere-Victor
    Hugo and Bellecour metro stations"). None when nothing says place."""
    last = doc[e - 1]
    if last.lower_ in lex.facility_nouns and (label != "PERSON" or (e - s >= 2 and last.text[:1].isupper())):
        return e
    root = _coordination_root(last)
    shared = next(
        (
            c
            for c in last.children
            if c.dep_ == "conj" and c.text.islower() and (c.lower_ in lex.admin_nouns or c.lower_ in lex.facility_nouns)
        ),
        None,
    )
    if shared is not None:  # the parser's reading of "X and Y metro stations"
        return e
    if root.dep_ not in ("compound", "nmod") or root.head.i <= root.i or not root.head.text.islower():
        return None
    noun = root.head
    while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.text.islower():
        noun = noun.head  # "Bellecour metro stations"
    if label == "PERSON" and noun.lower_ not in lex.nouns["street"] and noun.lower_ not in lex.nouns["admin_unit"]:
        return None  # "the Clinton camp", "the Trump campaign": a person's, not a place
    if label == "ORG" and noun.lower_ in lex.nouns["held_by"]:
        return None  # "a Wagner base", "Azov positions": the group's, not a place named for it
    if noun.lower_ in lex.admin_nouns:
        return e
    if noun.lower_ in lex.facility_nouns:
        return noun.i + 1 if root is last and noun.i == e else e
    return None


def _coordination_root(last: Token) -> Token:
    """The name a conjoined name hangs on ("Ampere-Victor Hugo and Bellecour": the first), else itself."""
    root = last
    if root.dep_ == "conj" and root.head.i > root.i:
        root = root.head
        while root.dep_ in ("compound", "conj") and root.head.i > root.i and root.head.pos_ == "PROPN":
            root = root.head
    return root
