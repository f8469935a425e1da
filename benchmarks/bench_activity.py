"""Benchmark: importing a calendar export of 10,000 events and a mailbox of 50,000 messages.

Both are generated against the bundled sample's people (our people as organizers and
senders; customer people, strangers, private addresses and colleagues as attendees and
recipients; some declined, some recurring weekly, some internal only) and imported, each in
a child process of its own, into a copy of the sample store (``graphcrm import FILE``
through the API: read, match, validate, plan and write). The child reports its wall time
and peak memory (max RSS). The baseline, measured in the same run and process set-up, is the
bare library reading the same file: ``icalendar`` parsing the calendar and walking its
events, the standard library's ``mailbox`` reading each message and its header parser (the
legacy policy, as graphcrm uses it) parsing its headers. Medians.

Usage::

    python benchmarks/bench_activity.py --events 10000 --messages 50000 --runs 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import mailbox
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.policy import compat32
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
OURS = ["lin.x@huaxin.example", "zhao.l@huaxin.example", "chen.zy@huaxin.example",
        "zhou.m@huaxin.example"]
THEIRS = ["wang.jg@dfny-js.example", "zhang.w@dfny-js.example", "qian.li@dfny.example",
          "yang.f@dfny-js.example"]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def write_calendar(path: Path, events: int, rng: random.Random) -> None:
    start = dt.datetime(2025, 1, 6, 9, 0)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//graphcrm bench//EN"]
    for i in range(events):
        when = start + dt.timedelta(hours=rng.randrange(0, 24 * 680))
        lines += ["BEGIN:VEVENT", f"UID:bench-{i}@example", f"SUMMARY:会议 {i}",
                  f"DTSTART;TZID=Asia/Shanghai:{when:%Y%m%dT%H%M%S}",
                  f"ORGANIZER;CN=我方:mailto:{rng.choice(OURS)}"]
        if rng.random() < 0.02:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=8")
        if rng.random() > 0.1:  # the rest are internal only
            for _ in range(rng.randint(1, 3)):
                address = rng.choice(THEIRS) if rng.random() < 0.6 else \
                    f"stranger{rng.randrange(2000)}@elsewhere.example"
                status = "DECLINED" if rng.random() < 0.1 else "ACCEPTED"
                lines.append(f"ATTENDEE;CN=客人;PARTSTAT={status}:mailto:{address}")
        lines.append(f"ATTENDEE;CN=同事:mailto:{rng.choice(OURS)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def write_mailbox(path: Path, messages: int, rng: random.Random) -> None:
    box = mailbox.mbox(path)
    start = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    box.lock()
    for i in range(messages):
        msg = EmailMessage()
        ours, theirs = rng.choice(OURS), rng.choice(THEIRS) if rng.random() < 0.6 else \
            f"stranger{rng.randrange(5000)}@{rng.choice(['qq.com', 'elsewhere.example'])}"
        msg["From"], msg["To"] = (ours, theirs) if rng.random() < 0.5 else (theirs, ours)
        msg["Date"] = (start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 680))
                       ).strftime("%a, %d %b %Y %H:%M:%S %z")
        msg["Subject"] = f"回复：方案 {i}"
        msg["Message-ID"] = f"<bench-{i}@example>"
        msg.set_content("正文 " * 200)
        box.add(msg)
    box.flush()
    box.unlock()


def child_import(source: Path, store: Path) -> dict:
    from graphcrm.api import GraphCRM

    start = time.perf_counter()
    summary = GraphCRM(store).import_data([source], until=dt.date(2026, 11, 28))
    return {"seconds": time.perf_counter() - start, "peak_mib": _peak_mib(),
            "used": summary.activity.used,
            "interactions": sum(summary.activity.interactions.values())}


def child_baseline(source: Path) -> dict:
    start = time.perf_counter()
    if source.suffix == ".ics":
        import icalendar

        count = len(icalendar.Calendar.from_ical(source.read_bytes()).walk("VEVENT"))
    else:
        from email.parser import BytesHeaderParser

        parser = BytesHeaderParser(policy=compat32)
        count = sum(1 for message in mailbox.mbox(source)
                    if parser.parsebytes(message.as_bytes())["From"])
    return {"seconds": time.perf_counter() - start, "peak_mib": _peak_mib(), "count": count}


def _run_child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("--child-import", "--child-baseline"):
        source = Path(sys.argv[2])
        result = child_import(source, Path(sys.argv[3])) if sys.argv[1] == "--child-import" \
            else child_baseline(source)
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from graphcrm.api import GraphCRM
    from graphcrm.resources import sample_dir

    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="graphcrm-bench-") as tmp:
        folder = Path(tmp)
        sample = folder / "sample.db"
        GraphCRM(sample).import_data([sample_dir()])
        cases = [(f"calendar, {args.events:,} events", folder / "bench.ics"),
                 (f"mailbox, {args.messages:,} messages", folder / "bench.mbox")]
        write_calendar(cases[0][1], args.events, rng)
        write_mailbox(cases[1][1], args.messages, rng)
        print(f"{'file':<26}{'MiB':>6}{'import s':>10}{'peak MiB':>10}{'library s':>11}"
              f"{'ratio':>8}{'used':>8}{'interactions':>14}")
        for name, source in cases:
            imports, bases = [], []
            for run in range(args.runs):
                store = folder / f"run{run}.db"
                shutil.copy(sample, store)
                imports.append(_run_child("--child-import", str(source), str(store)))
                bases.append(_run_child("--child-baseline", str(source)))
                store.unlink()
            took = statistics.median(r["seconds"] for r in imports)
            base = statistics.median(r["seconds"] for r in bases)
            print(f"{name:<26}{source.stat().st_size / 2**20:>6.1f}{took:>10.2f}"
                  f"{statistics.median(r['peak_mib'] for r in imports):>10.0f}{base:>11.2f}"
                  f"{took / base:>7.1f}x{imports[0]['used']:>8,}"
                  f"{imports[0]['interactions']:>14,}")
    print(f"(median of {args.runs} runs, each import in a fresh process into a copy of the "
          "sample store)")


if __name__ == "__main__":
    main()
