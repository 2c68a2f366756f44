# syntax=docker/dockerfile:1
# The web process of hlp-site: gunicorn serving Django/Wagtail, static files by whitenoise.
# State lives outside it (PostgreSQL, Redis, media volume or S3); see docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=hlp_site.settings.production

RUN groupadd --system app \
    && useradd --system --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so code edits reuse this layer.
# The editable install keeps BASE_DIR at /app (templates/, static/, media/ beside the code).
COPY pyproject.toml ./
RUN for package in hlp_site programmes news resources events content_review publications subscriptions sitesearch; do \
        mkdir "$package" && touch "$package/__init__.py"; done \
    && pip install --upgrade pip \
    && pip install -e .

COPY . .

# A throwaway key and host for this one command only: nothing secret is kept in the image.
RUN SECRET_KEY=collectstatic-build-only-not-a-secret ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

# Code and static files stay root-owned and read-only to the app; only media and the
# proxy's copy of the static files (docker-compose.yml) are writable.
RUN mkdir -p /app/media /srv/static && chown app:app /app/media /srv/static

USER app

EXPOSE 8000

# Workers and threads: gunicorn.conf.py, read from /app.
CMD ["gunicorn", "hlp_site.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
