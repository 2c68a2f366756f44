"""gunicorn's settings for every way the site is served (Docker image, Compose, `make bench`,
`make loadtest`, `make audit`, the proxy test); gunicorn reads this file from the working
directory. Command-line flags and GUNICORN_CMD_ARGS still override it.

Threads: a page render holds its worker for tens of milliseconds (hundreds for a search
on a large site); with sync workers every request queued behind it waits that long, which
is what visitors met right after a publish. With a few threads per worker, stored pages
(a cache read) keep being answered while another thread renders.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))  # one per core on the 2-core hosts
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
