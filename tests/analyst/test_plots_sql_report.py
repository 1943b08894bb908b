"""The analyst's reads: read-only SQL over documented views, the charts, the HTML overview."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from matplotlib.figure import Figure

import leadguard
from leadguard import plots
from leadguard.cli import cli
from leadguard.pipeline import run_manifest

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def sample(module_target: str) -> leadguard.Ledger:
    db = module_target
    run_manifest(ROOT / "sample_data" / "manifest.toml", db=db)
    return leadguard.open(db, user="analyst")


def test_sql_reads_views_and_refuses_writes(sample: leadguard.Ledger) -> None:
    kinds = sample.sql("SELECT source_kind, count(*) AS n FROM sighting_sources GROUP BY ALL")
    assert set(kinds["source_kind"]) == {"linkedin", "trade_fair_list", "event", "own_research"}
    assert len(sample.sql("SELECT * FROM active_leads")) == len(sample.leads())
    assert sample.sql("SELECT count(*) AS n FROM suppression_entries WHERE active").iloc[0]["n"] > 0
    with pytest.raises(leadguard.LedgerError, match="only SELECT"):
        sample.sql("DELETE FROM leads")
    with pytest.raises(leadguard.LedgerError, match="only SELECT"):
        sample.sql("SELECT 1; DROP TABLE leads")
    with pytest.raises(leadguard.LedgerError, match="failed"):
        sample.sql("SELECT nothing FROM nowhere")
    assert len(sample.leads()) > 0


def test_charts_are_figures(sample: leadguard.Ledger) -> None:
    sample.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA")
    report = sample.export("Mailer", "email", "prospecting", dry_run=True)
    for figure in (
        plots.funnel(sample, report),
        plots.exclusions(report),
        plots.sources_by_month(sample),
    ):
        assert isinstance(figure, Figure) and figure.axes
    labels = [t.get_text() for t in plots.funnel(sample, report).axes[0].get_yticklabels()]
    assert "exportable (email)" in labels


def test_report_html_has_charts_and_no_personal_data(
    sample: leadguard.Ledger, tmp_path: Path
) -> None:
    path = sample.path
    emails = sample.leads()["email"].dropna().head(20).tolist()
    sample.close()
    out = tmp_path / "overview.html"
    result = CliRunner().invoke(
        cli,
        ["--db", path, "report", "--html", str(out), "--to", "Mailer", "--purpose", "prospecting"],
    )
    assert result.exit_code == 0, result.stderr
    page = out.read_text()
    assert page.count("data:image/png;base64,") == 3
    assert "people (leads)" in page
    for email in emails:
        assert email not in page
