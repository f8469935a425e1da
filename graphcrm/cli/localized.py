"""``--help`` in the reader's language: click's help, with each command's and option's words
taken from :mod:`graphcrm.cli.help_words` when the language is Chinese.

``graphcrm --lang zh gaps --help`` (or ``GRAPHCRM_LANG=zh``, or a Chinese locale) shows the
usage line, the command's help, its examples (commands stay as they are typed) and every
option in Chinese. The language is known before the help is written: ``--lang`` is eager.
"""

from __future__ import annotations

import re

import click
from wcwidth import wcswidth

from graphcrm.cli.help_words import COMMANDS, FRAME, METAVARS, OPTIONS
from graphcrm.words import default_lang

__all__ = ["InLang", "LocalizedCommand", "LocalizedGroup", "help_lang"]

_BRACKET = re.compile(r"\s*\[([^\[\]]*)\]\s*$")
_WORD = re.compile(r"\b[A-Z][A-Z_]+\b")
_COMMENT = re.compile(r"\s+#.*$")  # an example's English comment
WIDTH = 80  # display columns (a Chinese character takes two)
_CLOSING = set("，。；：、）》」』！？")  # never the first of a line


def help_lang(ctx: click.Context) -> str:
    """The language help is written in: ``--lang`` as given so far, else the default."""
    root = ctx.find_root()
    return str((root.obj or {}).get("lang") or default_lang()).lower()


def _path(ctx: click.Context) -> str:
    """The command's path without the program's name: ``gaps``, ``remove tie``, ``""``."""
    return " ".join(ctx.command_path.split()[1:])


def _metavars(text: str) -> str:
    return _WORD.sub(lambda m: METAVARS.get(m.group(0), m.group(0)), text)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` display columns (a line may break between any
    two Chinese characters, between words elsewhere)."""
    lines, line, used = [], "", 0
    for piece in re.findall(r"[A-Za-z0-9_.:/@|'\-\[\]=<>,;()]+|\s+|.", text):
        size = wcswidth(piece)
        if used + size > width and line.strip() and piece not in _CLOSING:
            lines.append(line.rstrip())
            line, used = "", 0
            if piece.isspace():
                continue
        line, used = line + piece, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _write_dl(formatter: click.HelpFormatter, heading: str,
              rows: list[tuple[str, str]]) -> None:
    """A heading and a two-column list, aligned and wrapped by display width."""
    formatter.write_paragraph()
    formatter.write(f"{heading}\n")
    first = min(30, max(wcswidth(term) for term, _ in rows))
    room = max(20, WIDTH - 2 - first - 2)
    for term, said in rows:
        lines = _wrap(said, room) or [""]
        if wcswidth(term) > first:
            formatter.write(f"  {term}\n")
            pad = " " * (2 + first + 2)
            formatter.write("".join(f"{pad}{line}\n" for line in lines))
            continue
        formatter.write(f"  {term}{' ' * (first - wcswidth(term))}  {lines[0]}\n")
        formatter.write("".join(f"{' ' * (2 + first + 2)}{line}\n" for line in lines[1:]))


def _extra(english: str) -> str:
    """The ``[default: …]``/``[required]`` click adds to an option's help, in Chinese."""
    found = _BRACKET.search(english)
    if not found:
        return ""
    inner = found.group(1)
    for word, said in FRAME.items():
        inner = inner.replace(word, said)
    return f"  [{inner}]"


class InLang:
    """What a command's help says, in the reader's language (mixed into click's classes)."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if help_lang(ctx) == "en":
            super().format_usage(ctx, formatter)  # type: ignore[misc]
            return
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, _metavars(" ".join(pieces)),
                              prefix=FRAME["Usage:"] + " ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        said = COMMANDS.get(_path(ctx))
        if help_lang(ctx) == "en" or said is None:
            super().format_help_text(ctx, formatter)  # type: ignore[misc]
            return
        formatter.write_paragraph()
        for paragraph in said.split("\n\n"):
            formatter.write("".join(f"  {line}\n" for line in _wrap(paragraph, WIDTH - 2)))
            formatter.write_paragraph()
        examples = (getattr(self, "help", None) or "").split("Examples:", 1)
        if len(examples) == 2:  # the commands themselves, as they are typed
            lines = [_COMMENT.sub("", line.strip())
                     for line in examples[1].strip("\n").splitlines() if line.strip()]
            formatter.write(f"  {FRAME['Examples:']}\n")
            formatter.write("".join(f"    {line}\n" for line in lines))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if help_lang(ctx) == "en":
            super().format_options(ctx, formatter)  # type: ignore[misc]
            return
        records = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
            if record is None:
                continue
            name = "help" if param.name == "_click_default_help" else str(param.name)
            said = OPTIONS.get(f"{_path(ctx)}.{name}") or OPTIONS.get(name)
            records.append((_metavars(record[0]),
                            f"{said}{_extra(record[1])}" if said else record[1]))
        if records:
            _write_dl(formatter, FRAME["Options"], records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if help_lang(ctx) == "en":
            super().format_commands(ctx, formatter)  # type: ignore[misc]
            return
        rows = []
        for name in self.list_commands(ctx):  # type: ignore[attr-defined]
            command = self.get_command(ctx, name)  # type: ignore[attr-defined]
            if command is None or command.hidden:
                continue
            path = " ".join([*_path(ctx).split(), name])
            said = COMMANDS.get(path)
            rows.append((name, said.split("\n", 1)[0] if said
                         else command.get_short_help_str(limit=80)))
        if rows:
            _write_dl(formatter, FRAME["Commands"], rows)


class LocalizedCommand(InLang, click.Command):
    """A click command whose help follows ``--lang``."""


class LocalizedGroup(InLang, click.Group):
    """A click group whose help (and its commands' list) follows ``--lang``."""

    command_class = LocalizedCommand
    group_class = type  # its groups are localized groups too
