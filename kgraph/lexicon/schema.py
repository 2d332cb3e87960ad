"""What each lexicon file may contain: the closed sets its kinds, classes, slots and stances come
from. A row outside them is a typo, reported with its file and line."""

from __future__ import annotations

__all__ = [
    "EVENT_KINDS",
    "NOUN_CLASSES",
    "PRONOUN_CASES",
    "QUALIFIER_BOUNDS",
    "REPORTING_CLASSES",
    "SLOTS",
    "STANCES",
    "TRIGGER_CONDITIONS",
    "WORD_CLASSES",
]

EVENT_KINDS = frozenset(
    {
        "trigger",
        "weapon",
        "qualifier",
        "vague",
        "casualty",
        "planned",
        "light",
        "use",
        "territory",
        "control",
        "nonviolent",
        "denial",
        "anaphor",
        "location_prep",
    }
)
TRIGGER_CONDITIONS = frozenset({"force", "armed", "weapon", "place"})
QUALIFIER_BOUNDS = frozenset({"max", "min", "approx"})
NOUN_CLASSES = frozenset(
    {
        "force",
        "group",
        "facility",
        "org",
        "institution",
        "person",
        "admin",
        "state",
        "notname",
        "event",
        "leads",
        "held_by",
        "street",
        "admin_unit",
        "facility_modifier",
        "role_head",
        "place_part",
        "support",
    }
)
WORD_CLASSES = frozenset(
    {
        "article",
        "trim_end",
        "honorific",
        "locative_prep",
        "place_prep",
        "place_only_prep",
        "agentive_prep",
        "spatial_in",
        "non_spatial_in",
        "name_particle",
        "weekday",
        "peerage",
        "street_word",
        "force_name_word",
        "demonym_suffix",
        "people_word",
        "initials_skip",
        "indefinite",
        "body_prep",
        "definite",
        "relative",
        "weapon_prep",
        "weapon_verb",
        "use_prep",
        "meet_prep",
        "meet_also_prep",
        "ally_prep",
        "target_prep",
        "party_prep",
        "deploy_prep",
        "charge_prep",
        "appeal_prep",
        "voice",
        "source_doc",
        "publish_verb",
        "label_prep",
        "news_agency",
        "recording",
        "share_word",
        "not_speaker",
        "speaking_pronoun",
        "female_noun",
        "male_noun",
        "doc_batch",
        "generic_org",
        "any_post",
        "party_member",
        "speaker_head",
        "people_quantifier",
        "country_itself",
        "unsaid_head",
        "made_to_say",
        "object_control_prep",
        "addressed_verb",
        "shown_speaking",
        "adverbial_mark",
        "manner_of_speaking",
    }
)
PRONOUN_CASES = frozenset({"poss", "subj", "speaker"})
REPORTING_CLASSES = frozenset({"verb", "noun", "source", "hedge", "relay"})
STANCES = frozenset({"asserts", "denies", "-"})
SLOTS = frozenset(
    {
        "clause",
        "object",
        "obj-of",
        "obj-to",
        "obj-as",
        "of",
        "to",
        "for",
        "on-to",
        "to-pp",
        "passive",
        "doc-object",
        "obj-to-pp",
        "about",
    }
)
