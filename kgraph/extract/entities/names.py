"""What a name's form and syntax say it is: not a name, a title's first word, a person or not."""

from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import Lexicon, given_names

__all__ = ["not_a_name", "opens_title", "person_noun", "person_or_not", "titled_name"]


def not_a_name(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """The model's entity is an ordinary thing's acronym ("SIM", "CCTV"), a time zone ("UTC")
    or an event's name ("Women's World Cup", "Bloody Sunday"): not a person, place or organisation."""
    words = doc[s:e]
    if e - s == 1 and words[0].lower_ in lex.not_names and words[0].text.rstrip("s").isupper():
        return True  # "SIM", "UAVs"; but "Sam" is a name
    last = words[-1]
    if e - s >= 2 and last.text[:1].isupper() and not any(t.lower_ in lex.org_words for t in words):
        if last.lower_ in lex.event_heads:
            return True
        if (
            last.lower_ in lex.words["weekday"]
            and words[0].pos_ in ("ADJ", "PROPN")
            and words[0].lower_ not in lex.words["weekday"]
        ):
            return True  # "Bloody Sunday", "Black Friday"
    return False


def opens_title(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """The model's 'organisation' is the first word of a title ("Defence" of "Defence Minister
    Israel Katz", "Interior" of "Interior Minister X"), not a name."""
    lowers = [doc[i].lower_ for i in range(s, min(len(doc), e + lex.max_title_words - 1))]  # read once
    for n in range(1, lex.max_title_words):
        if e + n <= len(doc) and " ".join(lowers[: e + n - s]) in lex.titles and doc[e + n - 1].text[:1].isupper():
            return True
    return False


def person_or_not(doc: Doc, s: int, e: int, lex: Lexicon) -> str:
    """What a span the model calls a person is, by its words and syntax: an organisation when
    its last word is an organisation word ("Stormont Cabinet") or when a person leads it
    ("leader of Ulster Vanguard"); a place when it takes "the" after a place preposition
    ("in the Badia al-Sukhnah"), which names of people do not."""
    root = doc[e - 1]
    if e - s >= 2 and root.lower_ in lex.org_words and root.text[:1].isupper():
        return "Organization"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in lex.nouns["leads"]:
        return "Organization"
    if s > 0 and doc[s - 1].lower_ == "the" and root.dep_ == "pobj" and root.head.lower_ in lex.words["place_prep"]:
        return "Location"
    # "clashes in Badia al-Sukhnah and Badia al-Sham": the object of a spatial "in"/"near"
    # (or a name conjoined with it) is a place; "confidence in X", "a role in X" are not spatial
    obj = root
    if (
        root.dep_ == "conj"
        and root.head.dep_ == "pobj"
        and root.head.ent_type_ == "PERSON"
        and not root.head.ent_id_
        and any(c.dep_ == "cc" for c in root.head.children)
    ):
        obj = root.head
    titled = s > 0 and doc[s - 1].lower_ in lex.titles  # "former President Bill Clinton" is a person anywhere
    if (
        e - s >= 2
        and obj.dep_ == "pobj"
        and not titled
        and obj.head.lower_ in lex.words["spatial_in"]
        and obj.head.head.lemma_.lower() not in lex.words["non_spatial_in"]
    ):
        return "Location"
    return "Person"


def person_noun(word: str, lex: Lexicon) -> bool:
    return word in lex.titles or word in lex.person_nouns


def titled_name(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """A proper-noun name right after a lower-case title or person noun ("opposition leader
    Henrique Capriles", "radical preacher Anjem Choudary", "his wife María del Carmen Nadal"),
    or with such an apposition ("X, a lawmaker", "Eva, a 17-year-old student"), or itself the
    apposition of one ("the envoy, Ramtane Lamamra"), or starting with a known given name,
    names a person, whatever the tagger said."""
    if not (1 <= e - s <= 5):
        return False
    for t in doc[s:e]:
        if not (
            (t.pos_ == "PROPN" and t.text[:1].isupper()) or (t.lower_ in lex.words["name_particle"] and s < t.i < e - 1)
        ):
            return False
    if any(
        t.lower_ in lex.facility_nouns or t.lower_ in lex.org_words or t.lower_ in lex.admin_nouns for t in doc[s:e]
    ):
        return False
    if s > 0 and doc[s - 1].text.islower() and person_noun(doc[s - 1].lower_, lex):
        return True
    if (
        e - s >= 2
        and doc[s].lower_ in given_names()
        and not any(t.ent_id_ for t in doc[s:e])
        and doc[s].ent_type_ != "FAC"
    ):  # "Calle del Correo": a given name opens a street's name too
        return True
    last, head = doc[e - 1], doc[e - 1].head
    if (
        last.dep_ == "appos"
        and head.i < s
        and head.pos_ == "NOUN"
        and head.text.islower()
        and person_noun(head.lemma_.lower(), lex)
    ):
        return True  # "the United Nations envoy, Ramtane Lamamra": the apposition of a person noun
    return any(c.dep_ == "appos" and person_noun(c.lemma_.lower(), lex) and c.lemma_.islower() for c in last.children)
