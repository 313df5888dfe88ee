"""statement-monitor: watch official sites for new statements and what they newly say."""

from __future__ import annotations

__version__ = "0.1.0"
