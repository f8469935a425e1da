"""What hostile files cost graphcrm: time to a verdict and peak memory, each in a fresh process.

The files are the ones a careless or hostile sender can make small: a 16 KB workbook that
claims every cell of its sheet, a 1 MB workbook holding a 1 GiB shared string, a 50 MB CSV
whose header has 25 million columns, a people.csv of a million rows, a re-import of a file
with 16,000 extra columns, a calendar event repeating every minute since 2020, a 300 MB
mailbox, LinkedIn's export of 60,000 connections and an address book of 100,000 vCards.
Each runs ``graphcrm import`` (``--dry-run`` where the file is refused or only read) in its
own process; the figures are medians of ``--runs`` runs,
beside a baseline measured in the same run (importing the bundled sample), since the
machines are shared and noisy.

Usage::

    python benchmarks/bench_hostile.py --runs 3 [--cases bomb string header rows extras
                                                 minutely mbox linkedin vcards]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _workbook(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from tests.ingest.test_limits import workbook  # the tests' own small workbook

    return workbook(folder)


def _rewrite(source: Path, target: Path, member: str, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED,
                                                         compresslevel=9) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, change(data) if info.filename == member else data)
    return target


def make_bomb(folder: Path) -> list[str]:
    """16 KB: dimension A1:XFD1048576 and a row at 1048576."""
    far = (b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>z</t></is></c>'
           b'<c r="B1048576" t="inlineStr"><is><t>Zed</t></is></c>'
           b'<c r="C1048576" t="inlineStr"><is><t>o-c</t></is></c></row>')

    def change(xml: bytes) -> bytes:
        import re

        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
        return xml.replace(b"</sheetData>", far + b"</sheetData>")

    path = _rewrite(_workbook(folder), folder / "bomb.xlsx", "xl/worksheets/sheet2.xml", change)
    return ["import", "--dry-run", str(path)]


def make_string(folder: Path) -> list[str]:
    """About 1 MB on disk: a shared string of 1 GiB."""
    path = folder / "string.xlsx"
    source = _workbook(folder)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                         compresslevel=9) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        with zout.open("xl/sharedStrings.xml", "w", force_zip64=True) as handle:
            handle.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                         b'main" count="1" uniqueCount="1"><si><t>')
            block = b"x" * (1 << 20)
            for _ in range(1024):
                handle.write(block)
            handle.write(b"</t></si></sst>")
    return ["import", "--dry-run", str(path)]


def make_header(folder: Path) -> list[str]:
    """A 50 MB organizations.csv whose header has 25 million columns."""
    path = folder / "wide" / "organizations.csv"
    path.parent.mkdir()
    with path.open("w") as handle:
        handle.write("id,name")
        for _ in range(25):
            handle.write(",x" * 1_000_000)
        handle.write("\n")
    return ["import", "--dry-run", str(path.parent)]


def make_rows(folder: Path) -> list[str]:
    """A people.csv of a million rows (and the one organization they work at)."""
    target = folder / "rows"
    target.mkdir()
    (target / "organizations.csv").write_text("id,name\no1,客户\n", encoding="utf-8")
    with (target / "people.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "org_id", "title"])
        writer.writerows([f"p{i}", f"人{i}", "o1", "工程师"] for i in range(1_000_000))
    return ["import", "--dry-run", str(target)]


def make_extras(folder: Path) -> list[str]:
    """Re-importing 6 people with 16,000 extra columns into a store that has them already."""
    sys.path.insert(0, str(ROOT))
    from tests.conftest import TINY, write_tables

    tables = {k: [list(r) for r in v] for k, v in TINY.items()}
    tables["people"][0] += [f"x{i}" for i in range(16_000)]
    for row in tables["people"][1:]:
        row += [f"v{i}" for i in range(16_000)]
    source = write_tables(folder / "extras", tables)
    store = folder / "extras.db"
    command = ["--store", str(store), "import", "--max-columns", "20000", str(source)]
    _run(command)  # the first import; the case measured is the second
    return command


def _sample_store(folder: Path) -> Path:
    store = folder / "sample.db"
    _run(["--store", str(store), "import", str(ROOT / "data" / "sample")])
    return store


def make_minutely(folder: Path) -> list[str]:
    """A calendar whose one event repeats every minute since 2020 (3.6 million steps)."""
    path = folder / "minutely.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:m\r\n"
                     b"DTSTART:20200101T000000Z\r\nRRULE:FREQ=MINUTELY\r\n"
                     b"ORGANIZER:mailto:lin.x@huaxin.example\r\n"
                     b"ATTENDEE:mailto:wang.jg@dfny-js.example\r\nEND:VEVENT\r\n"
                     b"END:VCALENDAR\r\n")
    return ["--store", str(_sample_store(folder)), "import", "--dry-run", str(path)]


def make_mbox(folder: Path) -> list[str]:
    """A 300 MB mailbox (over the default --max-file-mb of 256): refused before reading."""
    path = folder / "big.mbox"
    message = (b"From MAILER-DAEMON Mon Nov  2 10:00:00 2026\nFrom: lin.x@huaxin.example\n"
               b"To: wang.jg@dfny-js.example\nDate: Mon, 2 Nov 2026 10:00:00 +0800\n"
               b"Subject: x\n\n" + b"y" * 1_000_000 + b"\n\n")
    with path.open("wb") as out:
        for _ in range(300):
            out.write(message)
    return ["--store", str(_sample_store(folder)), "import", "--dry-run", str(path)]


def make_linkedin(folder: Path) -> list[str]:
    """LinkedIn's Connections.csv with 60,000 people nobody knows yet."""
    path = folder / "Connections.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        for i in range(60_000):
            out.write(f"名{i},李,https://x/{i},,新客户{i % 50},工程师,01 Jan 2024\n")
    return ["--store", str(_sample_store(folder)), "import", "--dry-run", str(path)]


def make_vcards(folder: Path) -> list[str]:
    """100,000 vCards (a phone's whole address book)."""
    path = folder / "all.vcf"
    with path.open("w", encoding="utf-8") as out:
        for i in range(100_000):
            out.write(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:联系人{i}\r\nORG:单位{i % 80}\r\n"
                      f"EMAIL:c{i}@example.cn\r\nTEL:139{i:08d}\r\nEND:VCARD\r\n")
    return ["--store", str(_sample_store(folder)), "import", "--dry-run", str(path)]


CASES = {"bomb": make_bomb, "string": make_string, "header": make_header, "rows": make_rows,
         "extras": make_extras, "minutely": make_minutely, "mbox": make_mbox,
         "linkedin": make_linkedin, "vcards": make_vcards}

_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{took:.3f} {peak:.0f} {done.returncode}")
print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "", file=sys.stderr)
"""


def _run(args: list[str]) -> tuple[float, float, int, str]:
    graphcrm = str(Path(sys.executable).with_name("graphcrm"))
    done = subprocess.run([sys.executable, "-c", _MEASURE, graphcrm, *args],
                          capture_output=True, text=True, timeout=1800)
    took, peak, code = done.stdout.split()
    return float(took), float(peak), int(code), done.stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="graphcrm-hostile-") as tmp:
        folder = Path(tmp)
        base_store = folder / "base.db"
        sample = str(ROOT / "data" / "sample")
        baseline = [_run(["--store", str(base_store), "import", "--dry-run", sample])
                    for _ in range(options.runs)]
        base = statistics.median(b[0] for b in baseline)
        print(f"baseline (sample, dry run): {base:.2f} s, "
              f"{statistics.median(b[1] for b in baseline):.0f} MiB")
        print(f"{'case':<8} {'median s':>9} {'× base':>7} {'peak MiB':>9} {'exit':>5}  message")
        for name in options.cases:
            case = folder / name
            case.mkdir()
            started = time.perf_counter()
            command = CASES[name](case)
            made = time.perf_counter() - started
            runs = [_run(command) for _ in range(options.runs)]
            took = statistics.median(r[0] for r in runs)
            peak = statistics.median(r[1] for r in runs)
            print(f"{name:<8} {took:>9.2f} {took / base:>7.1f} {peak:>9.0f} {runs[0][2]:>5}  "
                  f"{runs[0][3][:110]}  (made in {made:.0f} s)")


if __name__ == "__main__":
    main()
