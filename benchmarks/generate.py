"""Generate a realistic synthetic bid network in graphcrm's import format.

The network has what a large account base has: our own company (about 1% of people),
customer organizations whose sizes are heavy-tailed, some of them subsidiaries of groups,
partners (design institutes, consultants) and competitors; an org-chart tree inside every
organization; KNOWS ties averaging ``ties_per_person`` per person with a heavy-tailed degree
distribution (most ties inside an organization, the rest across), a sprinkling of INFLUENCES
and REFERRED ties; projects at customers with a buying centre and a bid team; interactions.

Two knobs shape the degree distribution. ``--tail`` is the Pareto exponent of each person's
weight as a tie end (smaller is heavier: 2.0 by default, 1.5 gives super-connectors such as a
group CEO or our regional director with thousands of ties); ``--across`` is the share of KNOWS
ties drawn across organizations (0.3 by default, 0.5 as often across as inside).
``--describe`` prints what a network is like: degree percentiles, the best-connected people,
and the size of a project's neighbourhood (its stakeholders and everyone within two ties).

Usage::

    python benchmarks/generate.py --people 100000 -o /tmp/net100k [--seed 7]
    python benchmarks/generate.py --people 100000 -o /tmp/hubs100k --tail 1.5 --across 0.5 \
        --describe

As a module: ``generate(people, folder, seed=7, tail=2.0, across=0.3) -> dict`` (rows written
per table) and ``describe(folder) -> dict``.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import random
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华建文辉鹏欣宇晨佳思远涵浩然婷俊"
TITLES = ["工程师", "主管", "经理", "专员", "技术员", "总监", "副总经理", "处长", "科长", "主任"]
DEPARTMENTS = ["技术部", "采购部", "运维部", "信息中心", "财务部", "生产部", "基建处", "办公室"]
ROLES = ["decision_maker", "evaluator", "evaluator", "procurement", "influencer", "user",
         "user", "gatekeeper", "informant", "referrer"]
STANCES = ["champion", "supporter", "neutral", "neutral", "skeptic", "opponent"]
CHANNELS = ["meeting", "call", "email", "message", "visit", "meal", "event", "social"]


def _pareto_sizes(rng: random.Random, total: int, count: int, alpha: float = 1.3) -> list[int]:
    raw = [rng.paretovariate(alpha) for _ in range(count)]
    scale = total / sum(raw)
    sizes = [max(3, int(r * scale)) for r in raw]
    sizes[0] += total - sum(sizes)  # exact total; the first org absorbs rounding
    return sizes


def generate(people: int, folder: Path, seed: int = 7, ties_per_person: float = 5.0,
             tail: float = 2.0, across: float = 0.3) -> dict:
    """Write the six tables for a network of ``people`` people into ``folder``.

    ``ties_per_person`` counts KNOWS ties per person (each tie has two ends, so the average
    number of ties a person has is twice that: 5.0 gives ~10 per person, 500k ties for 100k).
    ``tail`` is the Pareto exponent of tie-end weights, ``across`` the share of KNOWS ties
    across organizations (module docs).
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    own = max(20, people // 100)
    partners = max(2, people // 5000)
    competitors = max(1, people // 10000)
    customers = max(3, people // 250)
    rest = people - own
    partner_people = rest // 10
    competitor_people = rest // 25
    customer_people = rest - partner_people - competitor_people

    orgs: list[tuple[str, str, str, str]] = [("own", "我们公司", "own", "")]
    sizes = [own]
    groups = [f"grp{i}" for i in range(max(1, customers // 20))]
    orgs += [(g, f"集团{g}", "customer", "") for g in groups]
    sizes += [3] * len(groups)
    for kind, count, total in (
        ("customer", customers, customer_people - 3 * len(groups)),
        ("partner", partners, partner_people),
        ("competitor", competitors, competitor_people),
    ):
        for i, size in enumerate(_pareto_sizes(rng, total, count)):
            parent = rng.choice(groups) if kind == "customer" and rng.random() < 0.3 else ""
            orgs.append((f"{kind[:4]}{i}", f"{kind}{i}", kind, parent))
            sizes.append(size)

    person_rows = []
    org_members: list[list[str]] = []
    org_of: list[int] = []
    n = 0
    for index, ((org_id, _name, _kind, _parent), size) in enumerate(zip(orgs, sizes, strict=True)):
        members = []
        for j in range(size):
            pid = f"p{n}"
            boss = members[rng.randrange(min(j, 1 + j // 6))] if j else ""
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN])
            person_rows.append((pid, name, org_id, rng.choice(TITLES), rng.choice(DEPARTMENTS),
                                boss, "", "", ""))
            members.append(pid)
            org_of.append(index)
            n += 1
        org_members.append(members)

    # heavy-tailed activity: a person's chance to be a tie end grows with their weight
    weights = [rng.paretovariate(tail) for _ in range(n)]
    cumulative = list(itertools.accumulate(weights))
    total_weight = cumulative[-1]
    ties: set[tuple[int, int]] = set()
    target = int(people * ties_per_person)
    while len(ties) < target:
        a = bisect.bisect_left(cumulative, rng.random() * total_weight)
        if rng.random() < 1 - across:
            members = org_members[org_of[a]]
            b = int(members[rng.randrange(len(members))][1:])
        else:
            b = bisect.bisect_left(cumulative, rng.random() * total_weight)
        if a != b and a < n and b < n:
            ties.add((min(a, b), max(a, b)))
    tie_rows = []
    for a, b in ties:
        dated = rng.random() < 0.6
        tie_rows.append((
            f"p{a}", f"p{b}", "KNOWS", rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5]),
            rng.choice([1, 1, 1, 2, 2, 3, 4]), f"20{rng.randint(10, 25)}-01-01",
            f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}" if dated else "", "",
        ))
    for _ in range(people // 50):
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            tie_rows.append((f"p{a}", f"p{b}", rng.choice(["INFLUENCES", "REFERRED"]),
                             rng.randint(1, 5), "", "", "", ""))
    tie_rows = list({(r[0], r[1], r[2]): r for r in tie_rows}.values())

    customer_orgs = [i for i, o in enumerate(orgs) if o[2] == "customer" and sizes[i] >= 15]
    project_rows, stakeholder_rows = [], []
    for k in range(max(2, people // 1000)):
        index = rng.choice(customer_orgs)
        project_rows.append((f"prj{k}", f"项目{k}", orgs[index][0],
                             rng.choice(["lead", "qualifying", "bidding"]),
                             rng.randint(1, 500) * 10000, "2027-06-30"))
        chosen = rng.sample(org_members[index], min(12, len(org_members[index])))
        for pid, role in zip(chosen, ROLES, strict=False):
            stakeholder_rows.append((f"prj{k}", pid, role, rng.randint(1, 5),
                                     rng.choice(STANCES), ""))
        for pid in rng.sample(org_members[0], 5):
            stakeholder_rows.append((f"prj{k}", pid, "bid_team", "", "", ""))

    interaction_rows = {}
    for _ in range(people // 5):
        date = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
        row = (date, f"p{rng.randrange(own, n)}", rng.choice(org_members[0]),
               rng.choice(CHANNELS), rng.choice(["positive", "neutral", "negative"]), "")
        interaction_rows[row[:4]] = row

    tables = {
        "organizations": (["id", "name", "kind", "parent_id"], orgs),
        "people": (["id", "name", "org_id", "title", "department", "reports_to", "email",
                    "phone", "notes"], person_rows),
        "relationships": (["source", "target", "type", "strength", "level", "since",
                           "last_contact", "notes"], tie_rows),
        "projects": (["id", "name", "customer_id", "stage", "value", "deadline"], project_rows),
        "stakeholders": (["project_id", "person_id", "role", "influence", "stance", "notes"],
                         stakeholder_rows),
        "interactions": (["date", "person_id", "our_person_id", "channel", "sentiment",
                          "notes"], list(interaction_rows.values())),
    }
    for name, (header, rows) in tables.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    return {name: len(rows) for name, (_, rows) in tables.items()}


def describe(folder: Path, project: str = "prj0") -> dict:
    """What a generated network is like: degree percentiles (ties of any type), the ten
    best-connected people's degrees, our people's share, and the size of ``project``'s
    neighbourhood (its stakeholders and everyone within two ties or reporting lines)."""
    adjacency: dict[str, set[str]] = {}
    ties = 0
    with open(folder / "relationships.csv", newline="", encoding="utf-8") as handle:
        for row in itertools.islice(csv.reader(handle), 1, None):
            adjacency.setdefault(row[0], set()).add(row[1])
            adjacency.setdefault(row[1], set()).add(row[0])
            ties += 1
    people = 0
    ours = 0
    chart: dict[str, set[str]] = {}
    with open(folder / "people.csv", newline="", encoding="utf-8") as handle:
        for row in itertools.islice(csv.reader(handle), 1, None):
            people += 1
            ours += row[2] == "own"
            if row[5]:
                chart.setdefault(row[0], set()).add(row[5])
                chart.setdefault(row[5], set()).add(row[0])
    degrees = sorted((len(adjacency.get(f"p{i}", ())) for i in range(people)), reverse=True)

    def percentile(q: float) -> int:
        return degrees[min(len(degrees) - 1, int((1 - q) * len(degrees)))]

    with open(folder / "stakeholders.csv", newline="", encoding="utf-8") as handle:
        seeds = {row[1] for row in csv.reader(handle) if row[0] == project}
    hood, frontier = set(seeds), set(seeds)
    for _ in range(2):
        frontier = {m for p in frontier for m in adjacency.get(p, set()) | chart.get(p, set())
                    } - hood
        hood |= frontier
    hood_ties = sum(1 for p in hood for m in adjacency.get(p, ()) if m in hood) // 2
    return {"people": people, "ties": ties, "ours": ours,
            "degree": {"p50": percentile(0.5), "p90": percentile(0.9), "p99": percentile(0.99),
                       "max": degrees[0]},
            "top10": [degrees[9], degrees[0]],
            "neighbourhood": {"project": project, "people": len(hood), "ties": hood_ties}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tail", type=float, default=2.0,
                        help="Pareto exponent of tie-end weights (smaller: heavier hubs)")
    parser.add_argument("--across", type=float, default=0.3,
                        help="share of KNOWS ties across organizations")
    parser.add_argument("--describe", action="store_true",
                        help="print degree percentiles and a project's neighbourhood size")
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args()
    counts = generate(args.people, args.out, args.seed, tail=args.tail, across=args.across)
    print(", ".join(f"{k}: {v:,}" for k, v in counts.items()), "->", args.out)
    if args.describe:
        print(json.dumps(describe(args.out), indent=2))


if __name__ == "__main__":
    main()
