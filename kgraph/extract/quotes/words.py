"""TODO"""

from __future__ import annotations

from ...lexicon import word_classes

SPEAKER_DEPS = ("nsubj", "nsubjpass")


PRONOUN_TYPES = {
    "he": ("Person",),
    "she": ("Person",),
    "him": ("Person",),
    "her": ("Person",),
    "they": ("Group", "Organization", "Country", "MilitaryForce", "Person"),
    "them": ("Group", "Organization", "Country", "MilitaryForce", "Person"),
    "it": ("Organization", "Country", "Group"),
}


RELATIVE = {"who", "which", "that", "whom"}


LEADING_DROP = {"that", "whether", ",", ":", "-", "\u2014", "\u2013"}


COREF_SENTENCES = 6


DASHES = {"\u2015", "\u2014", "\u2013", "--", "-"}


# nouns for someone who speaks on another's behalf ("a spokesman for the Kremlin")
WORDS = word_classes()


VOICES = WORDS["voice"]  # "a spokesman for the Kremlin"


RECORDINGS = WORDS["recording"]  # what a recording or tally "shows"


SOURCE_DOCS = WORDS["source_doc"]  # documents that speak for whoever made them


GENERIC_ORGS = WORDS["generic_org"]
