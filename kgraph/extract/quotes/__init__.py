"""Quotations and reported claims: who said what, relayed by whom, with what stance.

`extract_statements(doc, ents, article)` is a pure function over a parsed Doc; it
returns `Statement` records ordered by their start offset. The mechanisms, all general:

- quotation marks are paired per paragraph (`find_quotes`): curly marks by their
  direction, straight and typewriter ('' ``) marks by the characters around them; an
  unclosed mark is dropped, unless the next paragraph opens a quotation (the convention
  for quotes that run over paragraphs), so unbalanced text never stops the balanced
  quotations being found;
- reporting cues are words of `ontology/lexicon/reporting.tsv` (verbs, nouns, "according
  to" / "citing" phrases); each cue's content comes from the dependency parse, in the
  slots its row lists (complement clause, object, "accuse X of Y", "urge X to Y", "call
  on X to Y", "label X as Y", passive subject ...); a parenthetical cue ("The test, North
  Korea said, was ...") reports the clause around it; a semicolon ends a reported clause;
- a quotation is the content of the cue whose clause it covers, or of a cue right next
  to it (`"...," he said`, `X said: "..."`, `"..." -- Jane Doe`); split quotations
  (`"A," he said, "B."`) and a quotation right after the attribution (`"A," he said.
  "B."`) are one statement; a quotation inside a reported clause stays part of it; a
  quotation with no cue that opens a paragraph continues the previous speaker's words;
- a line "LABEL: text" whose label names an entity of the article is that entity's turn
  (transcripts, "Name: headline");
- speakers are the cue's subject (a passive's agent, the possessor of a noun cue, the
  object of "according to"), climbing through conjoined and participial verbs, with a
  fallback to the noun right before the verb when the parse gives it none; pronouns and
  descriptions ("he", "the official", "the newspaper", see `descriptions.tsv`) resolve to
  the most recent compatible entity mention outside quotations, preferring subjects, then
  the one who has been speaking; a bare surname resolves to the entity it ends;
- two levels of source: statements nested in "according to X" / "X reported" get X as
  `reported_by` (the "according to" statement itself is dropped when they cover it);
  "X said ..., citing Y" is Y's statement relayed by X;
- stance: denial verbs deny; negation, "neither ... nor" and hedges ("declined to
  confirm", "declined to comment") leave the content unconfirmed ("neither"); a denial
  links to the earlier statement of another speaker whose text it overlaps;
- the same text said twice by the same speaker (a lede repeated in the body) is one
  statement with extra spans.

Everything is a few linear passes over the tokens; no extra model is loaded (the learned cue
model is a table of weights the lexicon reader loads). The stage is the ordered passes of
`PASSES` over one `QuoteRun`, each a function of its own module: `cues` (reporting cues and
their slots, `slots`), `learned` (verbs outside the lexicon the cue model takes for cues:
`ontology/lexicon/en/cue_model.tsv`, trained by `kgraph.train.cues`), `elaborations`, `attach` (contents in
quotation marks), `quote_drafts` (quotations next to a cue, `adjacent`), `resolve`
(speakers), `run.texts`, `nesting` (relays, nested claims, datelines) and `assemble`
(repeats, records, denials).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ...lexicon import CueWord, ReportingLexicon, load_reporting_lexicon
from ..doc_index import DocIndex
from ..records import Statement
from .assemble import denials, link_denials, records, repeats
from .context import QuoteContext
from .marks import Quote, find_quotes
from .nesting import datelines, inner_claims, nested_noun_cues, relays
from .run import QuoteRun, attach, cue_drafts, elaborate, learned_drafts, quotation_drafts, speakers, texts
from .slots import SLOT_HANDLERS
from .texts import overlap
from .verbs import speaker_of_verb

__all__ = [
    "PASSES",
    "SLOT_HANDLERS",
    "CueWord",
    "Quote",
    "QuoteRun",
    "ReportingLexicon",
    "extract_statements",
    "find_quotes",
    "load_reporting_lexicon",
]

# the passes, in order: each takes the run and changes its drafts, items or statements
PASSES: list[tuple[str, Callable[[QuoteRun], None]]] = [
    ("cues", cue_drafts),
    ("learned cues", learned_drafts),
    ("elaborations", elaborate),
    ("attach quotations", attach),
    ("quotation drafts", quotation_drafts),
    ("speakers", speakers),
    ("texts", texts),
    ("relays", relays),
    ("nested noun cues", nested_noun_cues),
    ("inner claims", inner_claims),
    ("datelines", datelines),
    ("repeats", repeats),
    ("records", records),
    ("denials", denials),
]


def extract_statements(doc: Doc, ents, article, index: DocIndex | None = None) -> list[Statement]:
    """Quotations and reported claims of one article, ordered by start offset.

    `index` is the article's `DocIndex` when the caller has one (built here otherwise).
    """
    ctx = QuoteContext(doc, ents, load_reporting_lexicon(), article.id, index)
    # statements quote the article as read: the Doc's text has typographic apostrophes made
    # plain for the parser (same length), the record keeps every character of the original
    run = QuoteRun(ctx, article.text if len(article.text) == len(ctx.text) else ctx.text)
    for _name, step in PASSES:
        step(run)
    return run.statements


# the names other modules and tests used before the package split
_link_denials = link_denials
_overlap = overlap
_speaker_of_verb = speaker_of_verb
