"""Faults of the machine around the embedded store, met for real: a full disk, a read-only
disk, a damaged or empty file, a writer or reader holding the store, imports racing.

Each gives one clear message and a documented exit code, no traceback, and the store exactly
as it was (checked byte for byte where graphcrm must not write)."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphcrm import api
from graphcrm.resources import sample_dir
from graphcrm.stores import open_store
from tests.conftest import english_words, run_cli
from tests.mounts import make_read_only, tmpfs
from tests.stores.test_contract import canonical

ROOT = Path(__file__).resolve().parents[2]
QUERIES = [["stats"], ["path", "王建国", "-p", "prj-js-ess"], ["gaps", "prj-js-ess"],
           ["informants", "prj-js-ess"], ["health"], ["matrix", "prj-js-ess"]]




def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return api.demo_store(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    folder = tmp_path_factory.mktemp("net")
    generate(3000, folder, seed=3)
    return folder


def test_a_full_disk_rolls_the_import_back_and_the_store_still_opens(tmp_path, demo, network):
    with tmpfs(tmp_path / "disk", 1200) as disk:
        store = disk / "bid.db"
        store.write_bytes(demo.read_bytes())
        before = run_cli(store, "stats", "--format", "json").stdout
        result = run_cli(store, "import", network, "--allow-reassign")  # its ids are the sample's
        assert result.exit_code == 4
        assert "the disk is full" in result.stderr and "nothing was written" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        said = run_cli(store, "--lang", "zh", "import", network, "--allow-reassign")
        assert said.exit_code == 4 and "时磁盘已满，未写入任何内容" in said.stderr, said.output
        assert _not_chinese(said.stderr, str(store)) == [], said.stderr
        assert run_cli(store, "stats", "--format", "json").stdout == before
        assert run_cli(store, "check").exit_code == 0


def test_a_first_import_onto_a_full_disk_leaves_no_store_behind(tmp_path, network):
    with tmpfs(tmp_path / "disk", 300) as disk:
        result = run_cli(disk / "new.db", "import", network)
        assert result.exit_code == 4 and "the disk is full" in result.stderr
        assert sorted(p.name for p in disk.iterdir()) == []


def test_a_read_only_store_answers_queries_and_refuses_writes(tmp_path, demo):
    with tmpfs(tmp_path / "ro", 4096) as folder:
        store = folder / "bid.db"
        store.write_bytes(demo.read_bytes())
        make_read_only(folder)
        for args in QUERIES:
            assert run_cli(store, *args).exit_code == 0, args
        for args in (["import", sample_dir()], ["forget", "杨帆", "--yes"]):
            result = run_cli(store, *args)
            assert result.exit_code == 4 and "read-only" in result.stderr, args
        fresh = run_cli(folder / "new.db", "import", sample_dir())
        assert fresh.exit_code == 4 and "cannot create the store" in fresh.stderr
        said = [run_cli(where, "--lang", "zh", "import", sample_dir()).stderr
                for where in (store, folder / "new.db")]
        assert "时发现数据库只读（文件或其所在文件夹）" in said[0], said[0]
        assert "无法创建数据库（" in said[1], said[1]
        for text in said:
            assert _not_chinese(text, str(folder / "new.db"), str(store)) == [], text
        assert digest(store) == digest(demo)


@pytest.mark.parametrize("damage", ["pages", "truncated"])
def test_a_damaged_store_says_so_and_is_never_written(tmp_path, demo, damage):
    store = tmp_path / "bid.db"
    data = bytearray(demo.read_bytes())
    if damage == "pages":
        page = 4096
        for start in range(3 * page, len(data) - page, 7 * page):
            data[start:start + page] = os.urandom(page)
    else:
        data = data[: len(data) // 2]
    store.write_bytes(bytes(data))
    before = digest(store)
    outcomes = [run_cli(store, *args) for args in [*QUERIES, ["check"]]]
    assert all(r.exit_code == 4 for r in outcomes), [r.output for r in outcomes]
    assert any("damaged" in r.stderr or " in the store:" in r.stderr for r in outcomes)
    check = outcomes[-1]
    assert re.search(r"\d+ problems? in the store:", check.stderr) or "damaged" in check.stderr
    assert digest(store) == before


@pytest.mark.parametrize(("content", "message"), [
    (b"", "an empty file, not a graphcrm store"),
    (b"name,org\n" * 50, "not an SQLite file"),
])
def test_a_file_that_is_no_store_is_refused_and_left_alone(tmp_path, content, message):
    store = tmp_path / "bid.db"
    store.write_bytes(content)
    for args in (["stats"], ["import", sample_dir()]):
        result = run_cli(store, *args)
        assert result.exit_code == 4 and message in result.stderr
    assert store.read_bytes() == content


HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute(sys.argv[2])
conn.execute("SELECT count(*) FROM people").fetchone()
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
conn.execute("ROLLBACK")
"""


def hold(store: Path, statement: str, seconds: float) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(store), statement, str(seconds)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "holding"
    return process


def test_a_writer_holding_the_store_too_long_is_named(tmp_path, demo):
    store = tmp_path / "bid.db"
    store.write_bytes(demo.read_bytes())
    writer = hold(store, "BEGIN IMMEDIATE", 8)
    try:
        assert run_cli(store, "stats").exit_code == 0  # readers do not wait for a writer
        result = run_cli(store, "import", sample_dir(), env={"GRAPHCRM_BUSY_TIMEOUT": "1"})
        assert result.exit_code == 4
        assert "another process has been writing the store for over 1 s" in result.stderr
        assert f"held by {writer.pid}" in result.stderr
    finally:
        writer.kill()
        writer.wait()


def secret_in_files(store: Path, secret: bytes) -> bool:
    return any(secret in p.read_bytes() for p in store.parent.glob(store.name + "*"))


def test_forget_says_when_a_reader_keeps_the_old_copy_and_check_finishes_it(tmp_path, demo):
    store = tmp_path / "bid.db"
    store.write_bytes(demo.read_bytes())
    secret = b"yang.f@dfny-js.example"
    assert secret_in_files(store, secret)
    reader = hold(store, "BEGIN", 30)
    try:
        result = run_cli(store, "forget", "杨帆", "--yes", env={"GRAPHCRM_BUSY_TIMEOUT": "1"})
        assert result.exit_code == 4
        assert "was erased from the store, but another process is still reading it" \
            in result.stderr and f"{reader.pid}" in result.stderr
        assert "check` to finish the erasure" in result.stderr
        assert secret_in_files(store, secret)  # said plainly: not yet overwritten
        early = run_cli(store, "check", env={"GRAPHCRM_BUSY_TIMEOUT": "1"})
        assert (early.exit_code, early.stderr) == (4, (  # busy, not damaged: no backup
            "graphcrm: another process is still reading the store; the write-ahead log could "
            "not be folded in (run check again when it is done)\n"))
    finally:
        reader.kill()
        reader.wait()
    assert run_cli(store, "check").stdout.strip() == "ok: the store is whole"
    assert not secret_in_files(store, secret)
    assert run_cli(store, "forget", "杨帆", "--yes").exit_code == 5  # gone for good


def test_forget_waits_for_a_short_reader_then_erases(tmp_path, demo):
    store = tmp_path / "bid.db"
    store.write_bytes(demo.read_bytes())
    secret = b"yang.f@dfny-js.example"
    reader = hold(store, "BEGIN", 1.5)
    started = time.monotonic()
    result = run_cli(store, "forget", "杨帆", "--yes")
    reader.wait()
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 0.5  # it waited for the reader
    assert not secret_in_files(store, secret)


IMPORT = """
import sys
from graphcrm import api
summary = api.open(sys.argv[1]).import_data([sys.argv[2]], allow_reassign=True)
print(sum(t.created for t in summary.tables))
"""


def test_first_imports_racing_give_the_store_a_serial_order_gives(tmp_path):
    """Two processes create the same new store at once, eight times over: both succeed,
    one creates every row, the other finds them all (as one after the other would)."""
    for attempt in range(8):
        store = tmp_path / f"race{attempt}.db"
        processes = [subprocess.Popen([sys.executable, "-c", IMPORT, str(store),
                                       str(sample_dir())], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outcomes = [p.communicate(timeout=120) for p in processes]
        assert [p.returncode for p in processes] == [0, 0], outcomes
        created = sorted(int(out) for out, _ in outcomes)
        assert created[0] == 0 and created[1] > 0
        assert api.open(store).check() == []
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(f".race{attempt}")
                      ) == []


QUERY = """
import json, sys
from graphcrm import api
bid = api.open(sys.argv[1])
for _ in range(5):
    rows = bid.stats().counts
    people = int(rows[(rows.scope == "all") & (rows.category == "people")]["count"].sum())
    print(people, flush=True)
"""


def test_imports_and_queries_at_once_see_whole_states_only(tmp_path, network):
    """Two imports (the sample again, a 3,000-person network) and three readers at once:
    every reader sees a whole state (before, or after the network) and nobody a lock error;
    the end state is the one a serial order gives. (The generated network reuses some of the
    sample's ids for other people, so every import here allows that.)"""
    orders = []
    for i, order in enumerate([(sample_dir(), network, sample_dir()),
                               (sample_dir(), sample_dir(), network)]):
        orders.append(tmp_path / f"serial{i}.db")
        for folder in order:
            api.open(orders[-1]).import_data([folder], allow_reassign=True)
    serial = orders[0]

    def people(path):
        counts = api.open(path).stats().counts
        return int(counts[(counts.scope == "all") & (counts.category == "people")]["count"].sum())

    store = tmp_path / "shared.db"
    api.open(store).import_data([sample_dir()])
    writers = [subprocess.Popen([sys.executable, "-c", IMPORT, str(store), str(folder)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for folder in (network, sample_dir())]
    readers = [subprocess.Popen([sys.executable, "-c", QUERY, str(store)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(3)]
    outcomes = [p.communicate(timeout=300) for p in writers + readers]
    assert [p.returncode for p in writers + readers] == [0] * 5, outcomes
    seen = {int(line) for out, _ in outcomes[2:] for line in out.split()}
    assert seen <= {98, people(serial)}, seen
    assert all("locked" not in err for _, err in outcomes)
    assert people(store) == people(serial)
    with open_store(store) as opened:
        state = canonical(opened.load())
    serial_states = []
    for path in orders:
        with open_store(path) as opened:
            serial_states.append(canonical(opened.load()))
    assert state in serial_states


def test_an_import_killed_at_any_moment_leaves_the_store_before_or_after(tmp_path, network):
    """SIGKILL an import into a store that holds the sample at ten moments: each time the
    store is whole, exactly as before or exactly as after, and a re-run completes it."""
    import signal

    store = tmp_path / "bid.db"
    api.open(store).import_data([sample_dir()])
    with open_store(store) as opened:
        before = canonical(opened.load())
    outcomes = set()
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3.0):
        process = subprocess.Popen([sys.executable, "-c", IMPORT, str(store), str(network)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        assert api.open(store).check() == []
        with open_store(store) as opened:
            state = canonical(opened.load())
        outcomes.add("before" if state == before else "after")
        if state != before:
            break
    api.open(store).import_data([network], allow_reassign=True)  # the re-run completes it
    with open_store(store) as opened:
        after = canonical(opened.load())
    assert "before" in outcomes
    assert after != before and len(after["people"]) > len(before["people"])


@pytest.mark.parametrize("damage", ["pages", "truncated"])
def test_a_damaged_schema_1_store_is_not_upgraded(tmp_path, damage):
    """An old (schema 1) store that is damaged is not upgraded on opening: every command
    says it is damaged, none writes, and no backup is made of it."""
    store = tmp_path / "old.db"
    data = bytearray((ROOT / "tests" / "fixtures" / "schema1-sample.db").read_bytes())
    if damage == "pages":
        for start in range(3 * 4096, len(data) - 4096, 5 * 4096):
            data[start:start + 4096] = os.urandom(4096)
    else:
        data = data[: len(data) // 2]
    store.write_bytes(bytes(data))
    before = digest(store)
    outcomes = [run_cli(store, *args) for args in [["stats"], ["import", sample_dir()], ["check"]]]
    assert all(r.exit_code == 4 for r in outcomes), [r.output for r in outcomes]
    assert all("damaged" in r.stderr or "problem(s) in the store" in r.stderr
               for r in outcomes), [r.stderr for r in outcomes]
    assert digest(store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]


def test_a_full_disk_during_a_mail_import_writes_neither_interactions_nor_review(tmp_path,
                                                                                  demo):
    """The interactions of a mailbox and its unmatched contacts (the review list) are
    written in one transaction: a full disk leaves both as they were, as the message says
    (the review list used to be written after the interactions had been committed)."""
    import mailbox

    from tests.ingest.test_activity import message

    box = mailbox.mbox(tmp_path / "big.mbox")
    for i in range(3000):
        other = "wang.jg@dfny-js.example" if i % 2 else f"新人{i} <n{i}@{'x' * 200}.example>"
        box.add(message("lin.x@huaxin.example", [other],
                        f"Mon, {1 + i % 28} Nov 2026 10:{i % 60:02d}:00 +0800", "x",
                        message_id=f"<m{i}@huaxin.example>"))
    box.flush()
    with tmpfs(tmp_path / "disk", 400) as disk:
        store = disk / "bid.db"
        store.write_bytes(demo.read_bytes())
        before = run_cli(store, "stats", "--format", "json").stdout
        result = run_cli(store, "import", tmp_path / "big.mbox")
        assert result.exit_code == 4, result.output
        assert "the disk is full" in result.stderr and "nothing was written" in result.stderr
        assert run_cli(store, "stats", "--format", "json").stdout == before
        assert run_cli(store, "review", "--format", "json").stdout.strip() == "[]"


def test_a_schema_value_no_graphcrm_wrote_is_damage_not_a_crash(tmp_path, demo):
    import sqlite3

    store = tmp_path / "bid.db"
    store.write_bytes(demo.read_bytes())
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE meta SET value = 'abc' WHERE key = 'schema'")
    conn.close()
    for args in (["stats"], ["check"]):
        result = run_cli(store, *args)
        assert result.exit_code == 4 and "schema is 'abc', which no graphcrm wrote" in \
            result.stderr, result.output


def _not_chinese(text: str, *names: str) -> list[str]:
    return english_words(text, *names, allowed={"store", "check", "SQLite", "wal", "shm",
                                                "GRAPHCRM_BUSY_TIMEOUT"})


@pytest.mark.parametrize("case", ["folder", "empty", "csv", "other sqlite", "newer", "damaged",
                                  "busy", "no folder"])
def test_what_is_wrong_with_a_store_is_said_in_chinese(tmp_path, demo, case):
    """Every way a store file can be wrong that a user meets, said in Chinese with no English
    but the file's path and the commands to type (and a holding process's command line)."""
    store, names, env = tmp_path / "投标.db", [], {"GRAPHCRM_BUSY_TIMEOUT": "1"}
    args, expected = ["stats"], {
        "folder": "这是文件夹，不是数据库文件", "empty": "空文件，不是 graphcrm 数据库",
        "csv": "不是 SQLite 文件", "other sqlite": "是 SQLite 文件，但不是 graphcrm 数据库",
        "newer": "由更新版本的 graphcrm 创建（结构版本 9，本版本只能读",
        "damaged": "数据库已损坏（", "busy": "另一个进程写入数据库已超过 1 秒（占用进程：",
        "no folder": "无法创建数据库（没有这个文件或文件夹）"}[case]
    if case == "folder":
        store.mkdir()
    elif case == "empty":
        store.write_bytes(b"")
    elif case == "csv":
        store.write_bytes("姓名,单位\n".encode() * 50)
    elif case == "other sqlite":
        with sqlite3.connect(store) as conn:
            conn.execute("CREATE TABLE 客户 (名称 TEXT)")
    elif case in ("newer", "damaged", "busy"):
        store.write_bytes(Path(demo).read_bytes())
        if case == "newer":
            with sqlite3.connect(store) as conn:
                conn.execute("UPDATE meta SET value = '9' WHERE key = 'schema'")
        if case == "damaged":
            store.write_bytes(store.read_bytes()[: store.stat().st_size // 2])
    else:
        store = tmp_path / "没有的文件夹" / "投标.db"
    if case in ("busy", "no folder"):
        args = ["import", str(sample_dir())]
        names.append(str(sample_dir()))
    writer = hold(store, "BEGIN IMMEDIATE", 8) if case == "busy" else None
    try:
        result = run_cli(store, "--lang", "zh", *args, env=env)
    finally:
        if writer is not None:
            writer.kill()
            writer.wait()
            names.append(" ".join([sys.executable, "-c", HOLD])[:60])
    assert result.exit_code == 4 and expected in result.stderr, result.output
    said = re.sub(r"占用进程：\d+ \([^）]*\)", "", result.stderr)  # the holder's command line
    assert _not_chinese(said, str(store), *names) == [], result.stderr
