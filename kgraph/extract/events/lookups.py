"""Entity lookups of the event rules: the entity a noun phrase names, pronouns, places, forces.

Pronouns go to the one antecedent resolver (`kgraph.extract.antecedents`, its `ACTOR` policy):
the nearest entity of the types `pronouns.tsv` gives them, before them in their sentence or in
their paragraph or the one before.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from spacy.tokens import Token

from ..antecedents import ACTOR
from ..syntax import child, conj_chain, of_object

__all__ = ["EntityLookups"]


class EntityLookups:
    """Mixin of `EventContext`: lookups over its `index` (a `DocIndex` with entities)."""

    def key(self, tok: Token) -> str | None:
        return self.ents.token_key.get(tok.i)

    def type_of(self, key: str | None) -> str | None:
        return self.etype.get(key) if key else None

    def resolve_pronoun(self, tok: Token, types: Iterable[str]) -> str | None:
        """The nearest entity of one of `types` before `tok` (same sentence, then the paragraph):
        the `ACTOR` policy of the one antecedent resolver."""
        return self.antecedents.find(tok, tuple(types), ACTOR)

    def np_key(self, tok: Token, types: Iterable[str] | None = None) -> str | None:
        """The entity a noun phrase headed by `tok` names: the head, else a modifier inside it."""
        low = tok.lower_
        if low in self.possessives and tok.dep_ == "poss":
            return self.resolve_pronoun(tok, types or self.possessives[low])
        if low in self.subject_pronouns and tok.pos_ == "PRON":
            return self.resolve_pronoun(tok, types or self.subject_pronouns[low])
        k = self.key(tok)
        if k and (types is None or self.type_of(k) in types):
            return k
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < tok.i:
                k = self.np_key(c, types) if c.dep_ == "poss" else self.key(c)
                if k and (types is None or self.type_of(k) in types):
                    return k
        return None

    def conj_keys(self, tok: Token, types: Iterable[str] | None = None) -> list[str]:
        """Entity keys of a noun phrase and everything coordinated with it.

        A head without an entity takes those of its "of" phrase ("the leaders of France
        and Germany", "thousands of Chinese troops").
        """
        if not self.np_key(tok, types):
            of = of_object(tok)
            if of is not None and self.np_key(of, types):
                return self.conj_keys(of, types)
        out = []
        for t in [tok] + [c for c in tok.subtree if c.dep_ == "conj" and c.head.i in {tok.i} | conj_chain(tok)]:
            k = self.np_key(t, types)
            if k and k not in out:
                out.append(k)
            for mod in t.children:  # "Ukrainian and Russian forces": both sides
                if mod.dep_ in ("amod", "compound") and any(c.dep_ == "conj" for c in mod.children):
                    for m in [mod] + [self.doc[i] for i in conj_chain(mod)]:
                        mk = self.key(m)
                        if mk and mk != k and (types is None or self.type_of(mk) in types):
                            own = [x for x in self.ents.entities if x.type == "MilitaryForce" and x.country == mk]
                            mk = own[0].key if own and self.type_of(k) == "MilitaryForce" else mk
                            if mk not in out:
                                out.append(mk)
        return out

    def keys_in(self, tokens: Iterable[Token], types: Iterable[str]) -> list[str]:
        out = []
        types = set(types)
        for t in tokens:
            k = self.key(t)
            if k and self.type_of(k) in types and k not in out:
                out.append(k)
        return out

    @cached_property
    def _named_places(self) -> list:
        """Location mentions that name a place, not one inside a longer mention (the demonym
        of "Chechen fighters")."""
        inner: set[int] = set()
        reach, reach_len = -1, 0
        for m in sorted(self.mentions, key=lambda m: (m[0], -(m[1] - m[0]))):
            if m[1] <= reach and reach_len > m[1] - m[0]:
                inner.add(id(m))
            if m[1] > reach:
                reach, reach_len = m[1], m[1] - m[0]
        return [m for m in self.mentions if m[3] == "Location" and id(m) not in inner]

    def nearest_place(self, tok: Token) -> str | None:
        """What "the region" refers to: nearest Location in the paragraph, before then after, else before."""
        para = self.para_of(tok)
        named = self._named_places
        before = [m for m in named if m[1] <= tok.i]
        after = [m for m in named if m[0] > tok.i and m[4] == para]
        if before and before[-1][4] == para:
            return before[-1][2]
        if after:
            return after[0][2]
        return before[-1][2] if before else None

    def force_for(self, tok: Token, actor: str | None, exclude: set[str]) -> str | None:
        """The force a bare force noun ("11,000 troops") refers to."""
        if tok.lower_ in self.possessives or tok.lower_ in self.subject_pronouns:
            return self._last_deployed(tok) or self.resolve_pronoun(tok, ("MilitaryForce",))
        k = self.np_key(tok, ("MilitaryForce",))
        if k:
            return k
        if tok.lemma_.lower() not in self.force_nouns and tok.lower_ not in self.force_nouns:
            return None
        poss = child(tok, "poss")
        if poss is not None:  # "its troops", "Russia's soldiers"
            actor = self.np_key(poss, ("Country",)) or actor
        country = actor if actor and self.type_of(actor) == "Country" else self.country_of.get(actor or "")
        if country:  # "Russia sent troops"; "the Kremlin" sends Russia's troops
            actor = country
            own = [m[2] for m in self.mentions if self.country_of.get(m[2]) == actor and m[3] == "MilitaryForce"]
            return own[0] if own else f"force:{actor}"
        para = self.para_of(tok)
        for s, _e, key, typ, p in reversed(self.mentions):
            if s < tok.i and typ == "MilitaryForce" and p == para and key not in exclude:
                return key
        return None

    def _last_deployed(self, tok: Token) -> str | None:
        para = self.para_of(tok)
        for p, key in reversed(self.deployed_forces):
            if p >= para - 3:
                return key
        return None
