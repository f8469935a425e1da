"""The README's command reference, made from the commands themselves.

:func:`reference` renders every command's usage line, first help sentence and options as
Markdown; the README holds it between ``<!-- reference:start -->`` and
``<!-- reference:end -->``, and a test fails when the two differ. After changing a command,
``python -m graphcrm.cli.reference README.md`` writes it again.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from graphcrm.cli import cli

__all__ = ["reference", "rewrite", "START", "END"]

START, END = "<!-- reference:start -->", "<!-- reference:end -->"


def _first_sentence(text: str) -> str:
    paragraph = " ".join(text.split("\n\n")[0].split())
    return paragraph.split(". ")[0].rstrip(".") + "."


def reference() -> str:
    """Every command of ``graphcrm``, in order: usage, what it does, its options."""
    ctx = click.Context(cli, info_name="graphcrm")
    lines = ["| command | what it does | options |", "| --- | --- | --- |"]
    for name in sorted(cli.commands):
        command = cli.commands[name]
        sub = click.Context(command, info_name=name, parent=ctx)
        usage = " ".join(command.collect_usage_pieces(sub))
        options = [max(p.opts, key=len) for p in command.params
                   if isinstance(p, click.Option) and not p.hidden and p.name != "help"
                   and not (p.name in ("store", "lang") and not p.expose_value)]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            usage = "(" + " \\| ".join(sorted(subcommands)) + ") ..."
        code = f"graphcrm {name} {usage}".replace("[OPTIONS]", "").split()
        lines.append(f"| `{' '.join(code)}` | {_first_sentence(command.help or '')} | "
                     + " ".join(f"`{o}`" for o in options) + " |")
    return "\n".join(lines) + "\n"


def rewrite(text: str) -> str:
    """``text`` (the README) with its reference block made anew."""
    pattern = re.compile(re.escape(START) + r"\n.*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise ValueError(f"no {START} … {END} block")
    return pattern.sub(lambda _: f"{START}\n{reference()}{END}", text)


if __name__ == "__main__":  # python -m graphcrm.cli.reference README.md
    readme = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    readme.write_text(rewrite(readme.read_text("utf-8")), encoding="utf-8")
