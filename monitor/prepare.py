"""The CPU-bound middle of a check: page bytes → Article (+ Extraction), in worker processes when many.

Parsing and extraction are pure, so a big check (a site's first, with a long backlog) spreads
them over the machine's cores; a small check does them inline, where a pool would cost more
than it saves.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from monitor.encoding import decode_html
from monitor.records import Article, FetchedPage, ListingEntry, Selectors
from scrapers import adapter_for

log = logging.getLogger(__name__)
POOL_THRESHOLD = 40  # pages; below this a process pool's start-up costs more than it saves


@dataclass(frozen=True, kw_only=True)
class PageJob:
    adapter: str
    selectors: Selectors
    page: FetchedPage
    hint: ListingEntry


@dataclass(frozen=True, kw_only=True)
class ReadPage:
    article: Article | None = None
    extraction: dict[str, list[dict[str, Any]]] | None = None  # precomputed for article.text
    error: str | None = None


def read_pages(jobs: list[PageJob]) -> list[ReadPage]:
    """Read every page, in the same order; extraction is precomputed only when a pool is used.

    With a pool, this process reads its own share too (it would otherwise wait idle), so one core
    needs no extra process: on two cores, one worker plus this process.
    """
    cores = os.cpu_count() or 1
    if len(jobs) < POOL_THRESHOLD or cores < 2:
        return [read_page(job, extract=False) for job in jobs]
    helpers = min(cores - 1, 3)
    share = len(jobs) * helpers // (helpers + 1)
    context = multiprocessing.get_context("spawn")  # the parent has threads and DB connections: never fork it
    with ProcessPoolExecutor(max_workers=helpers, mp_context=context) as pool:
        theirs = pool.map(_read_and_extract, jobs[:share], chunksize=8)  # submitted at once, read meanwhile
        mine = [read_page(job, extract=True) for job in jobs[share:]]
        return [*theirs, *mine]


def _read_and_extract(job: PageJob) -> ReadPage:
    return read_page(job, extract=True)


def read_page(job: PageJob, *, extract: bool) -> ReadPage:
    """Decode and parse one statement page; a page that breaks the parser is an error, not a crash."""
    page = job.page
    try:
        html = decode_html(page.content, page.content_type)
        article = adapter_for(job.adapter).read_article(html, page.url, job.selectors, job.hint)
    except Exception as exc:
        log.exception("could not parse %s", page.url)
        return ReadPage(error=f"unreadable page: {type(exc).__name__}: {exc}")
    if not article.text.strip():
        return ReadPage(error="no main text found on the page")
    if article.published is None and job.hint.published is not None:
        article = replace(article, published=job.hint.published)
    if not extract:
        return ReadPage(article=article)
    from monitor.extract import extract_statement

    extraction = extract_statement(article.title, article.text, published=article.published).to_json()
    return ReadPage(article=article, extraction=extraction)
