"""Pass 1 of the entity stage: the model's and the gazetteer's entities, corrected and typed.

Each entity of the Doc (`doc.ents`, a coordination of two full names cut in two) is trimmed
and checked: a name whose form says place is a place whatever the tagger said; numeric and
non-name labels, captions, headlines run into the text and lower-case words are dropped; a
leading title is cut off an unlinked name; a nationality word becomes a country, a force or
a group (`demonyms.py`); a linked name takes its gazetteer entry (a capital acting as an
agent stands for its country, "Moscow's forces" are that country's force); the rest are
typed by their label and words.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from ..gazetteer import GazEntry
from .cands import Cand, EntityRun, normalise_name, trim
from .demonyms import demonym_cands
from .forms import is_agentive, place_by_form, place_name_end, split_coordinated
from .names import not_a_name, opens_title, person_or_not, titled_name

__all__ = ["model_entities"]

_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_SKIP_LABELS = {
    "DATE",
    "TIME",
    "CARDINAL",
    "ORDINAL",
    "MONEY",
    "PERCENT",
    "QUANTITY",
    "LANGUAGE",
    "WORK_OF_ART",
    "LAW",
    "EVENT",
    "PRODUCT",
}


def model_entities(run: EntityRun) -> None:
    """Candidates for every entity of the model and the gazetteer ruler."""
    for ent in split_coordinated(run.doc, run.lex):
        _one_entity(run, ent)


def _one_entity(run: EntityRun, ent: SpacySpan) -> None:
    doc, lex, gaz = run.doc, run.lex, run.gaz
    ent_id = ent.ent_id_  # Span.ent_id_ finds the span's root on every read
    s, e = trim(doc, ent.start, ent.end, lex)
    place = None if ent_id or ent.label_ in _NUMERIC_LABELS else place_by_form(doc, s, e, lex)
    if place is not None:
        text = run.index.span_text(place[0], place[1])
        run.add(Cand(place[0], place[1], "Location", f"location:{normalise_name(text)}", text, prio=1))
        return
    if ent.label_ in _SKIP_LABELS and not ent_id:
        return
    span = _name_span(run, ent, ent_id, s, e)
    if span is None:
        return
    s, e = span
    text = run.index.span_text(s, e)
    entry = gaz.by_key.get(ent_id) if ent_id else gaz.lookup(text)
    if entry is None and doc[s].idx < run.title_end and text not in run.body_text:
        return
    if entry is None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        unlinked = _unlinked_name(run, ent, s, e)
        if unlinked is None:
            return
        s, e, text = unlinked
    if ent.label_ == "NORP" or (
        entry is None and gaz.country_of_adjective(text) and ent.label_ != "PERSON" and gaz.lookup(text) is None
    ):
        country = gaz.country_of_adjective(text) if entry is None or entry.type != "Country" else entry
        new = demonym_cands(doc, s, e, text, country, lex, gaz)
        run.cands.extend(new)
        run.taken.update(i for c in new for i in range(c.start, c.end))
    elif entry is not None:
        _linked_name(run, entry, s, e, text)
    else:
        _by_label(run, ent, s, e, text)


def _name_span(run: EntityRun, ent: SpacySpan, ent_id: str, s: int, e: int) -> tuple[int, int] | None:
    """The span of the name inside an entity (`ent_id` its link), or None when it is not a name at all."""
    doc, lex, index = run.doc, run.lex, run.index
    words = index.columns.text
    dash = next(
        (i for i in range(s + 1, e) if words[i] in ("-", "\u2013", "\u2014") and index.span_text(s, i).isupper()), None
    )
    if dash is not None:  # "FILE - Salman Abedi", "LONDON - Police": a caption or dateline
        s = dash + 1
    paren = next((i for i in range(s, e) if words[i] in "([{"), None)
    if paren is not None:  # "Bolivarian National Armed Forces (FANB"
        s, e = trim(doc, s, paren, lex)
    if e <= s:
        return None
    text = index.span_text(s, e)
    if not ent_id and (not_a_name(doc, s, e, lex) or opens_title(doc, s, e, lex)):
        return None
    if not ent_id and ent.label_ == "ORG" and e - s >= 3 and any(t.tag_ in ("VBZ", "VBD") for t in doc[s:e]):
        return None  # a headline run into the text: "Alleged Ongoing Confrontation Leaves Students Injured"
    if not ent_id and (
        text.islower()
        or any(ch in text for ch in "=|<>{}")
        or (ent.label_ == "PERSON" and any(ch.isdigit() for ch in text))
    ):
        return None  # not a proper name: "congress", "republics", wiki markup, "MB 360p"
    return s, e


def _unlinked_name(run: EntityRun, ent: SpacySpan, s: int, e: int) -> tuple[int, int, str] | None:
    """A name the gazetteer does not know: its leading title cut off, its "of" phrase joined;
    added here (None returned) when its words say place or person."""
    doc, lex = run.doc, run.lex
    # a leading title is not part of the name ("Sergeant Louis Bonocasa")
    # (but "General Staff", "General Directorate of Security" are names of their own)
    while (
        e - s > 1
        and doc[s].lower_ in lex.titles
        and doc[s + 1].lower_ not in lex.org_words
        and (ent.label_ == "PERSON" or e - s > 2)
    ):
        s += 1
    text = run.index.span_text(s, e)
    if ent.label_ in ("LOC", "FAC", "GPE") and doc[e - 1].lower_ in lex.facility_nouns:
        k = e + 1  # "the Straits of Gibraltar", "the Gulf of Aden": the model stopped at "of"
        while (
            k < len(doc)
            and e < len(doc)
            and doc[e].lower_ == "of"
            and doc[k].pos_ == "PROPN"
            and doc[k].text[:1].isupper()
        ):
            k += 1
        if k > e + 1:
            e, text = k, run.index.span_text(s, k)
    place_end = place_name_end(doc, s, e, ent.label_, lex)
    if place_end is not None:
        text = run.index.span_text(s, place_end)
        run.add(Cand(s, place_end, "Location", f"location:{normalise_name(text)}", text, prio=1))
        return None
    if ent.label_ != "PERSON" and titled_name(doc, s, e, lex):
        run.add(Cand(s, e, "Person", f"person:{normalise_name(text)}", text, prio=1))
        return None
    return s, e, text


def _linked_name(run: EntityRun, entry: GazEntry, s: int, e: int, text: str) -> None:
    """A gazetteer entry: a capital as agent is its country; "Moscow's forces" are its force."""
    doc, lex, gaz = run.doc, run.lex, run.gaz
    typ = entry.type
    key, label, country = entry.key, entry.label, entry.country
    if entry.kind == "capital":
        cap_country = gaz.by_capital.get(text)
        if cap_country is not None and is_agentive(doc[e - 1], lex):
            key, label, typ, country = cap_country.key, cap_country.label, "Country", None
            entry = cap_country
    # "Moscow's forces", "Ukraine's army": the country's force
    if typ == "Country" and doc[e - 1].dep_ == "poss" or (e < len(doc) and doc[e].tag_ == "POS" and typ == "Country"):
        head = doc[e - 1].head
        if head.lower_ in lex.force_nouns and head.i > e - 1:
            run.add(
                Cand(
                    s,
                    head.i + 1,
                    "MilitaryForce",
                    f"force:{key}",
                    run.index.span_text(s, head.i + 1),
                    country=key,
                    prio=2,
                )
            )
            run.add(Cand(s, e, typ, key, label, entry.wikidata, country, entry, prio=1))
            return
    run.add(Cand(s, e, typ, key, label, entry.wikidata, country, entry, prio=3))


def _by_label(run: EntityRun, ent: SpacySpan, s: int, e: int, text: str) -> None:
    """An unlinked name typed by the model's label and its words."""
    doc, lex = run.doc, run.lex
    if ent.label_ == "PERSON":
        if any(t.pos_ not in ("PROPN", "NOUN", "ADJ", "PART", "PUNCT") and t.tag_ != "POS" for t in doc[s:e]):
            return
        # a name the model cut short: "José Luis" of "José Luis Rodríguez Zapatero"
        while (
            e < len(doc)
            and e - s < 5
            and doc[s].idx >= run.title_end
            and doc[e].pos_ == "PROPN"
            and doc[e].text[:1].isupper()
            and not any(t.lower_ in lex.titles for t in doc[s:e])
            and doc[e].is_alpha
            and doc[e - 1].dep_ == "compound"
            and doc[e - 1].head.i >= e
            and doc[e].ent_type_ in ("", "PERSON")
            and doc[e].lower_ not in lex.titles
        ):
            e += 1
        text = run.index.span_text(s, e)
        typ = person_or_not(doc, s, e, lex)
        if s > 0 and doc[s - 1].text in lex.words["peerage"] and typ == "Person":
            s, text = s - 1, run.index.span_text(s - 1, e)  # "Lord Carrington" is the name
        run.add(Cand(s, e, typ, f"{typ.lower()}:{normalise_name(text)}", text, prio=1))
    elif ent.label_ in ("GPE", "LOC", "FAC"):
        last = doc[e - 1].lower_
        org_head = last in lex.org_words and last not in lex.facility_nouns and e - s >= 2
        typ = "Organization" if org_head else "Location"
        run.add(Cand(s, e, typ, f"{typ.lower()}:{normalise_name(text)}", text, prio=1))  # "Chicago Tribune"
    elif ent.label_ == "ORG":
        typ = "MilitaryForce" if lex.force_name.search(text) else "Organization"
        run.add(Cand(s, e, typ, f"{typ.lower()}:{normalise_name(text)}", text, prio=1))
