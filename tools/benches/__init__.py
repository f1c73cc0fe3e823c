"""Bench modules. Each defines ORDER, REQUIRES (addon name) and
run(open_env, contacts, report): open_env() is a context manager giving a superuser
environment (committed on exit); report(name, size, seconds, baseline=None) prints a
figure. Time the operation itself, not the setup, and roll back what you change
(or use a savepoint) so that the bench database stays reusable."""

import statistics
import time


def timed(env, operation, runs=3):
    """Median of `runs` timings, each with cold ORM caches (the database cache stays warm, as in use)."""
    operation()
    durations = []
    for _ in range(runs):
        env.invalidate_all()
        started = time.perf_counter()
        operation()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)
