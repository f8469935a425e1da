"""Where outputs go wrong: missing, read-only or full folders, targets that are no regular
file, and a reader that stops reading. One message, exit 6 (or a quiet end), nothing left
half-written, nothing but regular files ever replaced."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from graphcrm import api
from tests.conftest import run_cli
from tests.mounts import make_read_only, tmpfs

WRITERS = {
    "map": lambda out: ["map", "prj-js-ess", "-o", out],
    "export": lambda out: ["export", "--format", "gexf", "-o", out],
}


@pytest.fixture(scope="module")
def store(demo) -> str:
    return demo


@pytest.mark.parametrize("writer", ["map", "export"])
def test_a_missing_folder(store, tmp_path, writer):
    target = tmp_path / "nowhere" / "out.file"
    result = run_cli(store, *WRITERS[writer](target))
    assert result.exit_code == 6
    assert f"there is no folder {target.parent}" in result.stderr


@pytest.mark.parametrize("writer", ["map", "export"])
def test_a_read_only_folder(store, tmp_path, writer):
    with tmpfs(tmp_path / "ro", 1024) as folder:
        make_read_only(folder)
        result = run_cli(store, *WRITERS[writer](folder / "out.file"))
        assert result.exit_code == 6 and "read-only" in result.stderr
        assert list(folder.iterdir()) == []


def test_a_full_disk_leaves_no_half_written_file(store, tmp_path):
    with tmpfs(tmp_path / "full", 64) as folder:
        (folder / "bid.gexf").write_text("the earlier export")
        result = run_cli(store, "export", "--format", "gexf", "-o", folder / "bid.gexf")
        assert result.exit_code == 6 and "the disk is full" in result.stderr
        assert [p.name for p in folder.iterdir()] == ["bid.gexf"]
        assert (folder / "bid.gexf").read_text() == "the earlier export"


@pytest.mark.parametrize("writer", ["map", "export"])
def test_targets_that_are_no_regular_file_are_refused(store, tmp_path, writer):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/full"), tmp_path):
        result = run_cli(store, *WRITERS[writer](target))
        assert result.exit_code in (2, 6), target  # click refuses a folder itself
        assert "not a regular file" in result.stderr or "is a directory" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.browser
def test_png_into_a_missing_folder(store, tmp_path):
    result = run_cli(store, "map", "prj-js-ess", "-o", tmp_path / "m.html", "--png",
                 tmp_path / "nowhere" / "map.png")
    assert result.exit_code == 6 and "there is no folder" in result.stderr


def test_a_reader_that_stops_reading_ends_the_command_quietly(tmp_path):
    """``graphcrm … | head -1``: no "internal error", no BrokenPipeError, nothing on stderr
    (the output, 180 KB, is far more than a pipe holds)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    generate(3000, tmp_path / "net", seed=3)
    store = str(tmp_path / "big.db")
    api.open(store).import_data([tmp_path / "net"])
    script = ("import sys; sys.argv = ['graphcrm', '--store', sys.argv[1], 'informants', "
              "'prj0', '--top', '100000'];"
              "from graphcrm.cli import main; main()")
    for _ in range(3):
        process = subprocess.Popen([sys.executable, "-c", script, store],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = process.stdout.readline()
        process.stdout.close()  # as head does after its line
        stderr = process.stderr.read().decode()
        process.wait(60)
        assert first.strip() and stderr == "", stderr
        assert process.returncode in (0, 1)
