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


KEPT = """
import atexit, sys
from graphcrm import api
from graphcrm.analysis import ValuedGraph
def kept():
    graphs = [v for _, v in (api._kept or [])[1:]]
    print(len(graphs), all(isinstance(v, ValuedGraph) for v in graphs), api._kept is None
          or api._kept[0] is api._kept)
atexit.register(kept)  # runs after main's own exit hook (gc.freeze)
from graphcrm.cli import main
sys.argv = ["graphcrm", "--store", %r, "gaps", "prj-bh-bms"]
main()
"""


def test_the_console_script_keeps_its_questions_graphs_to_the_end(tmp_path):
    """The process ends with the command: the question's graphs are left to the operating
    system (not freed a dictionary at a time as the question returns), in a list that holds
    itself so that clearing the modules at exit does not free them either."""
    from graphcrm import api

    store = str(api.demo_store(tmp_path))
    done = subprocess.run([sys.executable, "-c", KEPT % store], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "1 True True"


def test_a_runner_in_a_longer_process_keeps_nothing(tmp_path):
    """Tests, notebooks and servers run many commands in one process: nothing is kept."""
    from click.testing import CliRunner

    from graphcrm import api
    from graphcrm.cli import cli

    store = str(api.demo_store(tmp_path))
    done = CliRunner().invoke(cli, ["--store", store, "gaps", "prj-bh-bms"])
    assert done.exit_code == 0, done.output
    assert api._kept is None
