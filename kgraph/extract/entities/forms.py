"""What a name's form and syntax say it is: a place, a person, an organisation, not a name."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .lexicon import Lexicon, given_names

__all__ = ["is_agentive", "not_a_name", "opens_title", "person_noun", "person_or_not", "place_by_form",
           "place_name_end", "split_coordinated", "titled_name"]


def is_agentive(tok: Token, lex: "Lexicon") -> bool:
    """A capital used as an actor: subject, agent, possessor, or conjoined with one."""
    t = tok
    if t.dep_ in ("amod", "compound", "nmod") and (t.head.lower_ in lex.group_nouns or t.head.lower_ in lex.force_nouns):
        return True
    while t.dep_ in ("compound", "conj") and t.head is not t:
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
            cut = next((t.i for t in ent if t.lower_ == "and" and ent.start < t.i < ent.end - 1
                        and doc[t.i - 1].lower_ in lex.org_words and doc[t.i + 1].text[:1].isupper()), None)
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
    if (s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 1].head.lower_ in lex.admin_nouns
            and doc[s - 1].head.i < s - 1 and all(t.text[:1].isupper() for t in doc[s:e] if t.is_alpha)):
        return s, e
    if s > 0 and doc[s - 1].text in lex.words["street_word"]:
        s -= 1
    return (s, e) if e - s >= 2 and doc[s].text in lex.words["street_word"] else None


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
        if (last.lower_ in lex.words["weekday"] and words[0].pos_ in ("ADJ", "PROPN")
                and words[0].lower_ not in lex.words["weekday"]):
            return True  # "Bloody Sunday", "Black Friday"
    return False


def opens_title(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """The model's 'organisation' is the first word of a title ("Defence" of "Defence Minister
    Israel Katz", "Interior" of "Interior Minister X"), not a name."""
    for n in range(1, lex.max_title_words):
        if e + n <= len(doc) and " ".join(t.lower_ for t in doc[s:e + n]) in lex.titles and doc[e + n - 1].text[:1].isupper():
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
    if (s > 0 and doc[s - 1].lower_ == "the" and root.dep_ == "pobj"
            and root.head.lower_ in lex.words["place_prep"]):
        return "Location"
    # "clashes in Badia al-Sukhnah and Badia al-Sham": the object of a spatial "in"/"near"
    # (or a name conjoined with it) is a place; "confidence in X", "a role in X" are not spatial
    obj = root
    if (root.dep_ == "conj" and root.head.dep_ == "pobj" and root.head.ent_type_ == "PERSON" and not root.head.ent_id_
            and any(c.dep_ == "cc" for c in root.head.children)):
        obj = root.head
    titled = s > 0 and doc[s - 1].lower_ in lex.titles  # "former President Bill Clinton" is a person anywhere
    if (e - s >= 2 and obj.dep_ == "pobj" and not titled and obj.head.lower_ in lex.words["spatial_in"]
            and obj.head.head.lemma_.lower() not in lex.words["non_spatial_in"]):
        return "Location"
    return "Person"


def person_noun(word: str, lex: Lexicon) -> bool:
    return word in lex.titles or word in lex.person_nouns


def titled_name(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """A proper-noun name right after a lower-case title or person noun ("opposition leader
    Henrique Capriles", "radical preacher Anjem Choudary", "his wife María del Carmen Nadal"),
    or with such an apposition ("X, a lawmaker", "Eva, a 17-year-old student"), or starting
    with a known given name, names a person, whatever the tagger said."""
    if not (1 <= e - s <= 5):
        return False
    for t in doc[s:e]:
        if not ((t.pos_ == "PROPN" and t.text[:1].isupper())
                or (t.lower_ in lex.words["name_particle"] and s < t.i < e - 1)):
            return False
    if any(t.lower_ in lex.facility_nouns or t.lower_ in lex.org_words or t.lower_ in lex.admin_nouns
           for t in doc[s:e]):
        return False
    if s > 0 and doc[s - 1].text.islower() and person_noun(doc[s - 1].lower_, lex):
        return True
    if (e - s >= 2 and doc[s].lower_ in given_names() and not any(t.ent_id_ for t in doc[s:e])
            and doc[s].ent_type_ != "FAC"):  # "Calle del Correo": a given name opens a street's name too
        return True
    return any(c.dep_ == "appos" and person_noun(c.lemma_.lower(), lex) and c.lemma_.islower()
               for c in doc[e - 1].children)


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
    shared = next((c for c in last.children if c.dep_ == "conj" and c.text.islower()
                   and (c.lower_ in lex.admin_nouns or c.lower_ in lex.facility_nouns)), None)
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
