"""Numbers as Vietnamese users type them: 1.234.567,5 (dots group thousands, comma decimals).

Strict on purpose: "1.5" is refused rather than guessed (15? 1,5?), because a figure silently
read ten times too large is worse than a question.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(,\d+)?$")
_MACHINE = re.compile(r"^[+-]?\d+\.\d+$")


class NumberFormatError(ValueError):
    pass


def parse_vn_number(text, *, allow_machine_dot: bool = False) -> Decimal | None:
    """ "1.234,5" → Decimal("1234.5"); "" → None; raises NumberFormatError with a message.

    `allow_machine_dot` also accepts "1234.5" with a single dot and no grouping, as spreadsheet
    programs store it; "1.234" stays one thousand two hundred and thirty-four.
    """
    if text is None:
        return None
    if isinstance(text, int | float | Decimal):
        return Decimal(str(text))
    raw = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if raw == "":
        return None
    if _GROUPED.match(raw) or _PLAIN.match(raw):
        cleaned = raw.replace(".", "").replace(",", ".")
    elif allow_machine_dot and _MACHINE.match(raw) and not re.match(r"^[+-]?\d{1,3}\.\d{3}$", raw):
        cleaned = raw
    else:
        raise NumberFormatError(
            _("“%(text)s” is not a number written the Vietnamese way (e.g. 1.234 or 1.234,5).")
            % {"text": text}
        )
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise NumberFormatError(_("“%(text)s” is not a number.") % {"text": text}) from None
