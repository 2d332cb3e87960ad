"""Syntax of reporting cues: phrase and verb cues, the speaker of a verb or noun cue, hedges and
negation, the cue as written."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...lexicon import CueWord, ReportingLexicon
from ..speakers import is_speaker_like
from ..syntax import children, conj_chain, first_conjunct, stranded_subject
from .context import QuoteContext
from .subjects import asked_unnamed, fronted_clause_subject, gerund_controller, quoted_after
from .words import (
    DASHES,
    MADE_TO_SAY,
    RECORDINGS,
    RELATIVE,
    SHOWN_SPEAKING,
    SPEAKER_DEPS,
)


def cue_phrase(doc: Doc, i: int, lex: ReportingLexicon) -> tuple[tuple[str, ...], CueWord] | None:
    for words, cue in lex.sources.items():
        n = len(words)
        if i + n <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
            return words, cue
    return None


def verb_cue(t: Token, lex: ReportingLexicon) -> CueWord | None:
    if t.pos_ not in ("VERB", "AUX") and not (t.tag_.startswith("VB")):
        return None
    if t.dep_ in ("amod", "compound", "nmod"):  # "charging papers", "the reported attack"
        return None
    return lex.verbs.get(t.lemma_.lower())


def relative_host(tok: Token) -> Token:
    """The noun a relative pronoun subject stands for ("Sanders, who backs the plan": Sanders),
    else the token itself."""
    if tok.lower_ in RELATIVE and tok.dep_ in SPEAKER_DEPS and tok.head.dep_ == "relcl":
        host = tok.head.head
        # "Trump ... is a serial liar, rampant xenophobe and birther who has pledged": the
        # noun is what a named subject is said to be, so the subject speaks
        pred = first_conjunct(host)
        if pred.dep_ == "attr" and pred.head.lemma_ == "be":
            subj = speaker_of_verb(pred.head)
            if subj is not None and subj.pos_ in ("PROPN", "PRON") and subj.lower_ not in RELATIVE | {"it", "this"}:
                return subj
        return host
    return tok


def speaker_of_verb(v: Token) -> Token | None:
    """The subject of a reporting verb, climbing through conjunctions, participles and xcomps."""
    t = v
    via = None  # how the climb reached t
    for _ in range(4):
        # "the capture was announced", and the reduced relative "a man believed to be
        # responsible", "a suspect accused of ...": the noun is what is said, not who says it
        # "when asked by a reporter if ...": a participle with an agent is passive too
        passive = any(
            c.dep_ == "auxpass" or (c.dep_ == "agent" and t.tag_ == "VBN") for c in t.children
        ) or _reduced_passive(t)
        # a verb joined to a passive one shares its subject, not its agent: "X was attacked
        # by Y and said ..." is X speaking
        if passive and via != "conj":
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            if agent is None and t is v:
                return None  # "the capture was announced": the text does not say who announced it
            pobj = None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        subj = _subject(t, v, passive)
        if subj is not None and quoted_after(subj, v):
            # 'telling the crowd, "Some people get carried away, have you noticed?"': the parser
            # hung the cue on a verb of the quotation; what is said does not say who says it
            return None
        if subj is not None and (subj.lower_ != "it" or t is v):
            return subj
        nxt, final = _climb(t, v)
        if final or nxt is None:
            return nxt
        via, t = t.dep_, nxt
    return None


def _reduced_passive(t: Token) -> bool:
    """ "a woman believed to be behind it": a participle on a noun, passive; not a main verb
    the parser took for one ("Two analysts, A and B, found that ...": the noun is the root,
    or the participle has a clause of its own). So is a bare participle clause on a verb
    ("when asked if he still believes ...", "Pressed on the issue, he said"): the one the
    sentence is about was asked, by someone the text does not name."""
    if t.dep_ == "advcl":
        return asked_unnamed(t)
    return (
        t.dep_ == "acl" and t.tag_ == "VBN" and t.head.dep_ != "ROOT" and not any(c.dep_ == "ccomp" for c in t.children)
    )


def _subject(t: Token, v: Token, passive: bool) -> Token | None:
    subjects = [c for c in t.children if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and not passive)]
    # the parser sometimes gives a relative clause two subjects ("reasons that Trump refuses"):
    # the name, not the relative pronoun
    # the name, not the relative pronoun; of two, the one next to the verb ("Speaking in Berea,
    # OH, ..., Gov. John Kasich said": the parser made the state a subject too)
    named = sorted((c for c in subjects if c.lower_ not in RELATIVE), key=lambda c: abs(c.i - t.i))
    subj = named[0] if named else (subjects[0] if subjects else None)
    stranded = stranded_subject(t) if t is v else None
    if stranded is not None and (subj is None or subj == stranded[0]):
        return stranded[1]  # "..., killing three civilians, the governor, X, said": the apposition speaks
    if subj is None and passive and t is not v:
        subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
    if subj is not None and subj.pos_ == "PROPN" and t.dep_ == "parataxis":
        # "To understand the real Dred Scott, Chief Justice Roberts said, one should ...": in a
        # parenthetical cue the name right before the verb speaks, though the parser made it an
        # apposition of a name it took for the subject
        name = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is not None and name.i == t.i - 1 and subj.i < name.i:
            return name
    return subj


def _climb(t: Token, v: Token) -> tuple[Token | None, bool]:
    """Where a verb with no subject of its own takes it from: the next word to look at, and
    whether that word is itself the speaker (the noun a relative clause hangs on)."""
    controlled = _object_speaks(t)
    if controlled is not None:
        return controlled, True
    if t.dep_ == "conj" and _finite(t) and not _coordinated(t):
        # "targeting Machado since Clinton, at Monday's debate, cited ...": a finite verb the
        # parser joined to another with no "and", "or" or "but" anywhere, right after an
        # aside set off by commas, is said by the name before the aside. (Other such joins
        # are often right, "Sanders wins R.I., vows to press on", or miss the subject the
        # same way either way; a participle so joined, "poked at X, tweeting", is an
        # adjunct of the verb before it.)
        named = _name_before_aside(t)
        if named is not None:
            return named, True
    if t.dep_ in ("conj", "advcl") and _in_dashed_aside(t.head, t):
        # "looping the streets around the stadium - where the Panthers played - while chanting":
        # the parser hung the verb on the aside; it belongs to what the aside hangs on
        return t.head.head, False
    if t.dep_ in ("conj", "xcomp", "advcl") and t.head.i != t.i:
        return t.head, False
    if t.dep_ in ("acl", "relcl") and t.head.i != t.i:
        return _noun_host(t)
    if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.i != t.head.i:
        controller = gerund_controller(t.head)
        return (controller, True) if controller is not None else (t.head.head, False)
    if (
        t is not v
        and t.pos_ in ("ADJ", "NOUN", "ADV")
        and t.dep_ in ("acomp", "attr", "dobj", "oprd", "advmod")
        and t.head.i != t.i
    ):
        # "was quick to condemn", "took the unusual step of criticizing", "stopped short of
        # calling": the clause's subject
        return t.head, False
    return _lost_subject(t, v)


def _lost_subject(t: Token, v: Token) -> tuple[Token | None, bool]:
    """Where nothing above a verb gives it a subject: one the parser put in a clause before it
    (`fronted_clause_subject`), or in a reporting parataxis of a root it climbed to."""
    fronted = fronted_clause_subject(t)
    if fronted is not None:
        return fronted, True
    if t is not v and t.dep_ == "ROOT":
        return _reporting_parataxis(t), True
    return None, False


def _object_speaks(t: Token) -> Token | None:
    """The object of the verb `t` hangs on when that object, not the verb's subject, says
    what `t` says: "forced the chief to admit", "uses footage of X asking", "heard him saying"."""
    if t.dep_ == "xcomp" and t.head.lemma_.lower() in MADE_TO_SAY:
        return next((c for c in t.head.children if c.dep_ == "dobj" and c.i < t.i), None)
    if t.dep_ in ("xcomp", "advcl") and (t.tag_ == "VBG" or t.lower_.endswith("ing")):
        # (by its form too: the tagger takes "warning" after a name for a past tense)
        return _shown_speaker(t)
    return None


def _shown_speaker(t: Token) -> Token | None:
    """Who speaks in a participle on what a verb shows: the one a recording's object is of
    ("uses footage of Hillary Clinton asking, ..."), or the object of a verb of seeing,
    hearing or quoting ("heard him saying", "showed Trump telling"), not the verb's subject."""
    head = t.head
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < t.i), None)
    if obj is None or any(w.is_punct for w in t.doc[obj.right_edge.i + 1 : t.i]):
        return None  # set off by a comma, the participle is the subject's: "criticised X, saying"
    if obj.lemma_.lower() in RECORDINGS or obj.lower_ in RECORDINGS:
        of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        who = None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)
        return who if who is not None and who.pos_ in ("PROPN", "NOUN", "PRON") else None
    if head.lemma_.lower() in SHOWN_SPEAKING and obj.pos_ in ("PROPN", "PRON") and obj.lower_ not in ("it", "this"):
        return obj
    return None


def _name_before_aside(t: Token) -> Token | None:
    """The name right before a comma-bounded aside that ends right before `t` ("Clinton, at
    Monday's debate, cited"), when it is no subject of the verb `t` is joined to."""
    doc = t.doc
    if t.i < 3 or doc[t.i - 1].text != ",":
        return None
    j = t.i - 2
    while j > max(t.head.i, t.i - 12) and doc[j].text != "," and not doc[j].is_sent_start:
        if doc[j].text in (";", ":", ".") or (doc[j].pos_ in ("VERB", "AUX") and doc[j].tag_ not in ("VBG", "VBN")):
            return None  # (a participle may be in the aside: "Reyes, lying on the pavement, said")
        j -= 1
    name = doc[j - 1] if doc[j].text == "," and j - 1 > t.head.i else None
    if name is None or name.pos_ != "PROPN" or name.dep_ in ("nsubj", "nsubjpass", "compound"):
        return None
    return name


def _finite(t: Token) -> bool:
    """A verb with a tense of its own: past or present, or with an auxiliary ("have refused")."""
    return t.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in t.children)


def _coordinated(t: Token) -> bool:
    """Whether the coordination conjunct `t` belongs to has a conjunction ("and", "or",
    "but", "nor") or a paired word ("either", "both") in it or between `t` and its head."""
    top = first_conjunct(t)
    members = [top, *(top.doc[i] for i in conj_chain(top))]
    if any(c.dep_ in ("cc", "preconj") for m in members for c in m.children):
        return True
    # the parser may hang the "and" on a word inside the first conjunct ("told reporters the
    # plan was dead and warned"): any conjunction between the two
    return any(w.dep_ == "cc" or w.tag_ == "CC" for w in t.doc[t.head.i + 1 : t.i])


def _in_dashed_aside(head: Token, t: Token) -> bool:
    """Whether `head` stands in an aside between two dashes, hung on a verb, that `t`, after
    it, is outside of."""
    doc = head.doc
    up = head.head
    if up.i == head.i or not up.i < head.i < t.i or up.pos_ not in ("VERB", "AUX"):
        return False  # (an aside on a noun, "Clinton - who called for ... - lambasting": the noun's)
    return any(doc[k].text in DASHES for k in range(up.i + 1, head.i)) and any(
        doc[k].text in DASHES for k in range(head.i + 1, t.i)
    )


def _noun_host(t: Token) -> tuple[Token | None, bool]:
    """The speaker of a clause on a noun: the noun when it can speak ("officials who said") or
    has an owner ("Cruz's refusal to disavow"); whoever has the chance for an infinitive on a
    noun that cannot ("never missed an opportunity to remind"); nobody for a finite verb on
    such a noun ("the election, called Friday for ...": a parse slip)."""
    head = t.head
    if is_speaker_like(head) or head.pos_ not in ("NOUN", "X"):
        return head, True
    if t.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        if head.dep_ in ("dobj", "attr") and head.head.i != head.i and not children(head, "poss"):
            return head.head, False
    if t.tag_ in ("VBD", "VBZ", "VBP") and not children(head, "poss", "compound"):
        return None, True  # a finite verb on such a noun is a parse slip
    return head, True  # "Cruz's refusal to disavow": the noun's owner speaks, found from the noun


def _reporting_parataxis(t: Token) -> Token | None:
    """'"A," X said, not even needing to mention B': the parser made the participle the root
    and the reporting clause its parataxis; that clause's subject speaks."""
    rep = next((c for c in t.children if c.dep_ == "parataxis" and c.i < t.i), None)
    subj = None if rep is None else next((c for c in rep.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.lower_ not in RELATIVE else None


def left_np(ctx: QuoteContext, v: Token) -> Token | None:
    """When the parse gives a verb no subject: the noun right before it ("Democrats accused"),
    or the name before an apposition ("Flynn, a top surrogate, said")."""
    if v.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    doc = ctx.doc
    i = v.i - 1
    while i >= 0 and (doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].lower_ != "to"):
        i -= 1
    if i < 0 or ctx.quote_of[i] >= 0 or ctx.para_of[i] != ctx.para_of[v.i]:
        return None
    t = doc[i]
    if t.text == ",":
        # skip back over the apposition to the name before it
        j = i - 1
        while (
            j >= 0
            and j > i - 12
            and doc[j].text != ","
            and ctx.quote_of[j] < 0
            and not ctx.mark_tok[j]
            and doc[j].text not in (".", ";")
        ):
            j -= 1
        if j > 0 and doc[j].text == "," and doc[j - 1].pos_ in ("PROPN", "PRON") and ctx.quote_of[j - 1] < 0:
            return doc[j - 1]
        return None
    if t.pos_ in ("PROPN", "PRON", "NOUN") and t.lower_ not in RELATIVE:
        return t
    return None


def speaker_of_noun(n: Token) -> Token | None:
    poss = next((c for c in n.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    comp = [c for c in n.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if comp:
        return comp[-1]
    # "X made/issued the claim that ..."
    if n.dep_ in ("dobj",) and n.head.lemma_ in (
        "make",
        "issue",
        "release",
        "repeat",
        "offer",
        "give",
        "voice",
        "raise",
    ):
        return next((c for c in n.head.children if c.dep_ == "nsubj"), None)
    # "X said in a statement that ...", "X wrote in a letter that ...": the noun's clause is X's
    if n.dep_ == "pobj" and n.head.dep_ == "prep" and n.head.head.pos_ in ("VERB", "AUX"):
        return speaker_of_verb(n.head.head)
    return None


def is_hedged(v: Token, lex: ReportingLexicon) -> bool:
    if any(c.dep_ == "neg" and _negates(c, v) for c in v.children):
        return True
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in v.children):
        return True
    h = v.head
    if v.dep_ == "conj" and any(c.dep_ == "preconj" and c.lower_ == "neither" for c in h.children):
        return True
    for subj in children(v, "nsubj", "nsubjpass"):
        # "Neither Moscow nor Kyiv has confirmed", "No one has confirmed", "None of them said"
        if (
            any(c.dep_ == "preconj" and c.lower_ == "neither" for c in subj.children)
            or subj.lower_ in ("nobody", "none", "neither", "noone")
            or any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subj.children)
        ):
            return True
    if v.dep_ == "xcomp" and h.lemma_.lower() in lex.hedges:
        return True
    return False


def _negates(neg: Token, v: Token) -> bool:
    """Whether a negation the parser hung on the verb is the verb's own ("did not say", "has
    not, so far, confirmed"), not a word of a quotation beside it ('“Apparently not,” he said'):
    no quotation mark between them."""
    doc = v.doc
    lo, hi = sorted((neg.i, v.i))
    return not any(doc[k].is_quote for k in range(lo + 1, hi))


def verb_text(v: Token) -> str:
    """The cue as written: the verb with its particle or preposition ("called on", "pointed out")."""
    parts = [v]
    doc = v.doc
    for c in v.children:
        if c.dep_ == "prt" or (
            c.dep_ == "prep" and c.i == v.i + 1 and c.lower_ in ("on", "for") and v.lemma_ == "call"
        ):
            parts.append(c)
    if v.lemma_ == "call" and v.i + 1 < len(doc) and doc[v.i + 1].dep_ == "mark" and doc[v.i + 1].lower_ == "for":
        parts.append(doc[v.i + 1])  # "calling for the US to act": "for" marks the clause
    if v.dep_ == "conj" and any(c.dep_ == "preconj" and c.lower_ == "neither" for c in v.head.children):
        return f"neither {v.head.text} nor {v.text}"
    neg = [c for c in v.children if c.dep_ in ("neg", "preconj")]
    if any(c.lower_ == "neither" for c in neg):
        conj = next((c for c in v.children if c.dep_ == "conj"), None)
        if conj is not None:
            return f"neither {v.text} nor {conj.text}"
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)
