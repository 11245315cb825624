"""A brief over a period (a week, a month) assembled from stored analyses: nothing is parsed, no model is loaded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..assemble import assemble
from ..config import Settings
from ..model import Brief, Period
from .store import read_analyses

Days = tuple[dt.date, dt.date]  # a period's first and last day


def _span(published: list[str], settings: Settings) -> Days:
    """The days the articles were published on; the brief's date alone when none is dated."""
    if not published:
        return settings.date, settings.date
    return dt.date.fromisoformat(min(published)), dt.date.fromisoformat(max(published))


def build_from_analyses(folder: Path, settings: Settings, period: Days | None = None) -> tuple[Brief, list[Path]]:
    """The brief of the analyses stored in ``folder`` (those published within ``period`` when given), written in
    ``settings.formats`` to ``settings.out_dir``; no files when no article is left. Its date is the period's last
    day, its default title names the period."""
    from ..render import write_brief
    from ..render.files import ensure_writable, finish_renames

    briefs = list(read_analyses(folder, period))
    first, last = period or _span([b.published for b in briefs if b.published], settings)
    brief = assemble(briefs, settings.title or f"Brief {first.isoformat()} to {last.isoformat()}", last.isoformat())
    brief.organisation, brief.classification = settings.organisation, settings.classification
    brief.period = Period(first.isoformat(), last.isoformat())
    if not brief.articles:
        return brief, []
    out = Path(settings.out_dir)
    ensure_writable(out)
    finish_renames(out)
    return brief, write_brief(brief, settings)
