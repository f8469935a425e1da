"""The README's command reference runs (issue 27, 4): every line of its Usage block, against
the sample bid, each in a folder of its own with a copy of one prepared store (the sample,
six of a colleague's imports of visits after it — change sets 2 to 7 — and a snapshot of
the last gate), exits 0. A line the code no longer accepts fails here, not in front of a reader."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from graphcrm import api
from graphcrm.cli import cli
from graphcrm.resources import sample_dir

README = Path(__file__).resolve().parent.parent / "README.md"


def usage_lines() -> list[str]:
    text = README.read_text("utf-8")
    block = re.search(r"## Usage\n\n```bash\n(.*?)```", text, re.S)
    assert block, "the README has a Usage block"
    return [line for line in block.group(1).splitlines() if line.startswith("graphcrm ")]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    """A folder with the prepared store and the files the lines name."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(sample_dir(), folder / "data" / "sample")
    # openpyxl keeps "=SUM(A1) …" a note's text (XlsxWriter, which python-pptx brings, would
    # write it as a formula: not what a team's sheet holds)
    with pd.ExcelWriter(folder / "bid.xlsx", engine="openpyxl") as book:
        for table in sorted(sample_dir().glob("*.csv")):
            frame = pd.read_csv(table, dtype=str, keep_default_na=False)  # "NA" is a name
            frame.to_excel(book, sheet_name=table.stem, index=False)
    shutil.copy(folder / "bid.xlsx", folder / "big.xlsx")
    bid = api.GraphCRM(str(folder / "graphcrm.db"))
    bid.import_data([sample_dir()])
    for n, person in enumerate(("p201", "p202", "p203", "p204", "p205", "p206")):
        sheet = folder / f"visit{n}"  # change sets 2 … 7: a colleague's visits, one a week
        sheet.mkdir()
        (sheet / "interactions.csv").write_text(
            f"date,person_id,our_person_id,channel\n2026-11-0{n + 1},{person},p003,visit\n",
            encoding="utf-8")
        bid.import_data([sheet], author="孙佳")
    bid.snapshot("gate-1")
    shutil.copy(folder / "graphcrm.db", folder / "team.db")
    return folder


@pytest.mark.parametrize("line", usage_lines())
def test_every_line_of_the_usage_block_runs(prepared, tmp_path, monkeypatch, line, request):
    if "--png" in line or "--pdf" in line:
        request.applymarker(pytest.mark.browser)
    words = shlex.split(line, comments=True)[1:]
    if ">" in words:
        words = words[:words.index(">")]
    words = [w.replace("/tmp/bid-demo", str(tmp_path / "demo")) for w in words]
    for item in prepared.iterdir():
        target = tmp_path / item.name
        (shutil.copytree if item.is_dir() else shutil.copy)(item, target)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GRAPHCRM_STORE", raising=False)
    result = CliRunner().invoke(cli, words)
    assert result.exit_code == 0, f"{line}\n{result.output}"
    assert "Traceback" not in result.output


def test_the_command_reference_is_the_commands():
    """The README's table of every command is what :func:`reference` makes of them now."""
    from graphcrm.cli.reference import rewrite

    text = README.read_text("utf-8")
    assert rewrite(text) == text, \
        "the README's command reference is stale: python -m graphcrm.cli.reference README.md"


def test_a_stale_reference_is_noticed():
    from graphcrm.cli.reference import END, START, rewrite

    stale = f"intro\n{START}\n| `graphcrm gaps` | old words | |\n{END}\nmore"
    assert rewrite(stale) != stale and "`--max-hops`" in rewrite(stale)
