"""`python -m monitor` is the `monitor` command."""

from __future__ import annotations

from monitor.cli import main

main()
