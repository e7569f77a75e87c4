"""Vietnamese text helpers: folding for search and collation keys for sorting.

SQLite's lower()/LIKE fold only ASCII and neither database knows Vietnamese order, so both are
computed in Python and stored in columns that behave the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode
from vn_collate import collate_key

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case ASCII form for matching: fold("Đảng bộ") == "dang bo"."""
    if not text:
        return ""
    ascii_text = unidecode(unicodedata.normalize("NFC", str(text)))
    return _SPACES.sub(" ", ascii_text.lower()).strip()


def sort_key(text: str | None) -> str:
    """A key whose byte (and hex-digit) order is Vietnamese alphabetical order."""
    return collate_key(unicodedata.normalize("NFC", text or ""))


def search_terms(query: str) -> list[str]:
    """Folded words of a query; every one must match."""
    return [word for word in fold(query).split(" ") if word]
