"""axe-core (bundled by axe-playwright-python) with the WCAG 2.0/2.1/2.2 A and AA rules."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def wcag_violations(page):
    """Every WCAG A/AA violation axe finds on the page, one readable line per element."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    at {node['target']}: {node['html'][:200]}\n"
        f"    {node.get('failureSummary', '')}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def axe_version(page):
    return page.evaluate("axe.version")
