"""``forget`` reaches every place graphcrm wrote the person (``graphcrm.stores.base.ERASED``):
checked by reading back every file the embedded store and graphcrm wrote beside it (the
store, its write-ahead log, the pre-upgrade backup) and, on Neo4j, every property of every
node and relationship in the database."""

from __future__ import annotations

import json
import mailbox
import shutil
from pathlib import Path

import pytest

from graphcrm import api
from graphcrm.resources import sample_dir
from graphcrm.stores import open_store
from graphcrm.stores.base import Traces
from tests.conftest import run_on
from tests.ingest.test_activity import message

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema1-sample.db"

#: 杨帆 (p206) of the sample, the informant, as the sample and a private mailbox know her.
NAME, EMAIL, PHONE, PRIVATE = "杨帆", "yang.f@dfny-js.example", "139-1111-0206", \
    "fan.home@qq.com"


def _mail(folder: Path) -> Path:
    """Mail from 杨帆's private address (unmatched: on the review list), and three days of
    mail between 赵磊 and her (a proposed tie)."""
    box = mailbox.mbox(folder / "m.mbox")
    box.add(message(f"Fan Y <{PRIVATE}>", ["lin.x@huaxin.example"],
                    "Mon, 23 Nov 2026 21:00:00 +0800", "x", message_id="<home1@qq.com>"))
    for day in (20, 24, 25):
        box.add(message("zhao.l@huaxin.example", [f"{NAME} <{EMAIL}>"],
                        f"Mon, {day} Nov 2026 10:00:00 +0800", "x",
                        message_id=f"<w{day}@huaxin.example>"))
    box.flush()
    return folder / "m.mbox"


def _everything_stored(where: object, folder: Path) -> bytes:
    if isinstance(where, str | Path):
        return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file()
                        and p.suffix != ".mbox")
    from neo4j import GraphDatabase

    with GraphDatabase.driver(where.uri, auth=(where.username, where.password)) as driver:
        nodes = driver.execute_query("MATCH (n) RETURN properties(n) AS p").records
        ties = driver.execute_query("MATCH ()-[r]->() RETURN properties(r) AS p").records
    return json.dumps([dict(r["p"]) for r in [*nodes, *ties]], ensure_ascii=False,
                      default=str).encode()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def target(request, tmp_path: Path) -> tuple[str, dict[str, str]]:
    """As tests.conftest.target, with the embedded store in a folder of its own (every file
    in it is read back)."""
    if request.param == "embedded":
        (tmp_path / "store").mkdir()
        return str(tmp_path / "store" / "team.db"), {}
    settings = request.getfixturevalue("neo4j_settings")
    return settings.uri, {"NEO4J_USERNAME": settings.username,
                          "NEO4J_PASSWORD": settings.password}


def test_forget_reaches_every_copy(target, tmp_path, request):
    """After a mail import, a proposed tie and ``review merge`` of a private address,
    ``forget`` leaves neither her name, nor an address, nor her phone anywhere, and keeps the
    colleagues' authorship and files whose names merely contain hers."""
    store, env = target
    where = request.getfixturevalue("neo4j_settings") if env else store
    bid = api.GraphCRM(where)
    bid.import_data([sample_dir()], author="王明")
    (tmp_path / "mail").mkdir()
    mail = _mail(tmp_path / "mail")
    bid.import_data([mail], suggest_ties=3, author=f"{NAME}明")  # a colleague, not her
    keys = sorted(r["contact"] for r in bid.review().records())
    assert keys == [PRIVATE, f"赵磊 — {NAME}"]
    assert run_on(target, "review", "merge", PRIVATE, NAME).exit_code == 0
    stored = _everything_stored(where, tmp_path / "store")
    assert PRIVATE.encode() in stored and NAME.encode() in stored

    done = run_on(target, "forget", NAME, "--yes")
    assert done.exit_code == 0, done.output
    stored = _everything_stored(where, tmp_path / "store")
    for trace in (NAME, EMAIL, PRIVATE, PHONE, "老乡，经常提供内部消息"):
        assert trace.encode() not in stored.replace(f"{NAME}明".encode(), b""), trace
    assert f"{NAME}明".encode() in stored  # the colleague who imported the mail stays
    assert bid.review(everyone=True).records() == []
    with open_store(where) as opened:
        history = {s.command: s for s in opened.history()}
    assert history["review merge"].files == ("(forgotten)",)
    assert history["import"].author == f"{NAME}明"


def test_forget_cleans_the_pre_upgrade_backup(tmp_path):
    """A schema-1 store is upgraded with a backup beside it; forget erases the person there
    too."""
    store = tmp_path / "old.db"
    shutil.copy(FIXTURE, store)
    bid = api.GraphCRM(store)
    open_store(store).close()  # opened (upgraded) once
    backup = Path(f"{store}.schema1.bak")
    assert NAME.encode() in backup.read_bytes()
    bid.forget(NAME)
    assert backup.exists()
    for trace in (NAME, EMAIL, PHONE):
        assert trace.encode() not in backup.read_bytes()
        assert trace.encode() not in b"".join(p.read_bytes() for p in tmp_path.iterdir())
    with open_store(backup) as opened:  # still a store to go back to
        assert "p206" not in opened.people_index()


def test_a_stale_backup_of_another_store_is_replaced(tmp_path):
    store = tmp_path / "old.db"
    shutil.copy(FIXTURE, store)
    backup = Path(f"{store}.schema1.bak")
    backup.write_bytes(b"SQLite format 3\0 another store's old copy")
    api.GraphCRM(store).stats()
    assert b"another store" not in backup.read_bytes()
    assert NAME.encode() in backup.read_bytes()


def test_changes_keeps_its_earlier_state_in_memory(tmp_path, monkeypatch):
    """``changes --since`` rebuilds the earlier state in a store held in memory: no scratch
    file in the temporary folder, even while it runs (so a kill leaves none)."""
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    bid = api.GraphCRM(api.demo_store(tmp_path / "demo"))
    bid.snapshot("gate")
    bid.remove_role("prj-js-ess", NAME, "informant")
    seen: list[list[Path]] = []
    coverage = api.GraphCRM._coverage  # what changes asks of both states, while it runs

    def watching(self, *args, **kwargs):
        seen.append(list(scratch.rglob("*")))
        return coverage(self, *args, **kwargs)

    monkeypatch.setattr(api.GraphCRM, "_coverage", watching)
    assert bid.changes("gate", project="prj-js-ess", as_of=api.DEMO_AS_OF).records()
    assert seen and all(found == [] for found in seen)


def test_traces_match_exact_identifiers_only():
    traces = Traces.of("p206", NAME, f"{EMAIL}; {PRIVATE}")
    assert traces.file(f"bids/{NAME}明的客户.xlsx") == f"bids/{NAME}明的客户.xlsx"
    assert traces.file(f"cards\\{NAME}.vcf") == "cards\\(forgotten).vcf"
    assert traces.file(PRIVATE.upper()) == "(forgotten)"
    assert not traces.about({"key": "tie:p002:p2060", "address": "", "name": ""})
    assert traces.meetings([["2026-11-01", "p206", "email"], ["2026-11-02", "p002", "email"]]
                           ) == [["2026-11-02", "p002", "email"]]
