"""The notebooks in notebooks/ run top to bottom on the sample data, and are committed clean."""

import os
import shutil
from pathlib import Path

import nbclient
import nbformat
import pytest

REPO = Path(__file__).parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 120


def test_the_three_notebooks_are_there() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_quickstart.ipynb",
        "02_campaign_export.ipynb",
        "03_where_did_you_get_my_data.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: cell {cell.id} has outputs"
            assert cell.execution_count is None, f"{path.name}: cell {cell.id} was executed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_without_errors(path: Path, tmp_path: Path) -> None:
    # A copy of the notebooks and the sample data: whatever a notebook writes lands in tmp_path.
    shutil.copytree(REPO / "sample_data", tmp_path / "sample_data")
    shutil.copytree(REPO / "notebooks", tmp_path / "notebooks")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(scratch),  # tempfile.mkdtemp() in the notebook
        "MPLBACKEND": "Agg",
        "LEADGUARD_DB": str(scratch / "unused.duckdb"),  # never ./leadguard.duckdb
    }
    nb = nbformat.read(tmp_path / "notebooks" / path.name, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path / "notebooks")}},
    )
    client.execute(env=env)  # raises CellExecutionError on the first failing cell

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    if path.stem == "02_campaign_export":
        images = [o for o in outputs if "image/png" in o.get("data", {})]
        assert len(images) == 3, "the funnel, exclusions and sources-by-month charts"
    assert not (tmp_path / "notebooks" / "leadguard.duckdb").exists()
    assert not (scratch / "unused.duckdb").exists()
