"""``--help`` in Chinese (issue 23, 8): every command and option has its Chinese, and a
Chinese reader of any command's help reads no English sentence."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.cli.help_words import COMMANDS, OPTIONS


def _commands(group: click.Group = cli, path: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


PATHS = [path for path, _ in _commands()]


def test_every_command_and_option_has_its_chinese():
    for path, command in _commands():
        assert " ".join(path) in COMMANDS, path
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                assert f"{' '.join(path)}.{param.name}" in OPTIONS or param.name in OPTIONS, \
                    (path, param.name)


#: What stays as typed in a Chinese help: the program, commands, options and their values,
#: environment variables, formats and the examples' own words.
def _typed(path: tuple[str, ...], command: click.Command) -> set[str]:
    words = {"graphcrm", "neo4j", "neo", "Neo", "gb", "html", "bolt", "GRAPHCRM_STORE",
             "GRAPHCRM_LANG", "JSON", "CSV",
             "PNG", "PDF", "HTML", "SQLite", "Neo4j", "Chromium", "Excel", "GraphML", "GEXF",
             "Gephi", "Cytoscape", "NetworkX", "D3", "KNOWS", "INFLUENCES", "REFERRED",
             "PowerPoint", "WPS",
             "orgchart", "network", "utf", "gb18030", "qq", "com", "xlsx", "help", "version",
             "PROJECT"}
    words |= {part for name, _ in _commands() for part in name}
    for param in command.params:
        for opt in getattr(param, "opts", []) + getattr(param, "secondary_opts", []):
            words |= set(re.findall(r"[A-Za-z_]+", opt))
        if isinstance(param.type, click.Choice):
            words |= {str(c) for c in param.type.choices}
    return words


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_chinese_help_says_no_english(path):
    command = dict(_commands())[path]
    result = CliRunner().invoke(cli, ["--lang", "zh", *path, "--help"], prog_name="graphcrm")
    assert result.exit_code == 0, result.output
    text = result.output
    body, _, rest = text.partition("  示例：")  # the examples are commands as typed
    after = rest.split("\n\n", 1)[1] if "\n\n" in rest else ""
    left = [w for w in re.findall(r"[A-Za-z_]{2,}", body + after)
            if w not in _typed(path, command) and w not in {"stakeholders", "person"}]
    assert left == [], (path, left, text)
    assert "用法：" in text and "选项：" in text


def test_english_help_is_unchanged():
    text = CliRunner().invoke(cli, ["--lang", "en", "gaps", "--help"],
                              prog_name="graphcrm").output
    assert text.startswith("Usage: graphcrm gaps [OPTIONS] [PROJECT]")
    assert "Longer routes do not count." in text and "Options:" in text


def test_the_root_help_in_chinese_lists_every_command():
    text = CliRunner().invoke(cli, ["--lang", "zh", "--help"], prog_name="graphcrm").output
    assert "命令：" in text and "gaps" in text and "每位决策相关干系人的覆盖级别" in text


@pytest.mark.parametrize(("args", "said"), [
    (["gaps", "--max-hops", "0"], "错误：'--max-hops' 的值无效：0 不在范围 x>=1 之内"),
    (["gaps", "--as-of", "2026-13-45"], "错误：'--as-of' 的值无效：'2026-13-45' 不是有效日期"),
    (["gaps", "--nope"], "错误：没有选项 '--nope'"),
    (["nocmd"], "错误：没有命令 'nocmd'"),
    (["restore"], "错误：缺少参数 '文件'"),
    (["gaps", "--format", "xml"], "错误：'--format' 的值无效：'xml' 不是可选值"),
])
def test_a_refused_command_line_is_said_in_chinese(args, said):
    result = CliRunner().invoke(cli, ["--lang", "zh", *args], prog_name="graphcrm")
    assert result.exit_code == 2
    assert said in result.output and "请运行 'graphcrm" in result.output
    assert "Error" not in result.output and "Try" not in result.output
    english = CliRunner().invoke(cli, ["--lang", "en", *args], prog_name="graphcrm")
    assert english.exit_code == 2 and "Error: " in english.output
