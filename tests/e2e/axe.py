"""axe-core, the accessibility checker, run inside a page of the walk.

The script comes from the npm registry (``tests/e2e/package.json``) and is
evaluated in the page: the app's Content-Security-Policy allows only its own
scripts, and ``page.evaluate`` runs outside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_SCRIPT = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
#: The impacts that fail a page; "minor" and "moderate" are reported by axe only.
FAILING_IMPACTS = ("serious", "critical")
INSTALL_HINT = "run: npm ci --prefix tests/e2e (scripts/test does it)"


def axe_source() -> str:
    if not AXE_SCRIPT.is_file():
        raise FileNotFoundError(
            f"axe-core is not installed ({AXE_SCRIPT} is missing) — {INSTALL_HINT}"
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


def serious_violations(page: Page, source: str) -> list[dict[str, Any]]:
    """The serious and critical violations axe finds in the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source)
    result: dict[str, Any] = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in FAILING_IMPACTS]


def describe(violations: list[dict[str, Any]], where: str) -> str:
    """The violations as lines a person can act on: rule, impact, help, elements."""
    lines = [f"axe-core: {len(violations)} serious or critical violation(s) on {where}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more element(s)")
    return "\n".join(lines)
