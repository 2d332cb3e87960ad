"""Entities, their mentions and canonical identities, from a spaCy Doc.

Pure functions over a Doc that has been through `load_pipeline()`; what they return is
plain records (`Mention`, `Entity`, `Role`). The stage is the ordered passes of `PASSES`
over one `EntityRun` (the candidates and the tokens they take), then `assemble`; the word
lists are the lexicon's (`titles.txt`, `nouns.tsv`, `words.tsv`). The mechanisms, all general:

- the gazetteer ruler corrects and links the model's entities (Kyiv, Kursk, NATO);
- capitals acting as agents stand for their country ("Moscow has dragged…"), capitals
  as places stay cities ("in Brussels");
- a country adjective before a force noun makes a MilitaryForce ("North Korean
  troops"), before a group noun a group speaker ("Ukrainian officials");
- a possessive country before a force noun ("Moscow's forces") is that country's force;
- a plural demonym used as a noun ("the North Koreans") is that country's force when
  the article has one, else the country;
- person names are merged by their parts ("Zelenskiy" -> "Volodymyr Zelenskiy"), and a
  later mention of a name part wins over the model's label for it;
- missed person names are recovered from their syntax (a proper-noun pair with a title
  apposition, or the subject of a reporting verb);
- "the Ukrainian leader" refers to the person who holds a post of Ukraine in the article.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ..doc_index import DocIndex
from ..gazetteer import Gazetteer, load_gazetteer
from .assemble import assemble
from .cands import EntityResult, EntityRun, normalise_name
from .demonyms import demonym_stems, plural_demonyms_as_forces
from .filters import drop_non_entities, group_owners, own_institutions
from .groups import speaker_groups
from .lexicon import Lexicon, given_names, load_lexicon
from .merges import (
    link_acronyms,
    merge_name_suffixes,
    one_sense_per_article,
    one_type_per_name,
    parties_need_their_country,
    unify_case_variants,
)
from .model import model_entities
from .persons import merge_person_names, recover_persons
from .places import merge_place_heads
from .roles import find_roles, role_nominals

__all__ = [
    "PASSES",
    "EntityResult",
    "EntityRun",
    "Lexicon",
    "extract_entities",
    "given_names",
    "load_lexicon",
    "normalise_name",
]


def _find_roles(run: EntityRun) -> None:
    run.roles_raw = find_roles(run.doc, run.cands, run.gaz, run.lex)


# the passes, in order: each takes the run and changes its candidates
PASSES: list[tuple[str, Callable[[EntityRun], None]]] = [
    ("model entities", model_entities),
    ("recover persons", lambda r: recover_persons(r.doc, r.cands, r.taken, r.lex, r.index.columns)),
    ("speaker groups", lambda r: speaker_groups(r.doc, r.cands, r.taken, r.lex, r.index.columns)),
    ("merge person names", lambda r: merge_person_names(r.doc, r.cands, r.lex, r.index.columns)),
    ("roles", _find_roles),
    ("role nominals", lambda r: role_nominals(r.doc, r.cands, r.taken, r.roles_raw, r.lex, r.gaz)),
    ("plural demonyms as forces", lambda r: plural_demonyms_as_forces(r.cands)),
    ("merge name suffixes", lambda r: merge_name_suffixes(r.doc, r.cands)),
    ("one sense per article", lambda r: one_sense_per_article(r.cands, r.gaz)),
    ("parties need their country", lambda r: parties_need_their_country(r.doc, r.cands)),
    ("unify case variants", lambda r: unify_case_variants(r.doc, r.cands, r.gaz)),
    ("link acronyms", lambda r: link_acronyms(r.doc, r.cands, r.lex)),
    ("demonym stems", lambda r: demonym_stems(r.doc, r.cands, r.lex)),
    ("one type per name", lambda r: one_type_per_name(r.doc, r.cands)),
    ("merge place heads", lambda r: merge_place_heads(r.doc, r.cands, r.lex)),
    ("drop non-entities", drop_non_entities),
    ("own institutions", own_institutions),
    ("group owners", group_owners),
]


def extract_entities(
    doc: Doc,
    gaz: Gazetteer | None = None,
    title_end: int = 0,
    index: DocIndex | None = None,
    text: str | None = None,
) -> EntityResult:
    """Canonical entities, their mentions and the roles people hold, from one Doc.

    `title_end` is the character offset where the body starts: a headline is often in
    title case, which misleads the tagger, so a name found only in the headline is kept
    only when the gazetteer knows it or the body uses it too. `index` is the article's
    `DocIndex` when the caller has one (its sentence index is used).
    """
    index = index if index is not None and index.doc is doc else DocIndex(doc)
    run = EntityRun(
        doc, gaz or load_gazetteer(), load_lexicon(), index, title_end, index.text[title_end:] if title_end else ""
    )  # Doc.text is rebuilt on every access: the index holds it
    for _name, step in PASSES:
        step(run)
    return assemble(run.cands, run.roles_raw, index, text)
