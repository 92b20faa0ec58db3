"""Dates as pages write them → ISO 8601 calendar dates (``YYYY-MM-DD``).

Machine dates (``2024-03-14T09:30:00+00:00``, ``20240314``) and the written forms
clinic bylines use in the languages articlekit knows ("March 14, 2024", "14 March
2024", "9 avril 2024", "20 de septiembre de 2024", "14.03.2024"). A date after
``today`` is refused: a scheduled or mistyped date is not a publication date.
"""

from __future__ import annotations

import re
from datetime import date

# Month names (and their common abbreviations) by language; keys are lowercase, unaccented
# forms are added for sites that drop the accents.
_MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
):
    for _number, _name in enumerate(_names.split(), start=1):
        _MONTHS.setdefault(_name, _number)
        _MONTHS.setdefault(_name.translate(str.maketrans("éûäç", "euac")), _number)
_MONTHS["sept"] = 9
# Every month name and abbreviation, longest first (a regex alternation).
MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH = r"(?P<month>" + MONTH_NAMES + r")\.?"

_ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})(?:T|$)")
# "March 14, 2024" / "Mar 14th 2024"
_MONTH_FIRST = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})", re.I)
# "14 March 2024" / "9 avril 2024" / "20 de septiembre de 2024" / "14. März 2024"
_DAY_FIRST = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?"
    + _MONTH
    + r",?\s+(?:de\s+|del\s+)?(?P<year>(?:19|20)\d{2})",
    re.I,
)
# "14.03.2024" / "14/03/2024": day first, as everywhere but the US; the US order is
# taken only when the first number cannot be a day's month (13-31).
_NUMERIC = re.compile(r"(?<!\d)(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<year>(?:19|20)\d{2})(?!\d)")
# A date in a URL path: /2024/03/14/ or /2024/03/ (the first of the month then).
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>0?[1-9]|1[0-2])/(?:(?P<day>\d{1,2})/)?")


def parse_date(value: object, today: date) -> str | None:
    """The ISO date written in ``value``, or None when there is none or it is after ``today``."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for pattern in (_ISO, _COMPACT, _MONTH_FIRST, _DAY_FIRST):
        m = pattern.search(text)
        if m:
            return _checked(m.group("year"), _month_number(m.group("month")), m.group("day"), today)
    m = _NUMERIC.search(text)
    if m:
        day, month = (m.group("a"), m.group("b")) if int(m.group("b")) <= 12 else (m.group("b"), m.group("a"))
        return _checked(m.group("year"), int(month), day, today)
    return None


def url_date(url: str | None, today: date) -> str | None:
    """The date in a URL path (``/2024/03/14/slug``), the last resort for a publication date."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    return _checked(m.group("year"), int(m.group("month")), m.group("day") or "1", today)


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _MONTHS.get(text.lower().rstrip("."), 0)


def _checked(year: str, month: int, day: str, today: date) -> str | None:
    try:
        found = date(int(year), month, int(day))
    except ValueError:
        return None
    return found.isoformat() if found <= today else None
