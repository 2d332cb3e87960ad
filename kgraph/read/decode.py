"""Bytes to text: files and stdin (UTF-8, or the charset an HTML page declares), refusing empty,
binary and UTF-16 input with a one-line error naming the file."""

from __future__ import annotations

import codecs
import re

from kgraph.errors import InputError

__all__ = ["decode", "page_text", "too_big"]

_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode(data: bytes, name: str, *, html: bool = False) -> str:
    """Bytes to text, refusing empty, binary and non-UTF-8 input; newlines as ``open()``."""
    _refuse_binary(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _declared_charset_text(data) if html else None
        if text is None:
            offset = exc.start + (len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0)
            raise InputError(f"{name}: not valid UTF-8 at byte {offset}; save it as UTF-8") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return text


def _refuse_binary(data: bytes, name: str) -> None:
    """Empty, UTF-16 and binary input is an error naming the file."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if data.startswith(_UTF16_BOMS):
        raise InputError(f"{name}: file is UTF-16 encoded; save it as UTF-8")
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (it has NUL bytes), not text")
    sample = data[:8192]
    if sum(byte in _CONTROL_BYTES for byte in sample) > len(sample) // 20:
        raise InputError(f"{name}: looks like a binary file (mostly control bytes), not text")


def _declared_charset_text(data: bytes) -> str | None:
    """Decode an HTML page in the charset its ``<meta>`` declares, if not UTF-8."""
    match = _CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    if codec.name == "utf-8":
        return None
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError:
        return None


def too_big(size: int | None, max_bytes: int) -> str:
    """The message for a file over the limit; `size` None when only "too big" is known."""

    def amount(n: int) -> str:
        return f"{n / 2**20:.1f} MiB" if n >= 2**17 else f"{n} bytes"

    what = f"file is {amount(size)}, more than" if size is not None else "file is larger than"
    return f"{what} the limit of {amount(max_bytes)}; split it or raise max_bytes"


def page_text(data: bytes, charset: str | None, url: str) -> str:
    """The page as text: the charset the server or the page declares, else UTF-8, else a guess."""
    candidates = [charset]
    match = _CHARSET.search(data[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", errors="ignore"))
    candidates.append("utf-8")
    for name in candidates:
        if not name:
            continue
        try:
            return data.decode(codecs.lookup(name).name)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{url}: cannot tell the page's character encoding")
    return str(best)
