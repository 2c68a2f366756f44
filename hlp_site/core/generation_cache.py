"""A two-level cache for values stored under the content generation (fragments, cached
lookups: hlp_site/core/page_cache.py).

A key that carries the generation never gets a different value: a change moves the
generation on and so makes new keys. Each process can therefore keep what it read from the
shared cache (Redis) in its own memory and answer from there, with no round trip and no
risk of serving anything stale; entries of old generations simply age out.

    CACHES["generation_keyed"] = {
        "BACKEND": "hlp_site.core.generation_cache.GenerationKeyedCache",
        "OPTIONS": {"SHARED": "default", "LOCAL_ENTRIES": 2000},
    }
"""

import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


class GenerationKeyedCache(BaseCache):
    """Entries travel with their deadline, so a copy a process takes from the shared
    cache ends when the stored one does (some are stored for less than the default:
    hlp_site/core/page_cache.py `cache_timeout`)."""

    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self._shared_alias = options.get("SHARED", "default")
        self._local = LocMemCache(
            f"hlp-generation-keyed-{location}",
            {"OPTIONS": {"MAX_ENTRIES": options.get("LOCAL_ENTRIES", 2000)}},
        )

    @property
    def shared(self):
        return caches[self._shared_alias]

    def get(self, key, default=None, version=None):
        entry = self._local.get(key, _MISSING, version=version)
        if entry is _MISSING:
            entry = self.shared.get(key, _MISSING, version=version)
            if entry is _MISSING:
                return default
            self._keep_locally(key, entry, version)
        deadline, value = entry
        if deadline is not None and deadline <= time.time():
            return default
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        entry = (self.get_backend_timeout(timeout), value)
        self.shared.set(key, entry, timeout=timeout, version=version)
        self._keep_locally(key, entry, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        entry = (self.get_backend_timeout(timeout), value)
        added = self.shared.add(key, entry, timeout=timeout, version=version)
        if added:
            self._keep_locally(key, entry, version)
        return added

    def _keep_locally(self, key, entry, version):
        deadline = entry[0]
        remaining = None if deadline is None else deadline - time.time()
        if remaining is None or remaining > 0:
            self._local.set(key, entry, timeout=remaining, version=version)

    def delete(self, key, version=None):
        self._local.delete(key, version=version)
        return self.shared.delete(key, version=version)

    def has_key(self, key, version=None):
        return self.get(key, _MISSING, version=version) is not _MISSING

    def clear(self):
        self._local.clear()
        self.shared.clear()
