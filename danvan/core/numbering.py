"""Number-symbols of documents (`03-KH/BCĐ`, `Số: 15/KH-UBND`), sequential per issuer, kind, year."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from danvan.core.models import DocumentCounter

PARTY, STATE = "party", "state"


def next_number(issuer: str, kind: str, year: int) -> int:
    """The next free number; two concurrent callers never get the same one.

    The UPDATE takes the row's write lock (PostgreSQL) or the database's (SQLite) until the
    transaction ends, so the read that follows sees only our own increment.
    """
    with transaction.atomic():
        counter, _created = DocumentCounter.objects.get_or_create(
            issuer=issuer, kind=kind, year=year
        )
        DocumentCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        return DocumentCounter.objects.values_list("last", flat=True).get(pk=counter.pk)


def symbol(number: int, kind: str, issuer: str, style: str = PARTY) -> str:
    """`03-KH/BCĐ` in the Party style, `03/KH-UBND` in the State style (Decree 30/2020)."""
    if style == STATE:
        return f"{number:02d}/{kind}-{issuer}"
    return f"{number:02d}-{kind}/{issuer}"


def number_line(symbol_text: str, style: str = PARTY) -> str:
    """The line as printed under the issuer: Party documents put no colon after "Số"."""
    return f"Số: {symbol_text}" if style == STATE else f"Số {symbol_text}"


def remember_number(issuer: str, kind: str, year: int, number: int) -> None:
    """Raise the counter to a number typed by hand (a paper number), so it is not issued again."""
    with transaction.atomic():
        counter, _created = DocumentCounter.objects.get_or_create(
            issuer=issuer, kind=kind, year=year
        )
        DocumentCounter.objects.filter(pk=counter.pk, last__lt=number).update(last=number)
