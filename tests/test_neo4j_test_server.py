"""The developer's Neo4j helper (scripts/neo4j-test-server): stop touches only this checkout's
servers, and a Python without the driver gets told what to run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.neo4j_server import SCRIPT, load_script


@pytest.fixture
def helper(tmp_path, monkeypatch):
    module = load_script()
    monkeypatch.setattr(module, "RUN", tmp_path / "run")
    (tmp_path / "run").mkdir()
    return module


def _sleeper(home: Path) -> subprocess.Popen:
    """A stand-in process whose command line names ``home``, in its own process group."""
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", str(home)],
                            start_new_session=True)


def _record(helper, process, home, checkout) -> Path:
    state = helper.RUN / f"{process.pid}.json"
    state.write_text(json.dumps({"uri": "bolt://127.0.0.1:1", "username": "neo4j",
                                 "password": "x", "pid": process.pid, "home": str(home),
                                 "checkout": checkout}))
    return state


def test_stop_stops_only_this_checkouts_servers(helper, tmp_path):
    mine_home, other_home = tmp_path / "mine", tmp_path / "other"
    mine_home.mkdir(), other_home.mkdir()
    mine, other, recycled = (_sleeper(mine_home), _sleeper(other_home),
                             _sleeper(tmp_path / "unrelated"))
    try:
        _record(helper, mine, mine_home, str(helper.CHECKOUT))
        _record(helper, other, other_home, "/somewhere/else/graphcrm")  # another checkout
        # a record of ours whose pid now belongs to a process that is not that server
        _record(helper, recycled, tmp_path / "gone-home", str(helper.CHECKOUT))
        assert helper.stop_all() == 1
        assert mine.wait(timeout=30) is not None and not mine_home.exists()
        assert other.poll() is None and recycled.poll() is None  # left alone
        assert other_home.exists()
    finally:
        for process in (mine, other, recycled):
            process.kill()
            process.wait()


def test_records_of_dead_servers_are_forgotten(helper, tmp_path):
    dead = _sleeper(tmp_path / "h")
    dead.kill()
    dead.wait()
    state = _record(helper, dead, tmp_path / "h", str(helper.CHECKOUT))
    foreign = _record(helper, type("P", (), {"pid": dead.pid + 1})(), tmp_path / "f", "/x")
    assert helper.stop_all() == 0
    assert not state.exists() and foreign.exists()


def test_a_python_without_the_driver_is_told_what_to_run(tmp_path):
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy(SCRIPT, checkout / "scripts" / SCRIPT.name)  # a checkout with no .venv yet
    done = subprocess.run([sys.executable, "-S", str(checkout / "scripts" / SCRIPT.name),
                           "start"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    assert "bash scripts/test" in done.stderr and ".venv/bin/python" in done.stderr
