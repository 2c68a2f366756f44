"""The deployment files (docker-compose.yml, Dockerfile, .ci/run) and production settings.

No database: these read files, or run Django in a subprocess with production settings.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SUBSTITUTION = re.compile(r"^\$\{[A-Z_][A-Z0-9_]*(:?[?-][^}]*)?\}$")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def web_env(services):
    env = services["web"]["environment"]
    if isinstance(env, list):  # the "KEY=value" list form
        env = dict(item.split("=", 1) for item in env)
    return env


def _text(value):
    """A compose command or healthcheck test, list or string form, as one string."""
    return " ".join(value) if isinstance(value, list) else str(value)


def _instructions(dockerfile):
    """Dockerfile instructions with line continuations joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    lines = (line.strip() for line in joined.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def test_compose_has_proxy_db_redis_and_web(services):
    assert {"proxy", "db", "redis", "web"} <= set(services)


def test_db_is_postgres_with_healthcheck_and_named_volume(compose, services):
    db = services["db"]
    assert db["image"].split(":")[0] in {"postgres", "docker.io/library/postgres"}
    for key in ("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"):
        assert key in db["environment"]
    assert "pg_isready" in _text(db["healthcheck"]["test"])
    volume_names = {v.split(":")[0] for v in db["volumes"]}
    assert volume_names & set(compose["volumes"])


def test_redis_is_a_bounded_cache(services):
    command = services["redis"]["command"]
    assert command[command.index("--maxmemory-policy") + 1] == "allkeys-lru"
    assert command[command.index("--maxmemory") + 1].endswith("mb")


def test_redis_has_ping_healthcheck(services):
    redis = services["redis"]
    assert redis["image"].split(":")[0] == "redis"
    test = _text(redis["healthcheck"]["test"])
    assert "redis-cli" in test
    assert "ping" in test


def test_web_builds_from_the_dockerfile(services):
    build = services["web"]["build"]
    if isinstance(build, str):
        build = {"context": build}
    assert build["context"] == "."
    assert build.get("dockerfile", "Dockerfile") == "Dockerfile"


def test_web_waits_for_healthy_db_and_redis(services):
    depends_on = services["web"]["depends_on"]
    assert isinstance(depends_on, dict), "depends_on needs the long form to carry conditions"
    for name in ("db", "redis"):
        assert depends_on[name]["condition"] == "service_healthy"


def test_web_points_at_the_db_and_redis_services(web_env):
    database_url = urlsplit(web_env["DATABASE_URL"])
    assert database_url.scheme in {"postgres", "postgresql"}
    assert database_url.hostname == "db"
    redis_url = urlsplit(web_env["REDIS_URL"])
    assert redis_url.scheme == "redis"
    assert redis_url.hostname == "redis"


def test_web_runs_plain_http_production(web_env, services):
    assert web_env.get("DJANGO_SETTINGS_MODULE", "hlp_site.settings.production") == (
        "hlp_site.settings.production"
    )
    assert str(web_env["SECURE_SSL_REDIRECT"]).lower() == "false"
    # Only the proxy is published; web listens for it on 8000 inside the network.
    assert "ports" not in services["web"]
    assert [str(p) for p in services["web"]["expose"]] == ["8000"]
    assert any(str(v).endswith(":/app/media") for v in services["web"]["volumes"])


def _volume(service, target):
    """The named volume mounted at `target`, and whether it is read-only."""
    for volume in service["volumes"]:
        source, mounted, *mode = str(volume).split(":")
        if mounted == target:
            return source, mode == ["ro"]
    raise AssertionError(f"nothing mounted at {target}")


def test_proxy_is_the_official_nginx_image_in_front_of_web(services):
    proxy = services["proxy"]
    assert proxy["image"].split(":")[0] in {"nginx", "docker.io/library/nginx"}
    assert [str(p) for p in proxy["ports"]] == ["8000:80"]
    assert proxy["depends_on"]["web"]["condition"] == "service_started"
    template, read_only = _volume(proxy, "/etc/nginx/templates/default.conf.template")
    assert (ROOT / template).resolve() == ROOT / "deploy" / "nginx.conf"
    assert read_only
    # The proxy reads the same media web writes, and the static files web copies for it.
    env = proxy["environment"]
    assert _volume(proxy, env["HLP_MEDIA_ROOT"]) == (
        _volume(services["web"], "/app/media")[0],
        True,
    )
    assert _volume(proxy, env["HLP_STATIC_ROOT"])[0] == _volume(services["web"], "/srv/static")[0]
    assert "cp -R /app/staticfiles/. /srv/static/" in _text(services["web"]["command"])
    assert env["HLP_UPSTREAM"] == "web:8000"
    assert str(env["HLP_LISTEN"]) == "80"


def test_the_proxy_template_names_only_what_compose_fills_in(services):
    env = services["proxy"]["environment"]
    template = (ROOT / "deploy" / "nginx.conf").read_text()
    names = set(re.findall(r"\$\{([A-Za-z_]+)\}", template))
    assert names == {name for name in env if name.startswith("HLP_")}
    # The image substitutes only names matching its filter, leaving nginx's own $host etc.
    assert all(re.search(env["NGINX_ENVSUBST_FILTER"], name) for name in names)
    assert not re.search(env["NGINX_ENVSUBST_FILTER"], "host")


def test_the_proxy_refuses_uploads_over_the_sites_own_limit():
    from django.conf import settings

    template = (ROOT / "deploy" / "nginx.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", template).group(1))
    largest = max(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    # Room for the form around the largest file, and no more than a megabyte of it.
    assert largest < megabytes * 1024 * 1024 <= largest + 1024 * 1024


def test_web_trusts_one_proxy_for_the_client_address(web_env):
    assert str(web_env["AXES_IPWARE_PROXY_COUNT"]) == "1"


def test_web_migrates_before_starting_gunicorn(services):
    command = _text(services["web"]["command"])
    assert "manage.py migrate" in command
    assert "gunicorn" in command
    assert "hlp_site.wsgi:application" in command
    assert command.index("migrate") < command.index("gunicorn")


def test_no_secret_is_written_into_compose(web_env):
    for key in ("SECRET_KEY", "ALLOWED_HOSTS"):
        value = str(web_env[key])
        assert SUBSTITUTION.match(value), f"{key} must come from the host environment: {value}"
    assert ":?" in str(web_env["SECRET_KEY"]), "compose must refuse to start without SECRET_KEY"


def test_dockerfile_runs_gunicorn_on_the_wsgi_app():
    instructions = _instructions((ROOT / "Dockerfile").read_text())
    assert instructions[0].upper().startswith("FROM PYTHON:3.1")
    cmd = [line for line in instructions if line.upper().startswith("CMD")]
    assert cmd, "Dockerfile has no CMD"
    assert "gunicorn" in cmd[-1]
    assert "hlp_site.wsgi:application" in cmd[-1]
    assert "0.0.0.0:8000" in cmd[-1]
    assert any(line.upper() == "EXPOSE 8000" for line in instructions)


def test_dockerfile_keeps_no_secret_and_drops_root():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "ENV SECRET_KEY" not in dockerfile
    instructions = _instructions(dockerfile)
    for line in instructions:
        if line.split()[0].upper() in {"ENV", "ARG"}:
            assert "SECRET_KEY" not in line, f"secret baked into the image: {line}"
    collectstatic = [line for line in instructions if "collectstatic" in line]
    assert collectstatic and collectstatic[0].upper().startswith("RUN")
    users = [line.split()[1] for line in instructions if line.upper().startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}


def test_ci_script_is_executable_and_runs_make_test_on_postgres():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    text = script.read_text()
    assert text.startswith("#!/usr/bin/env bash") or text.startswith("#!/bin/bash")
    assert "set -euo pipefail" in text
    assert re.search(r"^export DATABASE_URL=\S*postgres", text, re.MULTILINE)
    assert re.search(r"^make test\b", text, re.MULTILINE)
    assert re.search(r"^export HLP_REQUIRE_PROXY=1$", text, re.MULTILINE)
    assert "apt-get install -y nginx" in text
    subprocess.run(["bash", "-n", str(script)], check=True)


def _production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "REDIS_URL",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "AWS_STORAGE_BUCKET_NAME",
        }
    }
    env["DJANGO_SETTINGS_MODULE"] = "hlp_site.settings.production"
    env.update(extra)
    return env


def test_production_refuses_to_start_without_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=_production_env(ALLOWED_HOSTS="example.org"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="hlp.example.org"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_collectstatic_succeeds(tmp_path):
    """What the Dockerfile's build step runs: hashed, compressed static files."""
    static_root = tmp_path / "static"
    settings_module = tmp_path / "collectstatic_settings.py"
    settings_module.write_text(
        "from hlp_site.settings.production import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(static_root)!r}\n"
    )
    env = _production_env(
        SECRET_KEY="collectstatic-build-only-not-a-secret",
        ALLOWED_HOSTS="localhost",
        DJANGO_SETTINGS_MODULE="collectstatic_settings",
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (static_root / "staticfiles.json").is_file()


def test_gunicorn_reads_the_projects_settings_wherever_it_is_started_from_the_repo():
    """The Docker image, Compose, `make bench` and `make loadtest` start gunicorn in the
    project folder without worker flags: gunicorn.conf.py decides, threads included."""
    printed = subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--print-config",
            "hlp_site.wsgi:application",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "WEB_CONCURRENCY": "3"},
    ).stdout
    config = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in printed.splitlines())
    }
    assert config["worker_class"] == "gthread"
    assert int(config["threads"]) > 1
    assert config["workers"] == "3"  # WEB_CONCURRENCY, as hosting platforms set it
