"""Rate limits that hold across processes: the last use of an action is a row of `rate_marks`.

claim_slot() takes the slot with one upsert whose WHERE only lets it through when the last
mark is old enough, so two processes (or two threads) clicking at once cannot both get it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from monitor.models import RateMark


def claim_slot(session: Session, key: str, *, interval: float, now: datetime) -> float | None:
    """Mark `key` as used now and return None; or, if it was used less than `interval` s ago, the seconds left."""
    cutoff = now - timedelta(seconds=interval)
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        insert = pg_insert(RateMark) if dialect == "postgresql" else sqlite_insert(RateMark)
        statement = insert.values(key=key, at=now).on_conflict_do_update(
            index_elements=[RateMark.key], set_={"at": insert.excluded.at}, where=RateMark.at <= cutoff,
        ).returning(RateMark.key)
        if session.execute(statement).first() is not None:
            return None
    elif _claim_portably(session, key, cutoff, now):
        return None
    return seconds_left(session, key, interval=interval, now=now)


def _claim_portably(session: Session, key: str, cutoff: datetime, now: datetime) -> bool:
    row = session.scalar(select(RateMark).where(RateMark.key == key).with_for_update())
    if row is None:
        session.add(RateMark(key=key, at=now))
        return True
    if row.at <= cutoff:
        row.at = now
        return True
    return False


def seconds_left(session: Session, key: str, *, interval: float, now: datetime) -> float:
    """How long until `key` may be used again (0 when it may be used now)."""
    last = session.scalar(select(RateMark.at).where(RateMark.key == key))
    if last is None:
        return 0.0
    # Another process's clock may run ahead: never ask for more than one interval.
    return min(interval, max(0.0, (last + timedelta(seconds=interval) - now).total_seconds()))
