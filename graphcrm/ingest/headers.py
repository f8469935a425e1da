"""Table and column names as people write them: Chinese, CRM exports, or a mapping file.

A sheet or file called ``人员`` is the ``people`` table and its header ``姓名`` the column
``name``; a CRM contact export's ``First Name`` and ``Last Name`` make the name, ``Account
Name`` the organization (by name). Matching folds case and full-width forms (``ＩＤ`` is
``id``) and treats spaces, ``-`` and ``_`` alike. Anything else is named in a mapping file the
user writes (:func:`read_mapping`): a CSV file with the columns ``table``, ``column`` and
``header``, one row per header to recognise.

Example
-------
>>> headers = Headers()
>>> headers.table("联系人"), headers.column("people", "职位"), headers.column("people", "E-Mail")
('people', 'title', 'email')
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from graphcrm.domain import normalize_token
from graphcrm.errors import InputError
from graphcrm.ingest.limits import DEFAULT_LIMITS, check_size
from graphcrm.records import SCHEMA
from graphcrm.words import Said, os_reason

__all__ = ["Headers", "fold", "read_mapping", "chinese_header", "header_unit", "FIRST_NAME",
           "LAST_NAME", "ROW_NUMBER", "UNITS"]

#: Pseudo-columns of a CRM export: joined into ``name`` by validation.
FIRST_NAME = "_first_name"
LAST_NAME = "_last_name"


def fold(text: str) -> str:
    """A header or sheet name folded for matching — the one folding rule,
    :func:`graphcrm.domain.normalize_token`: ``" Org-ID "`` → ``"org_id"``, ``"ＩＤ"`` →
    ``"id"``."""
    return normalize_token(text)


_TABLES = {
    "organizations": ["organization", "orgs", "单位", "组织", "客户", "机构", "公司", "accounts"],
    "people": ["person", "contacts", "人员", "联系人", "人物"],
    "relationships": ["ties", "关系", "人脉"],
    "projects": ["project", "opportunities", "项目", "商机"],
    "stakeholders": ["roles", "项目角色", "干系人", "决策链"],
    "interactions": ["contacts_log", "联系记录", "拜访记录", "活动"],
}

# Column synonyms per table (folded when used). The contract's own name always counts.
_COLUMNS: dict[str, dict[str, list[str]]] = {
    "organizations": {
        "id": ["编号", "单位编号", "org id", "account id"],
        "name": ["名称", "单位名称", "单位", "组织名称", "客户名称", "account name", "company"],
        "kind": ["类型", "单位类型", "单位性质", "性质", "单位类别", "type"],
        "industry": ["行业"],
        "region": ["地区", "区域", "省份", "城市", "所在地", "所在地区"],
        "parent_id": ["上级单位", "母公司", "所属集团", "parent", "parent account"],
        "domains": ["邮箱域名", "域名", "邮箱后缀", "mail domains", "email domains", "domain"],
    },
    "people": {
        "id": ["编号", "人员编号", "工号", "contact id"],
        "name": ["姓名", "名字", "联系人", "full name"],
        "org_id": ["单位", "单位编号", "所在单位", "所属单位", "所在公司", "公司", "组织",
                   "account name", "account",
                   "company", "organization"],
        "title": ["职务", "职位", "头衔", "岗位", "job title", "position"],
        "department": ["部门", "处室", "科室", "所在部门", "dept"],
        "reports_to": ["上级", "直属上级", "直接上级", "上级领导", "直属领导", "直接领导",
                       "分管领导", "汇报对象", "汇报给", "reports to", "manager"],
        "email": ["邮箱", "电子邮件", "电子邮箱", "e mail", "email address", "mail"],
        "phone": ["电话", "手机", "联系电话", "手机号", "mobile", "mobile phone",
                  "business phone", "tel", "telephone"],
        "notes": ["备注", "说明", "description"],
        "status": ["状态", "在职状态", "任职状态", "人员状态", "任职情况"],
        "status_since": ["状态日期", "变动日期", "变动时间", "任职变动日期", "离任日期",
                         "到任日期", "status date"],
        "predecessor": ["前任", "接替", "接任", "接替谁", "前任人员", "succeeds",
                        "predecessor", "replaces"],
        FIRST_NAME: ["first name", "given name", "名"],
        LAST_NAME: ["last name", "surname", "family name", "姓"],
    },
    "relationships": {
        "source": ["人员甲", "甲方", "人员a", "关系人1", "关系人甲", "我方/关系人", "关系人",
                   "from", "person a"],
        "target": ["人员乙", "乙方", "人员b", "关系人2", "关系人乙", "对方", "对方人员", "to",
                   "person b"],
        "type": ["类型", "关系类型"],
        "strength": ["强度", "关系强度", "亲密度", "亲密程度", "熟悉程度"],
        "level": ["层级", "关系层级", "级别", "关系性质", "关系类别", "关系属性"],
        "since": ["开始", "相识时间", "开始时间", "认识时间", "相识年份"],
        "last_contact": ["最近联系", "最近联系时间", "最后联系", "最近一次联系",
                         "last contacted"],
        "notes": ["备注", "说明"],
    },
    "projects": {
        "id": ["编号", "项目编号", "商机编号", "招标编号", "标段编号", "opportunity id"],
        "name": ["名称", "项目名称", "商机名称", "opportunity name"],
        "customer_id": ["客户", "客户单位", "业主", "业主单位", "招标人", "建设单位", "甲方",
                        "account name", "account"],
        "stage": ["阶段", "项目阶段", "商机阶段"],
        "value": ["金额", "项目金额", "预算", "项目预算", "合同金额", "amount"],
        "deadline": ["截止日期", "投标截止", "投标截止时间", "截止时间", "开标时间",
                     "开标日期", "close date"],
    },
    "stakeholders": {
        "project_id": ["项目", "项目编号", "商机"],
        "person_id": ["人员", "姓名", "联系人", "客户人员", "人员姓名"],
        "role": ["角色", "项目角色", "决策角色", "角色定位"],
        "influence": ["影响力", "影响程度"],
        "stance": ["立场", "态度", "倾向"],
        "owner": ["我方负责人", "负责人", "对接人", "我方对接人", "责任人"],
        "next_step": ["下一步", "下一步计划", "应对策略", "行动计划", "next step"],
        "due": ["完成时间", "计划完成时间", "时限", "due date"],
        "concerns": ["关注点", "关注重点", "诉求", "关注"],
        "leaning": ["倾向厂家", "倾向单位", "倾向友商", "倾向于", "偏向", "leans to", "favours"],
        "notes": ["备注", "说明"],
    },
    "interactions": {
        "date": ["日期", "时间", "联系日期", "拜访日期"],
        "person_id": ["人员", "客户人员", "联系人", "对方"],
        "our_person_id": ["我方人员", "我方", "拜访人"],
        "channel": ["方式", "渠道", "联系方式", "形式", "拜访方式"],
        "sentiment": ["感受", "效果", "反馈", "结果"],
        "notes": ["备注", "内容", "说明"],
    },
}


#: What a sheet's columns must include to be read as each table, whatever it is called.
_SIGNATURES = {
    "people": lambda c: "name" in c and bool(c & {"org_id", "title", "department",
                                                  "reports_to"}),
    "relationships": lambda c: {"source", "target"} <= c,
    "stakeholders": lambda c: "person_id" in c and bool(c & {"role", "stance", "influence"}),
    "interactions": lambda c: {"date", "person_id"} <= c and bool(c & {"our_person_id",
                                                                       "channel"}),
    "organizations": lambda c: "name" in c and bool(c & {"kind", "parent_id", "domains"}),
    "projects": lambda c: "name" in c and bool(c & {"customer_id", "stage", "value",
                                                    "deadline"}),
}


#: A header that numbers the rows (序号, No., #, 行号): read, never stored.
ROW_NUMBER = "_row_number"
_ROW_NUMBERS = {fold(h) for h in ("序号", "编号序号", "行号", "no", "no.", "#", "n°", "顺序号")}
#: A unit in brackets at the end of a header: 预算（万元）, 金额(元).
_UNIT = re.compile(r"_?\(([^()]*)\)$")
#: What an amount's unit multiplies it by (amounts are stored in yuan).
UNITS = {"元": 1, "万": 10_000, "万元": 10_000, "亿": 100_000_000, "亿元": 100_000_000}


def header_unit(header: str) -> int:
    """What the unit in a header's brackets multiplies its amounts by (1 without one).

    >>> header_unit("预算（万元）"), header_unit("金额(元)"), header_unit("预算")
    (10000, 1, 1)
    """
    found = _UNIT.search(fold(header))
    return UNITS.get(found.group(1), 1) if found else 1


def chinese_header(table: str, column: str) -> str | None:
    """The first Chinese header the importer knows for ``column`` of ``table``.

    >>> chinese_header("people", "reports_to")
    '上级'
    """
    return next((n for n in _COLUMNS.get(table, {}).get(column, [])
                 if any("\u4e00" <= ch <= "\u9fff" for ch in n)), None)


@dataclass
class Headers:
    """Which table a sheet or file name means, and which column a header means.

    ``mapping`` (from :func:`read_mapping`) adds the user's own headers; they count before
    the built-in synonyms.
    """

    mapping: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._tables = {fold(t): t for t in SCHEMA}
        for table, names in _TABLES.items():
            self._tables.update({fold(n): table for n in names})
        self._columns: dict[str, dict[str, str]] = {}
        for table, spec in SCHEMA.items():
            known = {fold(c): c for c in spec.column_names}
            for column, names in _COLUMNS.get(table, {}).items():
                for name in names:
                    known.setdefault(fold(name), column)
            known.update({fold(h): c for h, c in self.mapping.get(table, {}).items()})
            self._columns[table] = known

    def table(self, name: str) -> str | None:
        """The table a sheet or file (without extension) called ``name`` holds, if any."""
        return self._tables.get(fold(name))

    def column(self, table: str, header: str) -> str | None:
        """The contract column (or CRM name part) a header of ``table`` means, if any; a
        unit in brackets after it is not part of its name (``预算（万元）`` is ``value``).
        Row numbers (序号, No., #) are no column: ``ROW_NUMBER``."""
        folded = fold(header)
        if folded in _ROW_NUMBERS:
            return ROW_NUMBER
        found = self._columns[table].get(folded)
        if found is None and _UNIT.search(folded):
            found = self._columns[table].get(_UNIT.sub("", folded))
        return found

    def hinted(self, title: str) -> str | None:
        """The one table a sheet's title mentions (``关系网络表`` → relationships,
        ``决策链条梳理`` → stakeholders), or None when it mentions none or several."""
        folded = fold(title)
        found = {table for word, table in self._tables.items()
                 if len(word) >= 2 and word in folded}
        return found.pop() if len(found) == 1 else None

    def classify(self, title: str, rows: list[list[str]]) -> tuple[str | None, str]:
        """Which table a sheet holds, by what its columns are (its title only breaks a tie):
        ``(table, why)``; ``(None, why)`` for a sheet of instructions (one column of text) or
        one whose columns match no table. ``rows``: its first non-blank rows.

        >>> Headers().classify("相关人员", [["序号", "姓名", "单位", "职务", "直接上级"]])
        ('people', '姓名 → name, 单位 → org_id, 职务 → title, 直接上级 → reports_to')
        >>> Headers().classify("填写说明", [["本表用于……"], ["1. 按部门填写"]])
        (None, 'instructions')
        """
        if all(sum(1 for c in cells if c.strip()) <= 1 for cells in rows):
            return None, "instructions"
        hint = self.hinted(title)
        best: tuple[tuple[int, bool, int], str, list[str]] | None = None
        for index, cells in enumerate(rows):
            for table, signature in _SIGNATURES.items():
                named = {c.strip(): self.column(table, c) for c in cells if c.strip()}
                found = {v for v in named.values() if v}
                if not signature(found):
                    continue
                score = (len(found), table == hint, -index)
                if best is None or score > best[0]:
                    best = (score, table, [f"{k} → {v}" for k, v in named.items()
                                           if v and v != ROW_NUMBER])
        if best is None:
            return None, "its columns match no table"
        return best[1], ", ".join(best[2])

    def is_canonical(self, table: str, header: str) -> bool:
        """Whether ``header`` spells the contract's own column name."""
        return fold(header) in {fold(c) for c in SCHEMA[table].column_names}


def read_mapping(path: str | Path) -> dict[str, dict[str, str]]:
    """Read a mapping file: CSV with ``table``, ``column``, ``header`` (UTF-8 or GB18030).

    Returns
    -------
    dict
        ``table → {header: column}``.

    Raises
    ------
    InputError
        The file cannot be read, lacks a column, names an unknown table or column, or maps
        one header twice; the message names the file and row.

    Example
    -------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "mapping.csv")
    >>> _ = open(path, "w", encoding="utf-8").write("table,column,header\\npeople,name,客户姓名\\n")
    >>> read_mapping(path)
    {'people': {'客户姓名': 'name'}}
    """
    from graphcrm.ingest.readers import decode_csv

    path = Path(path)
    check_size(path, DEFAULT_LIMITS)
    try:
        text = decode_csv(path.read_bytes(), str(path))
    except OSError as err:
        raise InputError(Said("error.cannot_read", path=path, why=os_reason(err))) from err
    csv.field_size_limit(DEFAULT_LIMITS.max_line_chars)  # as the table reader bounds it
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:  # a field over the csv module's limit, a stray NUL
        raise InputError(Said("mapping.unreadable", path=path, why=str(err))) from None
    if not rows:
        raise InputError(Said("mapping.empty", path=path))
    header = [fold(c) for c in rows[0]]
    missing = [c for c in ("table", "column", "header") if c not in header]
    if missing:
        raise InputError(Said("mapping.missing", path=path, columns=", ".join(missing)))
    at = {c: header.index(c) for c in ("table", "column", "header")}
    mapping: dict[str, dict[str, str]] = {}
    seen: dict[tuple[str, str], int] = {}
    headers = Headers()
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cells = {k: (row[i].strip() if i < len(row) else "") for k, i in at.items()}
        table = headers.table(cells["table"])
        if table is None:
            raise InputError(Said("mapping.not_table", path=path, row=number,
                                  value=repr(cells["table"]), tables=", ".join(SCHEMA)))
        column = fold(cells["column"])
        if column not in SCHEMA[table].column_names:
            raise InputError(Said("mapping.not_column", path=path, row=number,
                                  value=repr(cells["column"]), table=table,
                                  columns=", ".join(SCHEMA[table].column_names)))
        if not cells["header"]:
            raise InputError(Said("mapping.no_header", path=path, row=number))
        key = (table, fold(cells["header"]))
        if key in seen:
            raise InputError(Said("mapping.twice", path=path, row=number,
                                  value=repr(cells["header"]), table=table, first=seen[key]))
        seen[key] = number
        mapping.setdefault(table, {})[cells["header"]] = column
    return mapping
