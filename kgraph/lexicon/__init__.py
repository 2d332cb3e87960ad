"""The word lists of `ontology/lexicon/<lang>/`, read and validated in one place.

Every word list the extractors and the question parser use is a data file of this folder
(as textacy keys its constants by language); this package is the only reader. Each file is
checked when it is loaded: an unknown class, kind, slot, stance, condition or type is a
`LexiconError` naming the file and line, never a silently ignored row. Loading is cached
per folder, so a process reads each file once.

The folder is `$KGRAPH_LEXICON_DIR` when set, else `<ontology>/lexicon/en` (the ontology
folder is `$KGRAPH_ONTOLOGY` or the one shipped beside the package); the readers take the
folder as a parameter too. Files:

- `events.tsv`: kind, name, pos, words, arg (event triggers, weapons, quantity words ...);
- `nouns.tsv`: class, words (force, group, facility, organisation ... nouns);
- `words.tsv`: class, words (function words and small closed classes the rules use);
- `pronouns.tsv`: pronoun, case, the entity types it may refer to;
- `reporting.tsv`: class, words, stance, content slots (reporting cues);
- `descriptions.tsv`: entity type, head nouns of descriptions ("the official");
- `lemmas.tsv`: lemma, verb forms the pipeline's lemmatizer gets wrong ("hoped" is hope's);
- `cue_model.tsv`: feature, weight (the learned cue model, `kgraph.train.cues`);
- `titles.txt`: one title per line; `boilerplate.txt`: rules of `kgraph.read.boilerplate`.

The package: `files.py` (folder, lines, cells, checks), `schema.py` (the closed sets),
`lists.py` (the word lists), `reporting.py` (reporting cues).
"""

from __future__ import annotations

from .files import LANG, LexiconError, lexicon_dir, lexicon_path, words
from .lists import cue_model, descriptions, event_rows, lemma_exceptions, noun_classes, pronouns, titles, word_classes
from .reporting import (
    CueWord,
    ReportingLexicon,
    ReportingRow,
    load_reporting_lexicon,
    reporting_rows,
    reporting_verbs,
)
from .schema import (
    EVENT_KINDS,
    NOUN_CLASSES,
    PRONOUN_CASES,
    QUALIFIER_BOUNDS,
    REPORTING_CLASSES,
    SLOTS,
    STANCES,
    TRIGGER_CONDITIONS,
    WORD_CLASSES,
)

__all__ = [
    "EVENT_KINDS",
    "LANG",
    "NOUN_CLASSES",
    "PRONOUN_CASES",
    "QUALIFIER_BOUNDS",
    "REPORTING_CLASSES",
    "SLOTS",
    "STANCES",
    "TRIGGER_CONDITIONS",
    "WORD_CLASSES",
    "cue_model",
    "CueWord",
    "LexiconError",
    "ReportingLexicon",
    "ReportingRow",
    "descriptions",
    "event_rows",
    "lemma_exceptions",
    "lexicon_dir",
    "lexicon_path",
    "load_reporting_lexicon",
    "noun_classes",
    "pronouns",
    "reporting_rows",
    "reporting_verbs",
    "titles",
    "word_classes",
    "words",
]
