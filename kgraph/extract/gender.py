"""A person's gender as the text says it, for fitting a gendered pronoun ("she said") to a
person: a title inside the name ("Mrs.", "Queen"), a given name the name list gives one gender,
or a noun next to a mention ("widow Terry Strada", "his wife, Jordan Smith"). An unknown gender
never rules a person out."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..lexicon import word_classes

__all__ = ["gender_of", "name_detector", "noun_gender", "pronoun_fits", "pronoun_gender", "title_gender"]

_PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
_TITLE_GENDER = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "lord": "m",
    "lady": "f",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
}


@lru_cache(maxsize=1)
def name_detector():
    """gender-guesser's name list, read once per process (0.5 s): here and for `given_names`."""
    from gender_guesser.detector import Detector

    return Detector(case_sensitive=False)


def title_gender(word: str) -> str | None:
    """'m' or 'f' for a title of one gender ("Mr.", "Mrs.", "Ms."), else None."""
    return _TITLE_GENDER.get(word.strip(".,").casefold())


@lru_cache(maxsize=4096)
def gender_of(names: tuple[str, ...]) -> str | None:
    """'m' or 'f' when a person's names say so (a title, or a given name the name list knows
    as mostly one gender), else None: an unknown gender never rules a person out."""
    for name in names:
        words = [w.strip(".,").casefold() for w in name.split()]
        for w in words[:-1] or words[:1]:
            if title_gender(w) is not None:
                return title_gender(w)
    for name in names:
        words = name.split()
        if len(words) < 2:
            continue
        # only a name the list gives one gender: "mostly" names ("Terry", "Kim", "Robin") are
        # borne by both, and East Asian names put the family name first ("Kim Jong Un")
        g = name_detector().get_gender(words[0].strip(".,"))
        if g == "male":
            return "m"
        if g == "female":
            return "f"
    # a person named by one word: a woman's given name ("Melanie said") says so; a man's says
    # nothing, as so many surnames are men's given names ("Clinton", "Graham", "Warren")
    if any(len(n.split()) == 1 and name_detector().get_gender(n.strip(".,")) == "female" for n in names):
        return "f"
    return None


def pronoun_fits(pronoun: str, names: tuple[str, ...]) -> bool:
    """Whether a gendered pronoun can refer to a person with these names."""
    want = pronoun_gender(pronoun)
    if want is None:
        return True
    got = gender_of(names)
    return got is None or got == want


def pronoun_gender(pronoun: str) -> str | None:
    """'m' or 'f' for a gendered pronoun ("he", "her"), else None."""
    return _PRONOUN_GENDER.get(pronoun.casefold())


@lru_cache(maxsize=1)
def _gendered_nouns() -> dict[str, str]:
    words = word_classes()
    return {**{w: "f" for w in words["female_noun"]}, **{w: "m" for w in words["male_noun"]}}


def noun_gender(tok: Token) -> str | None:
    """'m' or 'f' for a noun that says a person's gender ("widow", "husband", "Congressman"),
    from the lexicon's female_noun and male_noun lists, else None."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    nouns = _gendered_nouns()
    return nouns.get(tok.lower_) or nouns.get(tok.lemma_.lower())
