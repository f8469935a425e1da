"""``graphcrm --help`` and every command's ``--help`` start fast: they import neither pandas,
nor NetworkX, nor the Neo4j driver (the API is imported when a command runs). The time itself
is measured by benchmarks/bench_analyses.py, not here."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "networkx", "neo4j", "numpy", "scipy", "openpyxl")

PROBE = """
import json, sys
from graphcrm.cli import cli
helps = [["--help"]] + [[name, "--help"] for name in sorted(cli.commands)]
helps += [["remove", sub, "--help"] for sub in sorted(cli.commands["remove"].commands)]
shown = 0
for args in helps:
    try:
        cli.main(args, prog_name="graphcrm", standalone_mode=False)
    except SystemExit:
        pass
    shown += 1
print(json.dumps({"shown": shown, "loaded": sorted(m for m in %r if m in sys.modules)}))
"""


def test_help_imports_no_heavy_library():
    done = subprocess.run([sys.executable, "-c", PROBE % (HEAVY,)], capture_output=True,
                          text=True, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["shown"] >= 20  # the top level, every command and remove's subcommands
    assert found["loaded"] == []


def test_running_a_command_still_loads_what_it_needs(tmp_path):
    probe = ("import sys\nfrom graphcrm.cli import cli\n"
             f"cli.main(['--store', {str(tmp_path / 'x.db')!r}, 'template', "
             f"{str(tmp_path / 't.xlsx')!r}], standalone_mode=False)\n"
             "print('pandas' in sys.modules or 'openpyxl' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "True"


def test_questions_do_not_load_pandas(tmp_path):
    """The queries answer from records: pandas (0.3–0.4 s to import) only loads when someone
    asks for a DataFrame (``to_frame()``, notebooks)."""
    from graphcrm import api

    store = str(api.demo_store(tmp_path))
    probe = ("import json, sys, io, contextlib\nfrom graphcrm.cli import cli\n"
             "for args in [['path', '王建国', '-p', 'prj-js-ess'], ['gaps', 'prj-bh-bms'],\n"
             "             ['informants', 'prj-js-ess'], ['health', 'prj-js-ess'],\n"
             "             ['matrix', 'prj-js-ess'], ['stats'], ['history'],\n"
             "             ['gaps', 'prj-bh-bms', '--format', 'csv']]:\n"
             "    with contextlib.redirect_stdout(io.StringIO()):\n"
             f"        cli.main(['--store', {store!r}, *args], standalone_mode=False)\n"
             "print(json.dumps('pandas' in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) is False
