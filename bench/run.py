"""`make bench`: build a large site in its own database, serve it with gunicorn, load it with wrk.

    .venv/bin/python bench/run.py [--duration 5] [--port 8161] [--articles 10000]

Database: with DATABASE_URL set, a separate PostgreSQL database named after it with a
`_bench` suffix (created if missing; the given database is never touched); otherwise the
SQLite file bench.sqlite3. It is reused when it already holds the site at full size.

Each URL is measured in two modes (gunicorn restarted in between), with
`wrk -t2 -c10 -d<duration>s`:
  page cache  anonymous visitors get the stored response;
  raw render  the page cache off: every request renders the whole page from the database,
              as the first request after a publish, every editor and every preview do.
SQL queries per request are counted in-process on a warm request in each mode. Then the
publishing load run (bench/loadtest.py): a mix of pages at 16 connections, quiet and then
with a post republished every 4 seconds. Prints one table and writes artifacts/bench.json.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
URLS = [
    ("home", "/"),
    ("news index", "/news/"),
    ("news by programme+year", "/news/?programme=mental-health&year=2020"),
    ("news page 50", "/news/?page=50"),
    ("article", "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"),
    ("programme", "/our-work/mental-health/"),
    ("partner", "/partners/greater-london-authority/"),
    ("search", "/search/?q=health"),
    ("RSS feed", "/news/feed/"),
    ("events", "/events/"),
    ("events calendar (.ics)", "/events/calendar.ics"),
]


def bench_database_url():
    given = os.environ.get("DATABASE_URL", "")
    if not given:
        return f"sqlite:///{ROOT / 'bench.sqlite3'}"
    import psycopg
    from psycopg import sql

    base, _, name = given.rpartition("/")
    name, _, query = name.partition("?")
    bench_name = f"{name}_bench"
    with psycopg.connect(given, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [bench_name]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(bench_name)))
    return f"{base}/{bench_name}" + (f"?{query}" if query else "")


def run(cmd, env, **kwargs):
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("wrk not found: installing it with apt-get", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=True)


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {url}")


def status_of(url):
    try:
        return urllib.request.urlopen(url, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


# (name, whole-page cache)
MODES = [("page cache", True), ("raw render", False)]


def mode_env(env, page_cache):
    return {**env, "PAGE_CACHE": "true" if page_cache else "false"}


def start_gunicorn(env, port):
    return subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "hlp_site.wsgi",
            # Workers and threads as in production: gunicorn.conf.py.
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, duration):
    out = subprocess.run(
        ["wrk", "-t2", "-c10", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))

    def ms(key):
        value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", latency[key]).groups()
        return round(to_ms(value, unit), 2)

    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in socket.groups()) if socket else 0
    )
    return {"rps": round(rps, 1), "p50_ms": ms("50"), "p99_ms": ms("99"), "errors": errors}


def local_redis_url():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        print("no Redis on 127.0.0.1:6379: each worker caches in its own memory", flush=True)
        return ""
    return "redis://127.0.0.1:6379/7"


def prepare_site(articles):
    """Migrate (and, the first time, fill) the bench database; the env to serve it with."""
    database_url = bench_database_url()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "hlp_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(ROOT / "media" / "bench"),
        "CONN_MAX_AGE": "600",
        # The page cache shared by both workers, as in production (Redis); a run without
        # a Redis on this machine falls back to each worker's local memory.
        "REDIS_URL": os.environ["REDIS_URL"] if "REDIS_URL" in os.environ else local_redis_url(),
    }
    print(f"bench database: {database_url}", flush=True)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    count = (
        subprocess.run(
            [
                PYTHON,
                "manage.py",
                "shell",
                "-c",
                "from news.models import ArticlePage; print(ArticlePage.objects.count())",
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    if int(count) < articles:
        run([PYTHON, "manage.py", "load_demo_content", "-v", "0"], env)
        run([PYTHON, "manage.py", "build_bench_site", "--articles", str(articles)], env)
    else:
        print(f"reusing the bench database ({count} articles)", flush=True)
        if database_url.startswith("postgres"):
            # Tables a migration added or filled since the last run have no planner
            # statistics until autovacuum gets to them: the partner page gave 29 req/s
            # in the raw render after the search facet backfill, 84 after this.
            import psycopg

            with psycopg.connect(database_url, autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE")
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    return env, max(int(count), articles)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_SECONDS", 5)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8161)))
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--output", default=str(ROOT / "artifacts" / "bench.json"))
    args = parser.parse_args()
    ensure_wrk()

    host = f"127.0.0.1:{args.port}"
    started = time.monotonic()
    env, articles = prepare_site(args.articles)
    database_url = env["DATABASE_URL"]
    build_seconds = round(time.monotonic() - started, 1)
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    static_url = "/static/" + manifest["paths"]["css/site.css"]

    def count_queries(mode_env):
        return json.loads(
            subprocess.run(
                [PYTHON, "manage.py", "count_page_queries", *[path for _, path in URLS]],
                env=mode_env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )

    envs = {mode: mode_env(env, page) for mode, page in MODES}
    queries = {mode: count_queries(envs[mode]) for mode in envs}

    rows, notes = [], []
    for mode in envs:
        server = start_gunicorn(envs[mode], args.port)
        try:
            wait_until_up(f"http://{host}/")
            targets = [("static CSS", static_url)]
            for name, path in URLS:
                status = status_of(f"http://{host}{path}")
                if status != 200:
                    if mode == "raw render":
                        notes.append(f"{name} ({path}) skipped: HTTP {status} (not built yet?)")
                    continue
                targets.append((name, path))
            for name, path in targets:
                for _ in range(3):  # warm: renditions, connections, the page cache
                    status_of(f"http://{host}{path}")
                result = wrk(f"http://{host}{path}", args.duration)
                rows.append(
                    {
                        "page": name,
                        "url": path,
                        "cache": mode,
                        **result,
                        "queries": 0 if name == "static CSS" else queries[mode].get(path),
                    }
                )
                print(f"  {mode:10} {name:24} {result}", flush=True)
        finally:
            stop(server)

    for mode in envs:
        ceiling = next(r["rps"] for r in rows if r["page"] == "static CSS" and r["cache"] == mode)
        for row in rows:
            if row["cache"] == mode:
                row["of_static"] = round(row["rps"] / ceiling, 3) if ceiling else None

    load = os.getloadavg()
    machine = {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "database": database_url.split(":", 1)[0],
        "load_average": [round(x, 2) for x in load],
        "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
        "duration_s": args.duration,
        "build_s": build_seconds,
        "articles": articles,
    }
    header = "| page | page cache | req/s | p50 ms | p99 ms | errors | SQL/req | of static |"
    lines = [header, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        lines.append(
            f"| {row['page']} | {row['cache']} | {row['rps']} | "
            f"{row['p50_ms']} | {row['p99_ms']} | {row['errors']} | {row['queries']} | "
            f"{row['of_static']:.0%} |"
        )
    print()
    print("\n".join(lines))
    for note in notes:
        print(f"note: {note}")
    print(f"machine: {machine}")

    from loadtest import publishing_comparison

    publishing = publishing_comparison(env, args.port, max(args.duration * 3, 10))
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(
            {"machine": machine, "rows": rows, "notes": notes, "publishing": publishing},
            indent=2,
        )
    )
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
