"""`make loadtest`: a sustained mix of pages, filtered listings and searches against
gunicorn on loopback; fails unless every request succeeds.

    .venv/bin/python bench/loadtest.py [--connections 32] [--duration 60] [--articles 10000]

It serves the bench database (see bench/run.py; built on first use) with production
settings and the page cache on, requests every URL of the mix a few times (so each worker
has it cached, as on a site that has been serving), then drives it with wrk, one URL after
another from the mix below across all connections. Prints p50/p99 and writes artifacts/loadtest.json.
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

WARM_ROUNDS = 4

# wrk script: each request takes the next path of the mix; any non-2xx counts as an error.
LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=int(os.environ.get("LOADTEST_SECONDS", 60)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOADTEST_PORT", 8162)))
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--output", default=str(ROOT / "artifacts" / "loadtest.json"))
    args = parser.parse_args()
    ensure_wrk()
    env, articles = prepare_site(args.articles)
    base = f"http://127.0.0.1:{args.port}"
    server = start_gunicorn(mode_env(env, page_cache=True, fragments=True), args.port)
    try:
        wait_until_up(base + "/")
        # A site that has been serving: each worker's caches hold the mix (a fresh worker
        # renders each URL once; `make bench` measures that work in its "none" rows).
        for _ in range(WARM_ROUNDS):
            for path in MIX:
                status_of(base + path)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA % ", ".join(f'"{path}"' for path in MIX))
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{args.connections}",
                f"-d{args.duration}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                script.name,
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=args.duration + 60,
        ).stdout
        os.unlink(script.name)
    finally:
        stop(server)

    latency = {
        key: to_ms(value, unit)
        for key, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", out, re.M)
    }
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in socket.groups()) if socket else 0
    )
    result = {
        "connections": args.connections,
        "duration_s": args.duration,
        "articles": articles,
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": round(latency["50"], 2),
        "p99_ms": round(latency["99"], 2),
        "errors": errors,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "urls": MIX,
    }
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(result, indent=2))
    print(
        f"{requests} requests in {args.duration}s at {args.connections} connections: "
        f"{result['rps']} req/s, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
        f"{errors} errors"
    )
    if errors or requests == 0:
        raise SystemExit("load test failed: errors under load")


if __name__ == "__main__":
    main()
