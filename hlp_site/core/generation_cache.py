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

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


class GenerationKeyedCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self._shared_alias = options.get("SHARED", "default")
        self._local = LocMemCache(
            f"hlp-generation-keyed-{location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "OPTIONS": {"MAX_ENTRIES": options.get("LOCAL_ENTRIES", 2000)},
            },
        )

    @property
    def shared(self):
        return caches[self._shared_alias]

    def get(self, key, default=None, version=None):
        value = self._local.get(key, _MISSING, version=version)
        if value is _MISSING:
            value = self.shared.get(key, _MISSING, version=version)
            if value is _MISSING:
                return default
            self._local.set(key, value, version=version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout=timeout, version=version)
        self._local.set(key, value, timeout=timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self.shared.add(key, value, timeout=timeout, version=version)
        if added:
            self._local.set(key, value, timeout=timeout, version=version)
        return added

    def delete(self, key, version=None):
        self._local.delete(key, version=version)
        return self.shared.delete(key, version=version)

    def has_key(self, key, version=None):
        return self._local.has_key(key, version=version) or self.shared.has_key(
            key, version=version
        )

    def clear(self):
        self._local.clear()
        self.shared.clear()
