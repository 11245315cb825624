"""Bytes to text: honour a BOM or a page's declared charset, accept strict UTF-8, detect anything else.

Binary data (NUL bytes, undecodable, mostly control characters) is rejected.

Unknown encodings are detected with charset-normalizer rather than guessed as
UTF-8. Short texts are ambiguous between many single-byte code pages, so among
candidates that decode equally cleanly the web's common ones win.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from .errors import Unusable

NOT_TEXT = "not text (binary data)"

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="..."> / <meta http-equiv content="...; charset=..."> / <?xml encoding="..."?>
DECLARED_CHARSET = re.compile(rb"""<(?:meta[^>]*?charset|\?xml[^>]*?encoding)\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
DECLARATION_WITHIN = 4096  # bytes at the start where a declaration counts
# What browsers read for these labels (WHATWG Encoding Standard).
BROWSER_READS = {"iso8859-1": "cp1252", "ascii": "cp1252"}
# Code pages preferred when charset-normalizer finds them as clean as its own pick.
COMMON_CODE_PAGES = ("cp1252", "cp1251", "cp1250")
CHAOS_TOLERANCE = 0.05
WIDE_ENCODINGS = ("utf_16", "utf_32")  # the only detections allowed to contain NUL bytes
MAX_CONTROL_SHARE = 0.1  # decoded text with more C0 controls than this is binary


def decode_bytes(data: bytes) -> str:
    """The text in ``data``; raises Unusable("not text (binary data)") when there is none."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(_strict(data[len(bom):], encoding))
    if b"\0" not in data:
        for encoding in filter(None, (_declared(data), "utf-8")):
            try:
                return _checked(data.decode(encoding))
            except (UnicodeError, LookupError):  # LookupError: a declared non-text codec such as "zlib"
                continue
    return _checked(_detect(data))


def _declared(data: bytes) -> str | None:
    """The encoding a page declares for itself, if Python knows it."""
    match = DECLARED_CHARSET.search(data[:DECLARATION_WITHIN])
    if not match:
        return None
    try:
        name = codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return None
    return BROWSER_READS.get(name, name)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise Unusable(NOT_TEXT) from None


def _detect(data: bytes) -> str:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise Unusable(NOT_TEXT)
    if b"\0" in data and not best.encoding.startswith(WIDE_ENCODINGS):
        raise Unusable(NOT_TEXT)
    for code_page in COMMON_CODE_PAGES:
        for match in matches:
            if match.chaos <= best.chaos + CHAOS_TOLERANCE and code_page in match.could_be_from_charset:
                return _strict(data, code_page)
    return str(best)


def _checked(text: str) -> str:
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    if "\0" in text or controls > MAX_CONTROL_SHARE * max(len(text), 1):
        raise Unusable(NOT_TEXT)
    return text
