"""deploy/nginx.conf for real, on loopback: Debian's nginx (/usr/sbin/nginx) in front of
gunicorn, with the production settings and the demo content and media.

One place for tests/test_proxy.py and `make audit` (audit/run.py):

    proxy = LocalProxy(folder, database_url)    # picks two free ports
    proxy.prepare()                             # migrate, demo content, collectstatic
    with proxy:                                 # gunicorn and nginx, stopped on exit
        urllib.request.urlopen(proxy.base + "/")

The template's ${HLP_...} names are filled in as the official image's envsubst does; the
rest of what that image's /etc/nginx/nginx.conf gives the server block is written beside
it, with every path in `folder`. Where this nginx has the brotli modules (Debian's
libnginx-mod-http-brotli-filter) they are loaded and deploy/nginx-brotli.conf included.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = Path("/usr/sbin/nginx")
TEMPLATE = ROOT / "deploy" / "nginx.conf"
BROTLI_INCLUDE = ROOT / "deploy" / "nginx-brotli.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
STATIC_ROOT = ROOT / "staticfiles"  # STATIC_ROOT in the settings; collectstatic's output
# Not for a server of its own: the cache, the test run's name, S3 storage.
DROPPED_ENV = {"REDIS_URL", "PYTEST_CURRENT_TEST", "AWS_STORAGE_BUCKET_NAME"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def brotli_available():
    return BROTLI_MODULE.exists()


def wait_until_serving(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=10).close()
            return
        except urllib.error.HTTPError:
            return  # answering
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"nothing serving at {url}")


def nginx_config(folder, listen, upstream, media_root, brotli=False):
    """Writes folder/nginx.conf (and the filled-in template, hlp.conf); returns its path."""
    values = {
        "HLP_LISTEN": listen,
        "HLP_UPSTREAM": upstream,
        "HLP_MEDIA_ROOT": str(media_root),
        "HLP_STATIC_ROOT": str(STATIC_ROOT),
    }
    server = re.sub(r"\$\{(HLP_[A-Z_]+)\}", lambda m: values[m.group(1)], TEMPLATE.read_text())
    (folder / "hlp.conf").write_text(server)
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # workers must read the folders here
        + (f"load_module {BROTLI_MODULE};\n" if brotli else "")
        + f"pid {folder}/nginx.pid;\n"
        + f"error_log {folder}/error.log;\n"
        + "worker_processes 1;\ndaemon off;\nevents {}\n"
        + "http {\n"
        + "  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        + "  access_log off;\n  sendfile on;\n"
        + "".join(
            f"  {kind}_temp_path {folder}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + (f"  include {BROTLI_INCLUDE};\n" if brotli else "")
        + f"  include {folder}/hlp.conf;\n"
        + "}\n"
    )
    return folder / "nginx.conf"


class LocalProxy:
    def __init__(self, folder, database_url, proxy_port=None, brotli=None, **env):
        self.folder = Path(folder)
        self.port = proxy_port or free_port()
        self.web_port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.web = f"http://127.0.0.1:{self.web_port}"
        self.media_root = self.folder / "media"
        self.brotli = brotli_available() if brotli is None else brotli
        self.env = {key: value for key, value in os.environ.items() if key not in DROPPED_ENV}
        self.env.update(
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="hlp_site.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),  # thrown away with the server
            ALLOWED_HOSTS="127.0.0.1",
            # The public address: the demo Site's host and port, so feeds, canonical
            # links and the sitemap name the proxy.
            SITE_URL=self.base,
            SECURE_SSL_REDIRECT="false",  # plain http on loopback
            AXES_IPWARE_PROXY_COUNT="1",  # only the proxy reaches gunicorn
            MEDIA_ROOT=str(self.media_root),
        )
        self.env.update(env)
        self.processes = []

    def manage(self, *args):
        """Runs manage.py with the server's settings; returns what it printed."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def prepare(self):
        """Migrations, the demo content (and its images in media_root), static files."""
        self.manage("migrate", "--noinput", "--verbosity=0")
        self.manage("load_demo_content", "--verbosity=0")
        self.manage("collectstatic", "--noinput", "--verbosity=0")

    def __enter__(self):
        if not NGINX.exists():
            raise RuntimeError(f"nginx not found at {NGINX} (apt-get install nginx)")
        web = subprocess.Popen(
            # Workers and threads from gunicorn.conf.py, as in production.
            [sys.executable, "-m", "gunicorn", "hlp_site.wsgi:application"]
            + ["--bind", f"127.0.0.1:{self.web_port}", "--log-level", "warning"],
            cwd=ROOT,
            env=self.env,
        )
        self.processes.append(web)
        config = nginx_config(
            self.folder,
            f"127.0.0.1:{self.port}",
            f"127.0.0.1:{self.web_port}",
            self.media_root,
            brotli=self.brotli,
        )
        nginx = subprocess.Popen(
            [str(NGINX), "-p", str(self.folder), "-e", str(self.folder / "error.log")]
            + ["-c", str(config)]
        )
        self.processes.append(nginx)
        try:
            wait_until_serving(self.web + "/", web)
            wait_until_serving(self.base + "/", nginx)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info):
        for process in reversed(self.processes):
            process.terminate()
            process.wait(timeout=30)
        self.processes.clear()
