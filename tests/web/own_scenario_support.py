"""Scenario files for the tests of a workspace's own scenarios: a good one
made from a built-in (another id and title) and one with two problems."""

from __future__ import annotations

from kloof.services.practice import SCENARIO_DIR

BASE = "supplier-price-rise"
KEY = "canteen-contract"
TITLE_EN = "Our canteen contract"
TITLE_NL = "Ons kantinecontract"


def good_yaml(key: str = KEY, title_en: str = TITLE_EN) -> bytes:
    text = (SCENARIO_DIR / f"{BASE}.yaml").read_text("utf-8")
    text = text.replace(f"id: {BASE}\n", f"id: {key}\n", 1)
    text = text.replace(
        '  nl: "Een prijsstijging van veertien procent"\n  en: "A fourteen per cent price rise"',
        f'  nl: "{TITLE_NL}"\n  en: "{title_en}"',
        1,
    )
    return text.encode("utf-8")


def bad_yaml() -> bytes:
    """Line 3: a level that does not exist; line 4: a domain that does not."""
    text = good_yaml().decode("utf-8")
    text = text.replace("level: basic\n", "level: expert\n", 1)
    text = text.replace("domain: work\n", "domain: sports\n", 1)
    return text.encode("utf-8")
