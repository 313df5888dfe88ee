"""Site adapters: the few sites that need code beyond configuration.

A site names its adapter with `adapter = "<name>"` in config.toml; every other site uses
`SiteAdapter`, the generic logic of monitor/discover.py and monitor/article.py.
"""

from __future__ import annotations

from scrapers.base import SiteAdapter

ADAPTERS: dict[str, type[SiteAdapter]] = {}


def register(adapter: type[SiteAdapter]) -> type[SiteAdapter]:
    ADAPTERS[adapter.name] = adapter
    return adapter


def adapter_for(name: str) -> SiteAdapter:
    return ADAPTERS.get(name, SiteAdapter)()
