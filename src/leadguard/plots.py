"""The analyst's charts, from one place: notebooks and ``leadguard report --html`` draw the same.

Each function returns a matplotlib Figure built without pyplot (no global state, no display
needed), so a notebook shows it and a script or the HTML report saves it.
"""

from __future__ import annotations

import base64
import html
import io
from typing import TYPE_CHECKING, Any

import pandas as pd
from matplotlib import colormaps
from matplotlib.figure import Figure

from leadguard.db import utcnow

if TYPE_CHECKING:
    from leadguard.ledger import Ledger
    from leadguard.reports import ExportReport

__all__ = ["exclusions", "funnel", "overview_html", "sources_by_month"]

_BLUE = "#2f5d8a"
_GREY = "#9aa7b4"


def _figure(width: float = 7.0, height: float = 3.2) -> tuple[Figure, Any]:
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def funnel(ledger: Ledger, report: ExportReport | None = None) -> Figure:
    """Rows imported → usable → unique people (leads) → exportable (when a report is given)."""
    counts = ledger.sql(
        "SELECT count(*) AS rows, count(*) FILTER (WHERE status = 'ok') AS ok FROM sightings"
    ).iloc[0]
    stages = {
        "rows imported": int(counts["rows"]),
        "usable rows": int(counts["ok"]),
        "people (leads)": int(ledger.sql("SELECT count(*) AS n FROM active_leads").iloc[0]["n"]),
    }
    if report is not None:
        stages[f"exportable ({report.channel})"] = report.exported
    fig, ax = _figure()
    names = list(stages)[::-1]  # the first stage on top
    values = [stages[n] for n in names]
    bars = ax.barh(names, values, color=[_BLUE] + [_GREY] * (len(names) - 1))
    ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=3)
    ax.set_title("From rows to people to exportable leads")
    ax.set_xlabel("count")
    ax.margins(x=0.15)
    return fig


def exclusions(report: ExportReport) -> Figure:
    """Why leads stayed home in an export: one bar per reason (the first rule each failed)."""
    data = pd.Series(report.excluded, dtype="int64").sort_values()
    fig, ax = _figure()
    if data.empty:
        ax.text(0.5, 0.5, "nothing excluded", ha="center", va="center")
        ax.set_axis_off()
        return fig
    bars = ax.barh([k.replace("_", " ") for k in data.index], data.to_numpy(), color=_BLUE)
    ax.bar_label(bars, padding=3)
    ax.set_title(f"Left out of the {report.channel} export to {report.recipient}")
    ax.set_xlabel("leads")
    ax.margins(x=0.15)
    return fig


def sources_by_month(ledger: Ledger) -> Figure:
    """Where leads come from: sightings per source kind and month of acquisition."""
    frame = ledger.sql(
        "SELECT strftime(acquired_on, '%Y-%m') AS month, source_kind, count(*) AS n "
        "FROM sighting_sources WHERE status = 'ok' GROUP BY ALL ORDER BY month"
    )
    fig, ax = _figure(8.0, 3.6)
    if frame.empty:
        ax.text(0.5, 0.5, "no sightings yet", ha="center", va="center")
        ax.set_axis_off()
        return fig
    table = frame.pivot_table(index="month", columns="source_kind", values="n", fill_value=0)
    # Every month between the first and the last (a gap is a gap); by year when that is long.
    months = pd.period_range(table.index.min(), table.index.max(), freq="M").strftime("%Y-%m")
    table = table.reindex(months, fill_value=0)
    if len(table) > 24:
        table = table.groupby(table.index.str[:4]).sum()
    bottom = pd.Series(0, index=table.index)
    colors = colormaps["tab10"]
    for i, kind in enumerate(table.columns):
        label = str(kind).replace("_", " ")
        ax.bar(table.index, table[kind], bottom=bottom, label=label, color=colors(i % 10))
        bottom = bottom + table[kind]
    ax.set_title("Sightings by source kind and when they were acquired")
    ax.set_ylabel("rows")
    ax.legend(fontsize="small", frameon=False, loc="upper left")
    ax.tick_params(axis="x", labelrotation=45)
    return fig


def _png(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def overview_html(ledger: Ledger, report: ExportReport | None = None) -> str:
    """A one-page overview for people who read rather than code: counts, the same charts as
    the notebooks, suppression by reason, requests and notices due (no personal data)."""
    counts = ledger.sql(
        "SELECT (SELECT count(*) FROM batches) AS files, (SELECT count(*) FROM sightings) AS rows,"
        " (SELECT count(*) FROM active_leads) AS leads,"
        " (SELECT count(*) FROM suppression_entries WHERE active) AS suppression_entries,"
        " (SELECT count(*) FROM exports) AS exports"
    ).iloc[0]
    requests = ledger.requests()
    notices = ledger.notices_due()
    facts = {
        "files imported": int(counts["files"]),
        "rows (sightings)": int(counts["rows"]),
        "people (leads)": int(counts["leads"]),
        "active suppression entries": int(counts["suppression_entries"]),
        "exports": int(counts["exports"]),
        "open requests": int((requests["status"] == "open").sum()) if len(requests) else 0,
        "overdue requests": int(requests["overdue"].sum()) if len(requests) else 0,
        "notices overdue": int((notices["status"] == "overdue").sum()) if len(notices) else 0,
    }
    charts = [funnel(ledger, report), sources_by_month(ledger)]
    if report is not None:
        charts.append(exclusions(report))
    summary = ledger.suppression_summary()
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{v:,}</td></tr>" for k, v in facts.items())
    images = "".join(f'<img alt="chart" src="data:image/png;base64,{_png(c)}">' for c in charts)
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>leadguard overview</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "color:#1d2733}table{border-collapse:collapse;margin-bottom:1.5rem}th,td{padding:.25rem"
        " .75rem;border-bottom:1px solid #dde3e8;text-align:left}img{max-width:100%;display:"
        "block;margin:1rem 0}</style></head><body>"
        f"<h1>leadguard overview</h1><p>Ledger {html.escape(ledger.path)}, generated "
        f"{utcnow():%Y-%m-%d %H:%M} UTC.</p><table>{rows}</table>{images}"
        "<h2>Suppression list</h2>"
        f"{summary.to_html(index=False, border=0) if len(summary) else '<p>empty</p>'}"
        "</body></html>"
    )
