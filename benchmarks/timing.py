"""Timing a request as the search benchmarks report it: first requests (every Vitrine cache
emptied before each, the page cache's too), the statements the request issues run directly, and
repeated requests answered from the cache; and the percentiles they print."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Statements that only manage transactions, left out of a request's SQL.
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")


def clear_caches() -> None:
    """Empty every cache Vitrine has (the default, the search's, the page cache …), so that the
    next request is a first request: rendered by Django, not answered from the page cache."""
    for alias in settings.CACHES:
        caches[alias].clear()


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of values (the only value when there is one)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def run_sql(statements: list[str]) -> float:
    """Run these statements directly (as logged, parameters inlined), in one transaction; return
    the milliseconds they took."""
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        for sql in statements:
            cursor.execute(sql)
            if cursor.description:
                cursor.fetchall()
        return (time.perf_counter() - started) * 1000


@dataclass
class Timings:
    """One request's figures, in milliseconds."""

    response: HttpResponse  # the first answer
    statements: list[str]  # the SQL of a first request
    first: list[float]  # first requests: nothing in Vitrine's cache
    sql: list[float]  # their statements, run directly after each
    repeated: list[float]  # the same request again, answered from the cache


def time_request(client: Client, url: str, params: dict, repeat: int, label: str) -> Timings:
    """Request url `repeat` times as a first request, each followed by its statements run
    directly (both see the machine as it is), then `repeat` times again from the cache. A first
    request that does not answer 200 stops the benchmark."""
    clear_caches()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)  # also warms the database's buffers
    if response.status_code != 200:
        raise CommandError(f"{label}: HTTP {response.status_code}")
    statements = [
        q["sql"] for q in captured.captured_queries if not q["sql"].startswith(TRANSACTION_CONTROL)
    ]
    first, sql = [], []
    for _ in range(repeat):
        clear_caches()
        started = time.perf_counter()
        client.get(url, params)
        first.append((time.perf_counter() - started) * 1000)
        sql.append(run_sql(statements))
    repeated = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url, params)
        repeated.append((time.perf_counter() - started) * 1000)
    return Timings(response, statements, first, sql, repeated)
