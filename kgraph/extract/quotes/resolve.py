"""Who speaks (pass "speakers"): the speaker token of a draft to an entity key and span; names,
appositions, surnames, voices for their principal, documents for their maker, pronouns and
descriptions through the antecedent resolver (`kgraph.extract.antecedents`), else an unnamed
speaker."""

from __future__ import annotations

from spacy.tokens import Token

from ..antecedents import SPEAKER, people_of_a_country, pronoun_table
from ..entities import load_lexicon
from ..speakers import UNNAMED, is_speaker_like, names_people, role_antecedent, role_words, speaker_phrase, unnamed_key
from ..syntax import children
from .context import QuoteContext, first_key, in_quote
from .verbs import relative_host, speaker_of_verb
from .words import (
    COREF_SENTENCES,
    COUNTRY_ITSELF,
    DOC_BATCHES,
    GENERIC_ORGS,
    PARTY_MEMBERS,
    PUBLISH_VERBS,
    SOURCE_DOCS,
    VOICES,
)

_WHOSE_ENTS = ("NORP", "GPE", "ORG", "PERSON")  # names that say whose a group is
_PLACES = ("Location", "Country")
SPEAKER_PRONOUNS = pronoun_table("speaker")  # he, she, they, it ... -> the types a speaker pronoun may be
OWNER_PRONOUNS = pronoun_table("poss")  # his, her, its, their -> the types of whose they say


def np_range(t: Token) -> tuple[int, int]:
    """The noun phrase of `t` without appositions, relative clauses or prepositional phrases."""
    s = t.i
    for c in t.lefts:
        if c.pos_ != "VERB":  # not the verb of 'Said Ellis:' the parser hung on the name
            s = min(s, c.left_edge.i)
    for i in range(t.i - 1, s - 1, -1):  # not across punctuation ("predictable - Donald Trump")
        if (
            t.doc[i].is_punct
            and t.doc[i].text not in (".", "'s", "-")
            or t.doc[i].text in ("\u2014", "\u2013", "--")
            or (t.doc[i].text == "-" and t.doc[i].whitespace_)
        ):
            s = i + 1
            break
    return s, t.i + 1


def maker_of(ctx: QuoteContext, tok: Token) -> str | None:
    """The entity a document noun belongs to: a name modifying it ("the Reuters poll",
    "Connecticut's review") or named in a by/from/of/in/at phrase on it, or in a relative
    clause of publishing on it ("a study that appeared in the Journal", "a survey conducted by
    X"); a clause that says what the document says has no maker in it ("an ad that urges
    voters in New York"). A place is where a document was made or what it is about, not its
    maker ("a poll in Indiana", "a report in a New Hampshire paper"); nor is a country it is
    in or at ("a survey in Ukraine")."""
    for c in tok.lefts:
        if c.dep_ in ("compound", "poss", "nmod", "amod"):
            key = _maker(ctx, first_key(ctx.ents, c.left_edge.i, c.right_edge.i + 1))
            if key is not None:
                return key
    for p in _maker_preps(tok):
        obj = next((o for o in p.children if o.dep_ == "pobj"), None)
        # the object's own noun phrase: not a name deeper in it ("the release of
        # prisoners and Suu Kyi's election" is not Suu Kyi's)
        key = None if obj is None else _maker(ctx, first_key(ctx.ents, *np_range(obj)), p.lower_)
        if key is not None:
            return key
    return None


def _maker_preps(tok: Token) -> list[Token]:
    """The by/from/of/in/at phrases on a document noun, or on a clause of publishing on it."""
    preps = []
    for c in tok.rights:
        if c.dep_ == "prep":
            preps.append(c)
        elif c.dep_ in ("relcl", "acl") and c.lemma_.lower() in PUBLISH_VERBS:
            preps += [p for p in c.children if p.dep_ in ("prep", "agent")]
    return [p for p in preps if p.lower_ in ("by", "from", "of", "in", "at")]


def _maker(ctx: QuoteContext, key: str | None, prep: str | None = None) -> str | None:
    """`key`, unless it is a place (or a country a document is in or at)."""
    typ = ctx.key_type.get(key)
    return None if key is None or typ == "Location" or (typ == "Country" and prep in ("in", "at")) else key


def issuer(ctx: QuoteContext, doc_tok: Token, depth: int) -> tuple[str | None, tuple[int, int] | None]:
    """Who issued a document named as the object of their verb, and where they are named:
    "X released a statement saying ...", "X said in a statement ...": the statement speaks for X."""
    if depth > 1 or doc_tok.dep_ not in ("dobj", "pobj"):
        return None, None
    head = doc_tok.head
    if head.dep_ == "prep" and doc_tok.dep_ == "pobj":
        batch = head.head
        if head.lower_ == "of" and batch.lemma_.lower() in DOC_BATCHES and batch.dep_ in ("dobj", "pobj"):
            # "unleashed a series of tweets criticizing X": the issuer of the series
            return issuer(ctx, batch, depth)
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return None, None
    who = speaker_of_verb(head)
    if who is None or who.lemma_.lower() in SOURCE_DOCS or who.i == doc_tok.i:
        return None, None
    return resolve(ctx, who, depth + 1)


def document_author(ctx: QuoteContext, tok: Token, depth: int) -> tuple[str | None, tuple[int, int] | None]:
    """Who issued the document "the statement" / "the report" refers back to: the speaker of
    the verb an earlier mention of it hangs on ("The ministry said in a statement that ...",
    "The army issued a statement"), or its maker ("the ministry's statement"), within the
    last few sentences; with where the issuer is named (None for a maker: the phrase names it)."""
    if depth > 1:
        return None, None
    lemma = tok.lemma_.lower()
    sent_now = ctx.sent_of[tok.i]
    for i in range(tok.i - 1, -1, -1):
        prev = ctx.doc[i]
        if sent_now - ctx.sent_of[i] > COREF_SENTENCES:
            break
        if prev.lemma_.lower() != lemma or in_quote(ctx, prev):
            continue
        maker = maker_of(ctx, prev)
        if maker is not None:
            return maker, None
        head = prev.head
        if head.dep_ == "prep":
            head = head.head
        if head.pos_ in ("VERB", "AUX") and prev.dep_ in ("dobj", "pobj"):
            who = speaker_of_verb(head)
            if who is not None and who.lemma_.lower() != lemma:
                return resolve(ctx, who, depth + 1)
        return None, None
    return None, None


def resolve(ctx: QuoteContext, tok: Token | None, depth: int = 0) -> tuple[str | None, tuple[int, int] | None]:
    """Entity key and char span of a speaker token; pronouns and descriptions resolved backwards."""
    if tok is None or not (any(ch.isalnum() for ch in tok.text) or (tok.text == "%" and children(tok, "nummod"))):
        return None, None  # a mark the parser made a subject ("==Reactions== ..."): nobody; "85%" speaks
    doc = ctx.doc
    tok = relative_host(tok)
    s, e = np_range(tok)
    span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
    key, owner = _mention_key(ctx, tok, s, e)
    if key is not None:
        narrower = _narrower_than_mention(ctx, tok, s, e, key, owner)
        if narrower is not None:
            return narrower
    if key is None and (tok.pos_ == "PROPN" or (tok.pos_ in ("NOUN", "X") and tok.text[:1].isupper())):
        # a known surname, also where a headline's title case made it a common noun ("Sanders: …")
        key = ctx.name_part.get(doc[s:e].text.casefold()) or ctx.name_part.get(tok.text.casefold())
    if key is None and tok.lemma_.lower() in VOICES:
        key, span = _principal(ctx, tok, s, span)
    if key is None and tok.lemma_.lower() in SOURCE_DOCS:
        key, where = _document_key(ctx, tok, depth)
        # an unnamed issuer is labelled with its own words ("the union"), not the document's
        span = where if where is not None and key is not None and key.startswith(UNNAMED + ":") else span
    if key is not None:
        return key, span
    return _referring(ctx, tok, s, e, span)


def _narrower_than_mention(ctx: QuoteContext, tok: Token, s: int, e: int, key: str, owner: Token | None):
    """The speaker when the phrase says less than the entity it names: a qualified group noun,
    people of a country, a party member, an organ or post of its owner; else None."""
    if _bare_group_noun(ctx, tok, key):
        # "Trump's opponents said", "a source familiar with the inquiry said": the phrase says
        # more than the group noun the entity stage keyed ("opponents", "source")
        return unnamed(ctx, tok, s, e)
    if ctx.key_type.get(key) == "Country" and people_of_a_country(tok):
        # "Many Venezuelans fear", "two Ukrainians said": people of the country, not its state
        return unnamed(ctx, tok, s, e, organ=True)
    if _member_of_group(ctx, tok, key):
        # "the Kentucky Republican said", "one New Hampshire Democrat said": a member, not the party
        return role_or_unnamed(ctx, tok, s, e, possessor=None)
    if owner is not None and organ_of_owner(ctx, tok, owner):
        # "Ukraine's military intelligence agency said", "Russia's foreign minister said": the
        # organ or post speaks, not its country; a person who holds that post, if introduced
        return role_or_unnamed(ctx, tok, s, e, possessor=key)
    return None


def _bare_group_noun(ctx: QuoteContext, tok: Token, key: str) -> bool:
    """Whether the speaker is a common noun the entity stage made a group of its own ("aides",
    "source") while its phrase qualifies it (an owner before it, or a phrase or clause after it)."""
    if tok.pos_ != "NOUN" or ctx.ents.token_key.get(tok.i) != key or ctx.key_type.get(key) != "Group":
        return False
    ent = next(x for x in ctx.ents.entities if x.key == key)
    if ent.country is not None:
        return False  # "Ukrainian officials": a group of that country's, as the entity stage made it
    label = ent.label.casefold()
    if label not in (tok.lower_, tok.lemma_.lower()):
        # "top advisers" keyed for "Sanders's top advisers", "commentators" for "Chinese military
        # commentators": the phrase names whose they are where the label does not
        phrase = ctx.doc[min((c.left_edge.i for c in tok.lefts), default=tok.i) : tok.i + 1]
        extra = phrase[: max(len(phrase) - len(label.split()), 0)]  # the words the label lacks
        return phrase.text.casefold().endswith(label) and _say_whose(extra)
    # an owner before it, or words after it ("familiar with", "close to", "of the campaign")
    return _names_whose(tok) or any(
        c.i > tok.i and c.dep_ in ("prep", "relcl", "acl", "amod", "appos") for c in tok.children
    )


def _names_whose(tok: Token) -> bool:
    """Whether the words before a noun name whose or where it is: an owner ("Sanders's"), or
    a name or nationality among its modifiers ("Chinese military commentators")."""
    return any(_say_whose(list(c.subtree)) for c in tok.lefts)


def _say_whose(tokens) -> bool:
    """Whether these words hold an owner or a name that says whose a group is; not a name
    joined to it by a conjunction, which speaks too ("Kyiv and western sources")."""
    return any(t.dep_ == "poss" or t.ent_type_ in _WHOSE_ENTS for t in tokens) and not any(
        t.dep_ in ("cc", "conj") for t in tokens
    )


def _member_of_group(ctx: QuoteContext, tok: Token, key: str) -> bool:
    """Whether a singular phrase with a party's member word and a determiner or number ("the
    Kentucky Republican", "one New Hampshire Democrat") describes a member, not the party."""
    if tok.lower_ not in PARTY_MEMBERS or tok.tag_ not in ("NNP", "NN") or ctx.ents.token_key.get(tok.i) != key:
        return False
    return any(c.dep_ in ("det", "nummod") and c.lower_ in ("the", "a", "an", "one", "another") for c in tok.lefts)


def _mention_key(ctx: QuoteContext, tok: Token, s: int, e: int) -> tuple[str | None, Token | None]:
    """The entity the speaker phrase names: its head, an apposition, else the last name inside
    it (returned with the token that names it, the phrase's owner)."""
    ents = ctx.ents
    key = ents.token_key.get(tok.i)
    if key is None:
        # an apposition names the speaker: "the official, Andrii Kovalenko," (also when the
        # parser hangs it lower: "the mayor of Lviv, Andriy Sadovyi,")
        for c in tok.children if tok.pos_ == "PROPN" else tok.subtree:
            bracketed = c.left_edge.i > 0 and ctx.doc[c.left_edge.i - 1].text == "("  # "(R-OH)"
            k = ents.token_key.get(c.i)
            if (
                c.dep_ == "appos"
                and k
                and (ctx.quote_of[c.i] < 0 or ctx.quote_of[tok.i] >= 0)  # not from inside a quotation
                and (c.head.i == tok.i or (c.pos_ == "PROPN" and ctx.key_type.get(k) not in _PLACES))
                and not bracketed
            ):
                # not a place's own apposition lower down: "a woman in Worcester,
                # Massachusetts, told him" is not Massachusetts speaking
                return k, None
    if key is not None:
        return key, None
    depth = 0  # not inside brackets: "Gov. John Kasich (R-OH) said" is Kasich, not Ohio
    for i in range(e - 1, s - 1, -1):
        depth += (ctx.doc[i].text == ")") - (ctx.doc[i].text == "(")
        k = ents.token_key.get(i)
        if k is not None and depth <= 0 and ctx.doc[i].text not in ("(", ")"):
            return k, ctx.doc[i]
    return None, None


def _principal(ctx: QuoteContext, tok: Token, s: int, span: tuple[int, int]) -> tuple[str | None, tuple[int, int]]:
    """ "a spokeswoman for Hillary Clinton says", "his spokesman said": an unnamed voice speaks
    for its principal, named in a for/of phrase or by a possessive pronoun resolved backwards."""
    ents, doc = ctx.ents, ctx.doc
    # a person's ("his lawyer", "her spokesman"): "their" and "its" often stand for a group no
    # name gives ("Scott's relatives ..., according to their attorneys")
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if owner is not None:
        return antecedent(ctx, owner, OWNER_PRONOUNS[owner.lower_]), span
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                key = ents.token_key.get(obj.i) or first_key(ents, obj.left_edge.i, obj.i + 1)
                if key is not None:
                    return key, (doc[s].idx, obj.idx + len(obj))
    return None, span


def _document_key(ctx: QuoteContext, tok: Token, depth: int) -> tuple[str | None, tuple[int, int] | None]:
    """ "the Reuters/Ipsos poll shows", "a study in the British Medical Journal found",
    "a new report by Politico": a document speaks for whoever made or published it (with
    where the issuer is named, when that is outside the document's phrase)."""
    key = maker_of(ctx, tok)
    if key is not None:
        return key, None
    key, where = issuer(ctx, tok, depth)
    if key is None and any(c.lower_ in ("the", "this", "that") for c in tok.lefts):
        key, where = document_author(ctx, tok, depth)
    return key, where


def _referring(ctx: QuoteContext, tok: Token, s: int, e: int, span: tuple[int, int]):
    """A pronoun or a description ("the official", "the ministry") resolved to an earlier
    entity, else an unnamed speaker."""
    low = tok.lower_
    if tok.pos_ == "PRON" and low in SPEAKER_PRONOUNS:
        key = antecedent(ctx, tok, SPEAKER_PRONOUNS[low])
        if key is None:
            group = ctx.antecedents.group_subject_above(tok)
            if group is not None and group.i != tok.i and names_people(group):
                # "Clinton's campaign is seeking to contrast her approach with what they call
                # ...": "they" is the group the sentence is about, as that group resolves
                key, where = resolve(ctx, group, 1)
                if key is not None and key.startswith(UNNAMED + ":") and where is not None:
                    span = where  # an unnamed group is labelled with its own words, not "they"
        return (key, span) if key is not None else unnamed(ctx, tok, s, e)
    types = ctx.lex.descriptions.get(low) or ctx.lex.descriptions.get(tok.lemma_.lower())
    if types and tok.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in tok.lefts):
        if "Person" in types:
            return role_or_unnamed(ctx, tok, s, e, possessor=None)
        if tok.tag_ == "NNS" or any(c.dep_ in ("relcl", "acl") for c in tok.children):
            # "the groups who wrote to her say": several, or someone the clause introduces, not
            # the organisation or country named last
            return unnamed(ctx, tok, s, e)
        if "Organization" in types:
            key = named_like(ctx, tok, antecedent(ctx, tok, types))
            return (key, span) if key is not None else unnamed(ctx, tok, s, e)
        key = antecedent(ctx, tok, types)
        if key is not None:
            return key, span
    return unnamed(ctx, tok, s, e)


def organ_of_owner(ctx: QuoteContext, tok: Token, owner: Token) -> bool:
    """Whether `tok` is an organ or post of the entity named inside its phrase ("Ukraine's
    agency", "the Russian foreign minister"), rather than that entity itself."""
    if tok.i in ctx.ents.token_key or tok.pos_ != "NOUN" or owner.i >= tok.i:
        return False
    lemma = tok.lemma_.lower()
    if lemma in VOICES or lemma in SOURCE_DOCS or lemma in load_lexicon().state_nouns:
        return False  # voices and documents speak for their owner; a country's government is it
    if tok.tag_ == "NNS":
        return True  # "Scott's relatives said", "the senator's aides say": a group of the owner
    types = ctx.lex.descriptions.get(tok.lower_) or ctx.lex.descriptions.get(lemma) or ()
    if "Person" in types or "Organization" in types:
        return True
    # "a British air safety watchdog", "Russia's state news agency", "the German automaker": a
    # body or a person the owner's name only qualifies ("the Russian side" is Russia)
    lex = load_lexicon()
    if lemma in COUNTRY_ITSELF:
        return False
    if owner.ent_type_ == "NORP" and owner.dep_ in ("amod", "compound"):
        return True
    return lemma in lex.org_words or is_speaker_like(tok)  # person nouns are speaker-like


def role_or_unnamed(ctx: QuoteContext, tok: Token, s: int, e: int, *, possessor: str | None):
    key = role_antecedent(
        tok, s, e, roles=ctx.ents.roles, entities=ctx.ents.entities, mentions=ctx.ents.mentions, possessor=possessor
    )
    if key is not None:
        return key, (ctx.doc[s].idx, ctx.doc[e - 1].idx + len(ctx.doc[e - 1]))
    # an organ of the entity named in it ("the top British medical journal") can speak
    return unnamed(ctx, tok, s, e, organ=possessor is not None)


def named_like(ctx: QuoteContext, tok: Token, key: str | None) -> str | None:
    """An organisation antecedent for "the agency", "the ministry" only when its name says
    so ("the Defence Intelligence Agency"), or for a generic word ("the organisation")."""
    if key is None or tok.lemma_.lower() in GENERIC_ORGS:
        return key
    ent = next((x for x in ctx.ents.entities if x.key == key), None)
    if ent is None or ent.type not in ("Organization", "Group"):
        return (
            key
            if ent is not None and ent.type == "Country" and tok.lemma_.lower() in ("government", "administration")
            else None
        )
    names = role_words(" ".join((ent.label, *ent.aliases)))
    return key if tok.lemma_.lower() in names or tok.lower_ in names else None


def unnamed(ctx: QuoteContext, tok: Token, s: int, e: int, *, organ: bool = False):
    """An unnamed speaker with the article's words for it, or no speaker when the phrase
    cannot speak (a parse slip: "the talks warned"); `organ`: the phrase is known to name a
    body or post of an entity named in it, which can speak."""
    if not (organ or is_speaker_like(tok)) or ctx.article_id is None:
        return None, (ctx.doc[s].idx, ctx.doc[e - 1].idx + len(ctx.doc[e - 1]))
    ps, pe = speaker_phrase(tok)
    ps, pe = min(ps, s), max(pe, e)
    span = (ctx.doc[ps].idx, ctx.doc[pe - 1].idx + len(ctx.doc[pe - 1]))
    return unnamed_key(ctx.article_id, ctx.text[span[0] : span[1]]), span


def antecedent(ctx: QuoteContext, tok: Token, types: tuple[str, ...]) -> str | None:
    """The most recent compatible entity mention before `tok`, outside quotations, subjects first
    (the `SPEAKER` policy of the one antecedent resolver)."""
    return ctx.antecedents.find(tok, types, SPEAKER, quotes=ctx, last_speaker=ctx.last_speaker)
