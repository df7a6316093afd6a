"""The shared cache: Django's Redis cache, which carries on without a cache while Redis is down.

`CACHE_URL` (or `REDIS_URL`) puts every cache of `CACHES` in one Redis (config/settings.py).
Django's own `RedisCache` raises whenever Redis cannot be reached, which would turn every page
into a 500; this one answers as an empty cache instead — a read finds nothing, a write is
dropped — and logs a WARNING. After a failure it leaves Redis alone for `RETRY_AFTER` seconds
(an option, 5 by default), so a Redis that hangs costs one request a timeout, not every request
every cache call; then it tries again and logs once that Redis is back.

Connections time out after a second unless the options say otherwise (`socket_connect_timeout`,
`socket_timeout`: redis-py's own options, passed through).
"""

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT = 1.0  # seconds
READ_TIMEOUT = 1.0
RETRY_AFTER = 5.0


def _without_redis(fallback: Callable[..., Any]) -> Callable:
    """Decorate a client method: when Redis fails, note it and answer `fallback(*args)`;
    while the pause after a failure lasts, answer it without asking Redis."""

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self: "ResilientRedisCacheClient", *args: Any) -> Any:
            if time.monotonic() < self.down_until:
                return fallback(*args)
            try:
                result = method(self, *args)
            except self._lib.RedisError as error:
                self.failed(error)
                return fallback(*args)
            self.succeeded()
            return result

        return wrapper

    return decorate


def _nothing(*args: Any) -> None:
    return None


def _false(*args: Any) -> bool:
    return False


def _missing(key: str, delta: int) -> int:
    raise ValueError(f"Key '{key}' not found (the cache is unavailable).")


class ResilientRedisCacheClient(RedisCacheClient):
    """Django's Redis client whose every call survives an unreachable Redis (module docstring)."""

    def __init__(
        self, servers: list[str], *, name: str = "", retry_after: float = RETRY_AFTER, **options
    ) -> None:
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", READ_TIMEOUT)
        super().__init__(servers, **options)
        self.name, self.retry_after = name, retry_after
        self.down_until = 0.0
        self.down = False

    def failed(self, error: Exception) -> None:
        self.down_until = time.monotonic() + self.retry_after
        if not self.down:
            self.down = True
            logger.warning(
                "Cache %s unavailable (%s: %s); carrying on without it, trying again in %g s",
                self.name,
                type(error).__name__,
                error,
                self.retry_after,
            )

    def succeeded(self) -> None:
        if self.down:
            self.down = False
            logger.warning("Cache %s available again", self.name)

    add = _without_redis(_false)(RedisCacheClient.add)
    get = _without_redis(lambda key, default: default)(RedisCacheClient.get)
    set = _without_redis(_nothing)(RedisCacheClient.set)
    touch = _without_redis(_false)(RedisCacheClient.touch)
    delete = _without_redis(_false)(RedisCacheClient.delete)
    get_many = _without_redis(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _without_redis(_false)(RedisCacheClient.has_key)
    # incr() of a missing key raises ValueError (BaseCache's contract); without Redis every
    # key is missing.
    incr = _without_redis(_missing)(RedisCacheClient.incr)
    set_many = _without_redis(_nothing)(RedisCacheClient.set_many)
    delete_many = _without_redis(_nothing)(RedisCacheClient.delete_many)
    clear = _without_redis(_false)(RedisCacheClient.clear)


class RedisCache(DjangoRedisCache):
    """`django.core.cache.backends.redis.RedisCache` with `ResilientRedisCacheClient`. Its
    OPTIONS may add `RETRY_AFTER` (seconds) to redis-py's connection options."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
        options = dict(self._options)
        retry_after = options.pop("RETRY_AFTER", RETRY_AFTER)
        self._options = {
            **options,
            "retry_after": retry_after,
            # Named in the log by its key prefix: the URL may hold a password.
            "name": self.key_prefix or "(no prefix)",
        }
