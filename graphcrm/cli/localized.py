"""``--help`` in the reader's language: click's help, with each command's and option's words
taken from :mod:`graphcrm.cli.help_words` when the language is Chinese.

``graphcrm --lang zh gaps --help`` (or ``GRAPHCRM_LANG=zh``, or a Chinese locale) shows the
usage line, the command's help, its examples (commands stay as they are typed) and every
option in Chinese. The language is known before the help is written: ``--lang`` is eager.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import click

from graphcrm.cli.help_words import COMMANDS, FRAME, METAVARS, OPTIONS
from graphcrm.words import default_lang

__all__ = ["InLang", "LocalizedCommand", "LocalizedGroup", "help_lang", "UsageInChinese",
           "usage_text"]

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
    from wcwidth import wcswidth  # help only: a command that answers does not need it

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
    from wcwidth import wcswidth  # help only, as in _wrap

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


#: click's messages about a command line, as a Chinese reader reads them (pattern → words).
_USAGE: list[tuple[re.Pattern[str], str]] = [(re.compile(p), w) for p, w in [
    (r"^Invalid value for (.+?): (.*)$", "{0} 的值无效：{1}"),
    (r"^(.+?) is not in the range (.+?)\.$", "{0} 不在范围 {1} 之内"),
    (r"^'(.+?)' is not a valid integer\.$", "'{0}' 不是整数"),
    (r"^'(.+?)' is not one of (.+?)\.$", "'{0}' 不是可选值（{1}）之一"),
    (r"^'(.+?)': not a calendar date \((.+)\)$", "'{0}' 不是有效日期"),
    (r"^'(.+?)': not a date .*$", "'{0}' 不是日期（应为 2026-11-01、2026-11 或 2026）"),
    (r"^No such option '(.+?)'\. Did you mean '(.+?)'\?$", "没有选项 '{0}'。是不是 '{1}'？"),
    (r"^No such option '(.+?)'\.?$", "没有选项 '{0}'"),
    (r"^No such option: (.+?)$", "没有选项 {0}"),
    (r"^No such command '(.+?)'\.$", "没有命令 '{0}'"),
    (r"^Missing argument '(.+?)'\.$", "缺少参数 '{0}'"),
    (r"^Missing option '(.+?)'\.$", "缺少选项 '{0}'"),
    (r"^Option '(.+?)' requires an argument\.$", "选项 '{0}' 需要一个值"),
    (r"^Got unexpected extra arguments? \((.+)\)$", "多余的参数（{0}）"),
    (r"^Path '(.+?)' does not exist\.$", "路径 '{0}' 不存在"),
    (r"^File '(.+?)' does not exist\.$", "文件 '{0}' 不存在"),
    (r"^give at most a SOURCE and a TARGET$", "最多给出一个起点和一个目标"),
    (r"^two projects given: (.+?) and (.+?)$", "给出了两个项目：{0} 和 {1}"),
]]


def usage_text(message: str) -> str:
    """One of click's messages about a command line, in Chinese (as it is, when unknown).

    >>> usage_text("Invalid value for '--max-hops': 0 is not in the range x>=1.")
    "'--max-hops' 的值无效：0 不在范围 x>=1 之内"
    """
    for pattern, words in _USAGE:
        found = pattern.match(message.strip())
        if found:
            parts = [usage_text(g) if i == len(found.groups()) - 1 and "{1}" in words
                     else g for i, g in enumerate(found.groups())]
            return _metavars(words.format(*parts))
    return message


class UsageInChinese(click.UsageError):
    """A command line click refused, said in Chinese: the usage, where help is, and why."""

    def __init__(self, error: click.UsageError) -> None:
        super().__init__(error.format_message(), error.ctx)  # with the parameter it names

    def show(self, file: object = None) -> None:
        if self.ctx is not None:
            click.echo(self.ctx.get_usage(), err=True)
            hint = self.ctx.command.get_help_option(self.ctx)
            if hint is not None:
                longest = max(hint.opts, key=len)
                click.echo(f"请运行 '{self.ctx.command_path} {longest}' 查看帮助。", err=True)
            click.echo(err=True)
        click.echo(f"错误：{usage_text(self.message)}", err=True)


@contextmanager
def _said_in_chinese(ctx: click.Context) -> Iterator[None]:
    """A command line click refuses, said in Chinese when the reader reads Chinese."""
    try:
        yield
    except click.UsageError as error:
        if help_lang(ctx) == "en" or isinstance(error, UsageInChinese):
            raise
        raise UsageInChinese(error) from None


class InLang:
    """What a command's help says, in the reader's language (mixed into click's classes)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with _said_in_chinese(ctx):
            return super().parse_args(ctx, args)  # type: ignore[misc]

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[
            str | None, click.Command | None, list[str]]:
        with _said_in_chinese(ctx):
            return super().resolve_command(ctx, args)  # type: ignore[misc]

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
