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
from dataclasses import dataclass, field
from pathlib import Path

from graphcrm.domain import normalize_token
from graphcrm.errors import InputError
from graphcrm.ingest.limits import DEFAULT_LIMITS, check_size
from graphcrm.records import SCHEMA

__all__ = ["Headers", "fold", "read_mapping", "chinese_header", "FIRST_NAME", "LAST_NAME"]

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
        "kind": ["类型", "单位类型", "type"],
        "industry": ["行业"],
        "region": ["地区", "区域", "省份", "城市"],
        "parent_id": ["上级单位", "母公司", "所属集团", "parent", "parent account"],
        "domains": ["邮箱域名", "域名", "mail domains", "email domains", "domain"],
    },
    "people": {
        "id": ["编号", "人员编号", "工号", "contact id"],
        "name": ["姓名", "名字", "联系人", "full name"],
        "org_id": ["单位", "单位编号", "所在单位", "公司", "组织", "account name", "account",
                   "company", "organization"],
        "title": ["职务", "职位", "头衔", "job title", "position"],
        "department": ["部门", "处室", "科室", "dept"],
        "reports_to": ["上级", "直属上级", "汇报对象", "reports to", "manager"],
        "email": ["邮箱", "电子邮件", "电子邮箱", "e mail", "email address", "mail"],
        "phone": ["电话", "手机", "联系电话", "手机号", "mobile", "mobile phone",
                  "business phone", "tel", "telephone"],
        "notes": ["备注", "说明", "description"],
        "status": ["状态", "在职状态", "任职状态", "人员状态", "任职情况"],
        "status_since": ["状态日期", "变动日期", "变动时间", "任职变动日期", "离任日期",
                         "到任日期", "status date"],
        FIRST_NAME: ["first name", "given name", "名"],
        LAST_NAME: ["last name", "surname", "family name", "姓"],
    },
    "relationships": {
        "source": ["人员甲", "甲方", "人员a", "from", "person a"],
        "target": ["人员乙", "乙方", "人员b", "to", "person b"],
        "type": ["类型", "关系类型"],
        "strength": ["强度", "关系强度", "亲密度"],
        "level": ["层级", "关系层级", "级别"],
        "since": ["开始", "相识时间", "开始时间", "认识时间"],
        "last_contact": ["最近联系", "最近联系时间", "最后联系", "last contacted"],
        "notes": ["备注", "说明"],
    },
    "projects": {
        "id": ["编号", "项目编号", "商机编号", "opportunity id"],
        "name": ["名称", "项目名称", "商机名称", "opportunity name"],
        "customer_id": ["客户", "客户单位", "业主", "account name", "account"],
        "stage": ["阶段", "项目阶段", "商机阶段"],
        "value": ["金额", "项目金额", "预算", "amount"],
        "deadline": ["截止日期", "投标截止", "截止时间", "close date"],
    },
    "stakeholders": {
        "project_id": ["项目", "项目编号", "商机"],
        "person_id": ["人员", "姓名", "联系人"],
        "role": ["角色", "项目角色"],
        "influence": ["影响力"],
        "stance": ["立场", "态度"],
        "notes": ["备注", "说明"],
    },
    "interactions": {
        "date": ["日期", "时间", "联系日期", "拜访日期"],
        "person_id": ["人员", "客户人员", "联系人", "对方"],
        "our_person_id": ["我方人员", "我方", "拜访人"],
        "channel": ["方式", "渠道", "联系方式"],
        "sentiment": ["感受", "效果", "反馈"],
        "notes": ["备注", "内容", "说明"],
    },
}


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
        """The contract column (or CRM name part) a header of ``table`` means, if any."""
        return self._columns[table].get(fold(header))

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
        raise InputError(f"{path}: cannot be read ({err.strerror})") from err
    csv.field_size_limit(DEFAULT_LIMITS.max_line_chars)  # as the table reader bounds it
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:  # a field over the csv module's limit, a stray NUL
        raise InputError(f"{path}: not a mapping file ({err}); expected the columns table, "
                         "column, header") from None
    if not rows:
        raise InputError(f"{path}: empty; expected the columns table, column, header")
    header = [fold(c) for c in rows[0]]
    missing = [c for c in ("table", "column", "header") if c not in header]
    if missing:
        raise InputError(f"{path}, row 1: missing column {', '.join(missing)} "
                         "(expected table, column, header)")
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
            raise InputError(f"{path}, row {number}, column table: {cells['table']!r} is not "
                             f"a table (expected one of: {', '.join(SCHEMA)})")
        column = fold(cells["column"])
        if column not in SCHEMA[table].column_names:
            raise InputError(f"{path}, row {number}, column column: {cells['column']!r} is not "
                             f"a column of {table} (expected one of: "
                             f"{', '.join(SCHEMA[table].column_names)})")
        if not cells["header"]:
            raise InputError(f"{path}, row {number}, column header: missing value")
        key = (table, fold(cells["header"]))
        if key in seen:
            raise InputError(f"{path}, row {number}, column header: {cells['header']!r} is "
                             f"mapped twice for {table} (first at row {seen[key]})")
        seen[key] = number
        mapping.setdefault(table, {})[cells["header"]] = column
    return mapping
