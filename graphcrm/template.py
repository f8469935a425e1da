"""An empty import workbook to start from: the exact sheets and headers, drop-downs for every
vocabulary, two example rows per sheet and a sheet that explains each column.

In Chinese (``lang="zh"``) the sheets, headers and drop-down words are the Chinese ones the
importer recognises (人员 / 姓名 / 单位 …, 决策者 / 支持 / 友情 …), so the workbook imports as
written in either language. A folder instead of an ``.xlsx`` path gets one CSV file per table
(UTF-8 with a byte-order mark, as Excel reads it) and a ``README.txt``.

Example
-------
>>> import tempfile, os
>>> path = write_template(os.path.join(tempfile.mkdtemp(), "bid.xlsx"), lang="zh")
>>> import openpyxl
>>> openpyxl.load_workbook(path).sheetnames[:3]
['说明', '单位', '人员']
"""

from __future__ import annotations

import csv
from pathlib import Path

from graphcrm.atomic import replacing
from graphcrm.domain import Vocabulary, chinese_words
from graphcrm.ingest.headers import chinese_header
from graphcrm.records import SCHEMA, Column
from graphcrm.words import Said, os_reason

__all__ = ["write_template", "LANGUAGES"]

LANGUAGES = ("en", "zh")
_SHEETS_ZH = {"organizations": "单位", "people": "人员", "relationships": "关系",
              "projects": "项目", "stakeholders": "项目角色", "interactions": "联系记录"}
_MEANING = {
    "organizations": ("Customers, our own company, partners, competitors.",
                      "客户、我方公司、合作伙伴（设计院、咨询、集成商）、竞争对手。"),
    "people": ("Contacts and our own people, with their organization and superior.",
               "联系人和我方人员：所在单位、职务、上级。"),
    "relationships": ("Who knows, influences or referred whom; strength 1–5.",
                      "谁认识谁、谁影响谁、谁介绍了谁；强度 1–5。"),
    "projects": ("Bids and opportunities at a customer.", "某个客户的投标项目或商机。"),
    "stakeholders": ("Each person's part in a project: role, influence 1–5, stance.",
                     "每个人在项目中的角色、影响力（1–5）和立场。"),
    "interactions": ("Dated contacts between one of us and a contact.",
                     "我方人员与联系人的每次联系（日期、方式、感受）。"),
}
_EXAMPLES = {
    "en": {
        "organizations": [["o-us", "Our Company", "own", "automation", "Shanghai", ""],
                          ["o-cust", "Dongfang Energy", "customer", "energy", "Beijing", ""]],
        "people": [["p1", "Lin Xiao", "o-us", "account manager", "sales", "", "lin@us.example",
                    "", ""],
                   ["p2", "Wang Jianguo", "o-cust", "general manager", "board", "", "", "",
                    "decides on the plant"],
                   ["p3", "Zhang Wei", "o-cust", "engineer", "technology", "p2", "", "", ""]],
        "relationships": [["p1", "p2", "KNOWS", "4", "business", "2020-01-01", "2026-11-01",
                           "met at the expo"],
                          ["p3", "p2", "INFLUENCES", "", "", "", "", ""]],
        "projects": [["prj-1", "Plant monitoring", "o-cust", "bidding", "1200000",
                      "2027-01-15"],
                     ["prj-2", "Building automation", "o-cust", "lead", "", ""]],
        "stakeholders": [["prj-1", "p2", "decision_maker", "5", "neutral", ""],
                         ["prj-1", "p1", "bid_team", "", "", ""]],
        "interactions": [["2026-11-20", "p2", "p1", "meal", "positive", "dinner"],
                         ["2026-10-01", "p3", "p1", "call", "neutral", ""]],
    },
    "zh": {
        "organizations": [["o-us", "华信智能", "我方", "工业自动化", "上海", ""],
                          ["o-cust", "东方新能源", "客户", "能源", "北京", ""]],
        "people": [["p1", "林晓", "o-us", "大客户经理", "销售部", "", "lin@us.example", "", ""],
                   ["p2", "王建国", "o-cust", "总经理", "总经办", "", "", "", "项目拍板人"],
                   ["p3", "张伟", "o-cust", "工程师", "技术部", "p2", "", "", ""]],
        "relationships": [["p1", "p2", "认识", "4", "商务", "2020-01-01", "2026-11-01",
                           "展会认识"],
                          ["p3", "p2", "影响", "", "", "", "", ""]],
        "projects": [["prj-1", "储能电站监控", "o-cust", "投标", "1200000", "2027-01-15"],
                     ["prj-2", "楼宇自控改造", "o-cust", "线索", "", ""]],
        "stakeholders": [["prj-1", "p2", "决策者", "5", "中立", ""],
                         ["prj-1", "p1", "投标团队", "", "", ""]],
        "interactions": [["2026-11-20", "p2", "p1", "饭局", "正面", "晚饭"],
                         ["2026-10-01", "p3", "p1", "电话", "中性", ""]],
    },
}


def _words(vocabulary: type[Vocabulary], lang: str) -> list[str]:
    """The drop-down words of a vocabulary: canonical English, or the first Chinese synonym
    the importer knows for each member."""
    if lang == "en":
        return [m.value for m in vocabulary]
    chinese = chinese_words(vocabulary)
    return [chinese.get(m.value, m.value) for m in vocabulary]


def _header(table: str, column: Column, lang: str) -> str:
    return (chinese_header(table, column.name) if lang == "zh" else None) or column.name


def _sheet(table: str, lang: str) -> str:
    return _SHEETS_ZH[table] if lang == "zh" else table


def _explanation(lang: str) -> list[list[str]]:
    zh = lang == "zh"
    rows = [["表（工作表）", "列", "必填", "含义与取值"] if zh else
            ["table (sheet)", "column", "required", "meaning and values"]]
    for table, spec in SCHEMA.items():
        rows.append([_sheet(table, lang), "", "", _MEANING[table][1 if zh else 0]])
        for column in spec.columns:
            values = ""
            if column.vocabulary is not None:
                values = " / ".join(_words(column.vocabulary, lang))
            elif column.kind == "date":
                values = "YYYY-MM-DD"
            elif column.references:
                values = (f"{_sheet(column.references, lang)} 的编号或名称" if zh else
                          f"id or exact name in {column.references}")
            elif column.low is not None:
                values = f"{column.low}–{column.high}"
            required = ("是" if zh else "yes") if column.required else ""
            rows.append(["", _header(table, column, lang), required, values])
    return rows


def write_template(path: str | Path, lang: str = "en") -> Path:
    """Write the import template to ``path``: an ``.xlsx`` workbook, or CSV files in a folder.

    Parameters
    ----------
    path
        ``something.xlsx``, or a folder (created if need be).
    lang
        ``en`` or ``zh``: the language of sheet names, headers, drop-downs and explanations.

    Returns
    -------
    Path
        What was written.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (expected one of: {', '.join(LANGUAGES)})")
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        _workbook(path, lang)
    else:
        _folder(path, lang)
    return path


def _workbook(path: Path, lang: str) -> None:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    about = book.worksheets[0]
    about.title = "说明" if lang == "zh" else "README"
    for row in _explanation(lang):
        about.append(row)
    for cell in about[1]:
        cell.font = Font(bold=True)
    about.column_dimensions["D"].width = 60
    for table, spec in SCHEMA.items():
        sheet = book.create_sheet(_sheet(table, lang))
        sheet.append([_header(table, c, lang) for c in spec.columns])
        for index, column in enumerate(spec.columns, start=1):
            sheet.cell(row=1, column=index).font = Font(bold=column.required)
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = 16
            if column.vocabulary is not None:
                words = ",".join(_words(column.vocabulary, lang))
                check = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True,
                                       showErrorMessage=True)
                check.add(f"{letter}2:{letter}2000")
                sheet.add_data_validation(check)
        for row in _EXAMPLES[lang][table]:
            sheet.append(row)
        sheet.freeze_panes = "A2"
    with replacing(path) as temporary:
        book.save(temporary)


def _folder(folder: Path, lang: str) -> None:
    from graphcrm.errors import OutputError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(Said("error.cannot_create", target=folder,
                               why=os_reason(err))) from err
    for table, spec in SCHEMA.items():
        with replacing(folder / f"{_sheet(table, lang)}.csv") as temporary, \
                temporary.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow([_header(table, c, lang) for c in spec.columns])
            writer.writerows(_EXAMPLES[lang][table])
    with replacing(folder / "README.txt") as temporary:
        lines = ["\t".join(row) for row in _explanation(lang)]
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
