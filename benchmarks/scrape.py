"""Scrape benchmark: a synthetic site of 2,000 statements on loopback, checked twice.

Prints statements/s of the first full check, seconds and HTTP requests of a second check with
nothing new (scheduled, and on demand), and peak memory of this process. The site is served
by a separate process so that its work is not counted. Run: python benchmarks/scrape.py
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import multiprocessing
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.check import run_check
from monitor.config import HttpSettings, ScrapeSettings, Settings, SiteSettings
from monitor.db import open_database
from monitor.sites import sync_sites
from tests.localserver import LocalServer
from tests.synthetic import build_site


def serve(count: int, ports: multiprocessing.Queue, stop: multiprocessing.Event) -> None:  # type: ignore[type-arg]
    server = LocalServer().start()
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    for path, html in build_site(count).items():
        server.add(path, html, etag='"' + hashlib.md5(html.encode()).hexdigest() + '"')
    ports.put(server.port)
    stop.wait()
    server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--statements", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    ports: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    stop = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(args.statements, ports, stop), daemon=True)
    server.start()
    port = ports.get(timeout=120)
    try:
        run(port, args.statements, args.workers)
    finally:
        stop.set()
        server.join(timeout=10)


def run(port: int, count: int, workers: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="scrape-bench-"))
    pages = (count + 19) // 20
    site = SiteSettings(id="synthetic", name="Synthetic ministry", url=f"http://127.0.0.1:{port}/news/index.html")
    settings = Settings(
        path=folder / "config.toml", sites=(site,),
        http=HttpSettings(min_delay=0.0, max_per_host=workers, timeout=30.0),
        scrape=dataclasses.replace(ScrapeSettings(), first_check_pages=pages + 1, workers=workers),
    )
    database = open_database(f"sqlite:///{folder / 'bench.db'}")
    with database.transaction() as session:
        sync_sites(session, settings)
    started = time.perf_counter()
    first = run_check(database, settings, "synthetic", trigger="manual")
    first_seconds = time.perf_counter() - started
    print(f"first check: {len(first.statements)} statements in {first_seconds:.1f} s = "
          f"{len(first.statements) / first_seconds:.1f} statements/s, {first.extra['requests']} requests, "
          f"{len(first.errors)} errors")
    later = datetime.now(UTC) + timedelta(hours=3)
    for trigger, when in (("schedule", later), ("manual", None)):
        started = time.perf_counter()
        again = run_check(database, settings, "synthetic", trigger=trigger, now=when)  # type: ignore[arg-type]
        seconds = time.perf_counter() - started
        print(f"idle re-check ({trigger}): {seconds:.2f} s, {again.extra['requests']} requests, "
              f"{len(again.statements)} new or revised statements")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the site server is not yet reaped
    print(f"peak memory: {peak:.0f} MB in the checking process; largest parse/extract worker {worker:.0f} MB")
    database.close()


if __name__ == "__main__":
    main()
