"""What a person reads of an influence-path question (``graphcrm path``): the chains, hop by
hop, and why there is none, worded from the catalogue (:mod:`graphcrm.words`); the search
itself is :mod:`graphcrm.analysis.paths`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphcrm.results import Block, Part, Result, plain
from graphcrm.words import joined, word


@dataclass(frozen=True)
class Hop:
    """One tie on a chain, as a salesperson would check it."""

    source: str
    target: str
    type: str
    strength: float | None
    effective_strength: float
    level: int | None
    last_contact: str | None
    probability: float
    undated: bool
    #: along a reporting line, which way the request runs (``up``: to the superior)
    direction: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The hop as plain data (for JSON)."""
        return {
            "from": self.source, "to": self.target, "type": self.type,
            "strength": self.strength, "effective_strength": round(self.effective_strength, 2),
            "level": self.level, "last_contact": self.last_contact,
            "probability": round(self.probability, 3), "undated": self.undated,
            "direction": self.direction,
        }


@dataclass(frozen=True)
class InfluencePath:
    """One chain from one of our people to the target. ``opposed``: the people on it (the
    target aside) who oppose us or doubt us in the project — a chain through them is flagged,
    not hidden, unless ``avoid_opponents`` leaves them out."""

    rank: int
    nodes: list[str]
    names: list[str]
    strength: float
    hops: list[Hop]
    opposed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The path as plain data: rank, nodes, names, strength, the opposed people on it and
        per-hop detail."""
        return {"rank": self.rank, "nodes": self.nodes, "names": self.names,
                "strength": round(self.strength, 4), "opposed": self.opposed,
                "hops": [h.as_dict() for h in self.hops]}


@dataclass(frozen=True)
class PathResult(Result):
    """The best chains to ``target``, or why there are none (``why``: a catalogue key and
    its values; ``reason``: the same in English)."""

    target: str
    sources: list[str]
    paths: list[InfluencePath] = field(default_factory=list)
    why: tuple[str, dict[str, Any]] | None = None
    target_name: str = ""

    kind = "path"

    @property
    def reason(self) -> str | None:
        """Why there is no path, in English (None when there are paths)."""
        return self.reason_in("en")

    def reason_in(self, lang: str) -> str | None:
        """Why there is no path, in ``lang``."""
        if self.why is None:
            return None
        key, values = self.why
        return word(key, lang, **values)

    def records(self) -> list[dict[str, Any]]:
        """One record per path (the JSON output)."""
        return plain([p.as_dict() for p in self.paths])

    def parts(self) -> dict[str, Part]:
        """``hops``: one row per hop (rank, chain strength, who to whom by id and name, tie
        type, strength, strength today, level, last contact — None, with ``undated`` True,
        when the tie has no date — and, along a reporting line, ``direction``: ``down`` when
        the superior passes the request to their subordinate, ``up`` the other way)."""
        rows = []
        for path in self.paths:
            for step, (hop, name_from, name_to) in enumerate(
                zip(path.hops, path.names, path.names[1:], strict=False), start=1
            ):
                rows.append({
                    "rank": path.rank, "chain": round(path.strength, 3), "hop": step,
                    "from_id": hop.source, "from": name_from, "to_id": hop.target,
                    "to": name_to, "tie": hop.type,
                    "strength": hop.strength, "now": round(hop.effective_strength, 1),
                    "level": hop.level, "last_contact": hop.last_contact,
                    "undated": hop.undated, "direction": hop.direction,
                })
        columns = ["rank", "chain", "hop", "from_id", "from", "to_id", "to", "tie", "strength",
                   "now", "level", "last_contact", "undated", "direction"]
        return {"hops": Part(columns, rows, shown=(
            "rank", "chain", "hop", "from", "to", "tie", "strength", "now", "level",
            "last_contact"))}

    def blocks(self, lang: str) -> list[Block]:
        if not self.paths:
            return [Block(word("path.none", lang, reason=self.reason_in(lang)))]
        out: list[Block] = []
        hops = self.part("hops").rows
        shown_columns = ["hop", "from", "to", "tie", "strength", "now", "level", "last_contact"]
        for path in self.paths:
            out.append(Block(word("path.head", lang, rank=path.rank, strength=path.strength,
                                  hops=word("hops", lang, n=len(path.hops)),
                                  names=" → ".join(path.names))))
            if path.opposed:
                out.append(Block(word("path.warn", lang, text=word(
                    "path.through_opponent", lang, names=joined(path.opposed, lang))),
                    indent="    "))
            out.append(self.table("hops", lang, shown_columns, indent="    ", rows=[
                {**r, "last_contact": "undated" if r["undated"] else r["last_contact"],
                 # a reporting line the way it runs: "经上级引荐" down, "向上级汇报" up
                 "tie": f"{r['tie']}.{r['direction']}" if r["direction"] else r["tie"]}
                for r in hops if r["rank"] == path.rank]))
            out.append(Block())
        return out[:-1]
