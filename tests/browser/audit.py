"""Accessibility checks inside real Chromium: axe-core on a page's current state, and reflow at any width.

axe-core (vendored in tests/browser/vendor, MPL-2.0) is added to every page of a partner's browser
context as an init script, which the DevTools protocol runs whatever the page's Content-Security-Policy
says, so Hearth's own policy stays as strict as it is for people using it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best-practice rules Hearth does not follow, each with the reason; every other one must pass too.
BEST_PRACTICE_EXCEPTIONS: dict[str, str] = {}

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, tags: v.tags,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


def prepare(context: BrowserContext) -> None:
    """Make axe-core available on every page the context opens."""
    context.add_init_script(path=str(AXE))


def violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.1 A/AA and best practice on the page as it is now, minus named exceptions."""
    found = page.evaluate(_RUN, [*WCAG_21_AA, "best-practice"])
    return [v for v in found if v["id"] not in BEST_PRACTICE_EXCEPTIONS]


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than its viewport (0 when nothing scrolls sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


@dataclass
class Auditor:
    """Collects axe-core's findings (and any sideways scrolling) for every state a test reaches, for both
    partners; the `audit` fixture fails the test at its end if there were any."""

    folder: Path
    checked: list[str] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, page: Page, state: str) -> None:
        """Check `page` now, as the state named `state` (e.g. "ana: appreciation, shared")."""
        self.checked.append(state)
        for violation in violations(page):
            self.problems.append({"state": state, "url": page.url, **violation})
        overflow = horizontal_overflow(page)
        if overflow:
            self.problems.append({"state": state, "url": page.url, "id": "reflow", "impact": "serious",
                                  "help": f"the page scrolls sideways by {overflow} CSS px", "nodes": []})

    def report(self) -> str:
        (self.folder / "axe.json").write_text(json.dumps({"checked": self.checked, "problems": self.problems},
                                                          indent=1))
        lines = [f"{p['state']}: {p['id']} ({p['impact']}) {p['help']} at {[n['target'] for n in p['nodes']][:4]}"
                 for p in self.problems]
        return "\n".join(lines)
