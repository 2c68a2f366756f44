"""`make loadtest`: a sustained mix of pages, filtered listings and searches against
gunicorn on loopback, quiet and then while a post is republished every few seconds;
fails unless every request succeeds.

    .venv/bin/python bench/loadtest.py [--connections 16] [--duration 60] [--publish-every 4]

It serves the bench database (see bench/run.py; built on first use) with production
settings and the page cache on, requests every URL of the mix once (a site that has been
serving), then drives it with wrk, one URL after another from the mix across all
connections: first quiet, then with `manage.py republish_for_bench` publishing a new
revision of a post every `--publish-every` seconds (each publish makes every stored page
a miss, as any publish does). Prints both runs and the ratio of their req/s, and writes
artifacts/loadtest.json.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import (  # noqa: E402
    PYTHON,
    ROOT,
    ensure_wrk,
    mode_env,
    prepare_site,
    start_gunicorn,
    status_of,
    stop,
    to_ms,
    wait_until_up,
)

MIX = [
    "/",
    "/our-work/",
    "/our-work/mental-health/",
    "/our-work/mental-health/thrive-ldn/",
    "/news/",
    "/news/?type=blog",
    "/news/?programme=mental-health&year=2020",
    "/news/?tag=prevention&page=3",
    "/news/?page=50",
    "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/",
    "/news/tags/mental-health/",
    "/news/feed/",
    "/resources/?type=toolkit",
    "/partners/?type=charity",
    "/partners/greater-london-authority/",
    "/search/?q=health",
    "/search/?q=Thrive",
    "/search/?q=asthma+children",
    "/api/v2/pages/?type=blog.ArticlePage&tag=prevention",
]

# wrk script: each request takes the next path of the mix; any non-2xx counts as an error.
LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def drive(base, connections, duration):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % ", ".join(f'"{path}"' for path in MIX))
    try:
        out = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s"]
            + ["--latency", "-s", script.name, base],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 60,
        ).stdout
    finally:
        os.unlink(script.name)
    latency = {
        key: to_ms(value, unit)
        for key, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", out, re.M)
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": round(latency["50"], 2),
        "p99_ms": round(latency["99"], 2),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket.groups()) if socket else 0),
    }


def publishing_comparison(env, port, duration, connections=16, publish_every=4.0):
    """The mix quiet, then while a post is republished every `publish_every` seconds."""
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(mode_env(env, page_cache=True), port)
    try:
        wait_until_up(base + "/")
        for path in MIX:
            status_of(base + path)
        quiet = drive(base, connections, duration)
        publisher = subprocess.Popen(
            [PYTHON, "manage.py", "republish_for_bench", "--every", str(publish_every)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            publishing = drive(base, connections, duration)
        finally:
            publisher.terminate()
            publishes = len((publisher.communicate(timeout=30)[0] or "").split())
    finally:
        stop(server)
    publishing["publishes"] = publishes
    result = {
        "connections": connections,
        "duration_s": duration,
        "publish_every_s": publish_every,
        "quiet": quiet,
        "publishing": publishing,
        "publishing_of_quiet": round(publishing["rps"] / quiet["rps"], 3) if quiet["rps"] else 0,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "urls": MIX,
    }
    for name in ("quiet", "publishing"):
        run = result[name]
        print(
            f"{name:10}: {run['requests']} requests in {duration}s at {connections} connections: "
            f"{run['rps']} req/s, p50 {run['p50_ms']} ms, p99 {run['p99_ms']} ms, "
            f"{run['errors']} errors",
            flush=True,
        )
    print(f"publishing: {publishes} publishes; {result['publishing_of_quiet']:.0%} of quiet req/s")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=int(os.environ.get("LOADTEST_SECONDS", 60)))
    parser.add_argument("--publish-every", type=float, default=4.0)
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOADTEST_PORT", 8162)))
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--output", default=str(ROOT / "artifacts" / "loadtest.json"))
    args = parser.parse_args()
    ensure_wrk()
    env, articles = prepare_site(args.articles)
    result = publishing_comparison(
        env, args.port, args.duration, args.connections, args.publish_every
    )
    result["articles"] = articles
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(result, indent=2))
    if any(
        result[name]["errors"] or not result[name]["requests"] for name in ("quiet", "publishing")
    ):
        raise SystemExit("load test failed: errors under load")


if __name__ == "__main__":
    main()
