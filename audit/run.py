"""`make audit`: Lighthouse, Pa11y and the Nu HTML Checker against a production-like server.

    .venv/bin/python audit/run.py [--port 8171]

The server is the production settings (a throwaway SECRET_KEY, SQLite and media in a
temporary folder, the demo content, static files collected) under gunicorn on loopback,
so it needs no network. The tools come from npm (audit/package.json, `npm ci` in audit/)
and drive Debian's Chromium (CHROME_PATH, default /usr/bin/chromium); the Nu checker's jar
runs on the machine's Java. One line per tool per page; the exit status is 1 when any
page misses a threshold below (README, "Audits").
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

AUDIT_DIR = Path(__file__).resolve().parent
ROOT = AUDIT_DIR.parent
BIN = AUDIT_DIR / "node_modules" / ".bin"
VNU_JAR = AUDIT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PYTHON = sys.executable

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


def run(command, env, **kwargs):
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)


def serve(port, workdir):
    """Migrate, load the demo content and start gunicorn; returns (process, environment)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hlp_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),  # thrown away with the server
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir}/audit.sqlite3",
        "MEDIA_ROOT": str(workdir / "media"),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",  # plain http on loopback
        "REDIS_URL": "",
        "LOG_LEVEL": "ERROR",  # not a "Not Found" line per missing image among the results
    }
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], env)
    run([*manage, "collectstatic", "--noinput", "-v0"], env)
    run([*manage, "load_demo_content", "-v0"], env)
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "hlp_site.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return server, env
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the audit server did not answer within a minute")


def lighthouse(url, indexable, chrome, workdir):
    report = workdir / "lighthouse.json"
    subprocess.run(
        [
            str(BIN / "lighthouse"),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=--headless=new --no-sandbox",
        ],
        env={**os.environ, "CHROME_PATH": chrome},
        check=True,
    )
    categories = json.loads(report.read_text())["categories"]
    scores = {name: round(categories[name]["score"] * 100) for name in LIGHTHOUSE_MINIMUM}
    minimum = LIGHTHOUSE_MINIMUM if indexable else {**LIGHTHOUSE_MINIMUM, "seo": 0}
    failed = [name for name, score in scores.items() if score < minimum[name]]
    text = " ".join(f"{name} {score}" for name, score in scores.items())
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("AUDIT_PORT", 8171)))
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    missing = [str(p) for p in (BIN / "lighthouse", BIN / "pa11y", VNU_JAR) if not p.exists()]
    if missing or not shutil.which("java") or not Path(chrome).exists():
        raise SystemExit(
            f"needs npm ci in audit/, java and Chromium at {chrome}; missing: "
            + ", ".join(missing or ["java or Chromium"])
        )
    workdir = Path(tempfile.mkdtemp(prefix="hlp-audit-"))
    server = None
    try:
        server, _ = serve(args.port, workdir)
        base = f"http://127.0.0.1:{args.port}"
        ok = True
        html_errors = nu_checker([base + path for path, _ in PAGES])
        for path, indexable in PAGES:
            url = base + path
            messages = html_errors.get(url, [])
            lines = [
                ("lighthouse", *lighthouse(url, indexable, chrome, workdir)),
                ("pa11y", *pa11y(url, chrome, workdir)),
                (
                    "nu-html",
                    not messages,
                    f"{len(messages)} errors" + (f": {messages[0]}" if messages else ""),
                ),
            ]
            for tool, passed, text in lines:
                ok &= passed
                print(f"{'ok  ' if passed else 'FAIL'} {tool:<10} {path:<40.40} {text}", flush=True)
        return 0 if ok else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
