"""The one slug function: IRIs are made from it, and entity keys that slug alike are one entity.

Latin letters lose their accents ("José" -> "jose"), as they always have. Letters of
other scripts (Cyrillic, Greek, Arabic, Hebrew, CJK, ...) have no ASCII decomposition:
each run of them is transliterated with anyascii and followed by a short hash of the
normalised run, since transliteration loses distinctions ("王伟" and "汪伟" are both "WangWei"). A
name with no letter or digit at all is its hash. So two different names never share a
slug by accident, the same name always gets the same one, and no name becomes a constant.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii

__all__ = ["canonical_key", "key_identity", "slug"]

_HASH_CHARS = 10  # hex digits of the name hash (40 bits)


def _name_hash(text: str) -> str:
    """A hash of a name as people would compare it: NFKC, case-folded, marks, punctuation
    and spacing ignored ("Песков", "ПЕСКОВ" and "Песков," hash alike)."""
    norm = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    norm = "".join(ch for ch in norm if not unicodedata.category(ch).startswith("M"))
    norm = " ".join(re.sub(r"[\W_]+", " ", unicodedata.normalize("NFC", norm)).split())
    return hashlib.sha256((norm or text).encode("utf-8")).hexdigest()[:_HASH_CHARS]


def _ascii(text: str) -> str:
    """The ASCII form of `text`: Latin letters as plain letters (decomposable ones give
    exactly what they always gave, "é" -> "e"); each run of letters or digits of another script becomes its transliteration
    followed by the hash of that run ("Дмитрий Песков" -> "Dmitrii-<hash> Peskov-<hash>")."""
    out: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            word = "".join(run)
            bare = "".join(c for c in word if unicodedata.category(c)[0] != "M")
            out.append(f"-{anyascii(bare)}-{_name_hash(word)}-")
            run.clear()

    for ch in text:
        plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        cat = unicodedata.category(ch)[0]
        if not plain and cat == "L" and unicodedata.name(ch, "").startswith("LATIN "):
            plain = anyascii(ch)  # a Latin letter without a decomposition: "ß" -> "ss", "Ł" -> "L"
        if not plain and (cat in "LN" or (cat == "M" and run)):
            run.append(ch)
            continue
        close_run()
        out.append(plain)
    close_run()
    return "".join(out)


def slug(text: str) -> str:
    """ASCII, lower case, runs of other characters as one hyphen: "José Luis" -> "jose-luis",
    "Песков" -> "peskov-<hash>", "😀" -> "<hash>"; "" -> "x"."""
    out = re.sub(r"[^A-Za-z0-9]+", "-", _ascii(text)).strip("-").lower()
    if not out and text.strip():
        out = _name_hash(text)
    return out or "x"


def key_identity(key: str) -> str:
    """What an entity key's IRI is made of: keys equal here ("group:african-american" and
    "group:african american", "person:hugo chávez" and "person:hugo chavez") name one entity."""
    if key.startswith("wd:"):
        return key
    kind, _, rest = key.partition(":")
    return f"{slug(kind)}/{slug(rest.replace('wd:', ''))}"


def canonical_key(key: str) -> str:
    """An entity key in the one spelling its IRI allows: text parts as plain ASCII words
    ("person:hugo chávez" -> "person:hugo chavez", "group:african-american" -> "group:african
    american"), references to other keys ("wd:Q212", "gz:Label") kept as they are. Two keys
    with one IRI have one canonical form, so an entity has one kg:entityKey in every article."""
    if key.startswith(("wd:", "gz:")):
        return key
    kind, _, rest = key.partition(":")
    parts = rest.split(":")
    out: list[str] = []
    i = 0
    while i < len(parts):
        if parts[i] in ("wd", "gz") and i + 1 < len(parts):
            out.append(f"{parts[i]}:{parts[i + 1]}")
            i += 2
            continue
        out.append(" ".join(slug(parts[i]).split("-")))
        i += 1
    return f"{kind}:{':'.join(out)}"
