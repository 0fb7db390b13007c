"""A relationship's next review as an iCalendar file (RFC 5545).

Written by hand: one VCALENDAR with one all-day VEVENT. The UID depends on the
relationship only, so a calendar that imports the file again updates the event
rather than adding a second one.
"""

from __future__ import annotations

from datetime import UTC, date, timedelta

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kloof.storage.models import Relationship

__all__ = ["review_calendar"]


def _escape(text: str) -> str:
    """TEXT values: backslash, semicolon, comma and newlines escaped (3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets folded with CRLF and a space (3.1)."""
    data = line.encode("utf-8")
    parts: list[str] = []
    while len(data) > 75:
        cut = 75 if not parts else 74
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # not inside a UTF-8 character
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    parts.append(data.decode("utf-8"))
    return "\r\n ".join(parts)


def review_calendar(
    relationship: Relationship, day: date, page_url: str, host: str
) -> tuple[bytes, str]:
    """The calendar file and its download name."""
    summary = _("Trust review with %(name)s") % {"name": relationship.name}
    description = _("The yearly review of the relationship with %(name)s: %(url)s") % {
        "name": relationship.name,
        "url": page_url,
    }
    stamp = timezone.now().astimezone(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//kloof//relationships//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:relationship-{relationship.pk}-review@{host.split(':')[0] or 'kloof'}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        f"URL:{page_url}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    body = "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")
    name = f"{slugify(relationship.name)[:60].strip('-') or 'relationship'}-review.ics"
    return body, name
