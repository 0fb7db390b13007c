"""What the practice tests share: a journal entry's values."""

from __future__ import annotations

import datetime as dt
from typing import Any

#: The home marker of tests.web.access_table (not imported: that module imports this one).
HOME_MARKER = "HOME-k3Pw-world"


def journal_values(**extra: Any) -> dict[str, Any]:
    return {
        "date": dt.date(2026, 11, 30),
        "situation": f"The neighbour wants the hedge lower {HOME_MARKER}",
        "parties": "neighbour and I",
        "factor": "intention",
        "severity": "blocking",
        "next": "",
        "workspace": None,
        **extra,
    }
