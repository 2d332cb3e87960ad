"""The word classes and constants the statement passes share (the lists are the lexicon's)."""

from __future__ import annotations

from ...lexicon import word_classes
from ..antecedents import SPEAKER_SENTENCES

SPEAKER_DEPS = ("nsubj", "nsubjpass")


RELATIVE = {"who", "which", "that", "whom"}


LEADING_DROP = {"that", "whether", ",", ":", "-", "\u2014", "\u2013"}


COREF_SENTENCES = SPEAKER_SENTENCES  # how far back a description may refer


DASHES = {"\u2015", "\u2014", "\u2013", "--", "-"}


# the lexicon's word classes (words.tsv)
WORDS = word_classes()


VOICES = WORDS["voice"]  # "a spokesman for the Kremlin"


RECORDINGS = WORDS["recording"]  # what a recording or tally "shows"


SOURCE_DOCS = WORDS["source_doc"]  # documents that speak for whoever made them
DOC_BATCHES = WORDS["doc_batch"]  # "a series of tweets": its issuer issued each
PUBLISH_VERBS = WORDS["publish_verb"]  # "a study that appeared in X": X made or carried it


GENERIC_ORGS = WORDS["generic_org"]
COUNTRY_ITSELF = WORDS["country_itself"]  # "the Russian side said" is Russia
UNSAID_HEADS = WORDS["unsaid_head"]  # "the law requires candidates to disclose": not said
MADE_TO_SAY = WORDS["made_to_say"]  # "forced the chief to admit": the object speaks
OBJECT_CONTROL_PREPS = WORDS["object_control_prep"]  # "blasted Trump for claiming": Trump claims
ADDRESSED_VERBS = WORDS["addressed_verb"]  # "when asked if ...": asked by someone unnamed
SHOWN_SPEAKING = WORDS["shown_speaking"]  # "heard him saying": the object speaks
ADVERBIAL_MARKS = WORDS["adverbial_mark"]  # "said before he died": when, not what
MANNER_OF_SPEAKING = WORDS["manner_of_speaking"]  # "As he spoke, ...": a time, not a report
LABEL_PREPS = WORDS["label_prep"]  # "CNN President On Trump: '...'" is a headline, not a name
PARTY_MEMBERS = WORDS["party_member"]  # "the Kentucky Republican said": a member, not the party
