"""Questions about who said what, answered from the store.

`parse_question` turns an English question into a `Question`: a structured query (form,
speakers, topic, text, reporting verb, dates, article or outlet), never SPARQL text. The
question forms are a registry of small parsers (`@form`, `registry`), tried in order
(`forms`); `FORMS` lists them for help and for the error a question of no known form
gets. `answer` resolves the names through `kgraph.query.resolve` and selects and ranks
statements through `kgraph.query.quotes.search` (`answer`, `disagree`); how an answer is
shown is `kgraph.query.render`.

Reporting verbs are the verb rows of `ontology/lexicon/reporting.tsv`, the same list the
extractor uses (`verbs`); what a verb asks for:

- a speech verb (say, tell, claim, state, speak, talk) asks for everything said;
- a denial verb (deny, reject, dispute, ...) asks for denials, and for statements that
  neither confirm nor deny when their cue is a denial verb ("neither confirmed nor
  denied"; not "did not mention");
- "report" asks for what a source said or relayed ("What did Reuters report?");
- any other verb (warn, accuse, urge, estimate, ...) asks for statements with that cue.
"""

from __future__ import annotations

from ..quotes import THRESHOLD, Speakers, rank
from .answer import answer
from .forms import FORMS, parse_question
from .phrases import parse_date
from .question import Answer, Pair, Question, UnparsedQuestion
from .registry import form, forms_text

__all__ = [
    "FORMS",
    "Question",
    "Answer",
    "Pair",
    "UnparsedQuestion",
    "parse_question",
    "answer",
    "form",
    "forms_text",
    "parse_date",
    "rank",
    "THRESHOLD",
    "Speakers",
]
