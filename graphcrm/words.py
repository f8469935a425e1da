"""Every word graphcrm says to a user, in English and Chinese: one catalogue.

Tables, headings, reasons, the demo, notebook displays and CSV headers take their words from
here; JSON keys and enum values do not (they are an interface and stay English). A word is
looked up by key, ``word("Coverage.uncovered", "zh")``, and may carry ``{placeholders}``.

Vocabulary values (roles, stances, tie levels …) are keyed by their vocabulary and canonical
value, ``"Role.decision_maker"``; their Chinese words are the ones bid teams use (决策者,
项目线人, 铁杆 …) and each one imports back as the same value
(``tests/test_words.py`` checks both directions, and that no key lacks a language).

Example
-------
>>> word("Stance.champion", "zh")
'铁杆'
>>> word("people", "en", n=1), word("people", "en", n=2)
('1 person', '2 people')
>>> cell("coverage", "reachable", "zh")
'可引荐'
"""

from __future__ import annotations

import errno
import locale
import os
from collections.abc import Iterable, Sequence
from typing import Any

from graphcrm.domain import (
    Channel,
    Coverage,
    MapStatus,
    OrgKind,
    PersonStatus,
    ProjectStage,
    Role,
    Sentiment,
    Stance,
    TieLevel,
    TieType,
    Vocabulary,
)
from graphcrm.errors import BadArgument
from graphcrm.records import SCHEMA

__all__ = ["LANGUAGES", "VOCABULARIES", "cell", "column", "default_lang", "joined", "role_words",
           "Field",
           "vocab", "word", "WORDS", "field_name", "field_value", "Said", "ReadAs", "say",
           "VocabularyRefused", "Listed", "problem_text", "os_reason", "column_word",
           "record_label"]

LANGUAGES = ("en", "zh")

#: The vocabularies whose values are shown to users, translated.
VOCABULARIES: tuple[type[Vocabulary], ...] = (
    OrgKind, Role, Stance, TieType, TieLevel, Channel, Sentiment, ProjectStage, PersonStatus,
    Coverage, MapStatus)

# key → (English, Chinese). Plural forms: "<key>" for one and "<key>.n" for several.
WORDS: dict[str, tuple[str, str]] = {
    # -- vocabularies ------------------------------------------------------------------------------
    "OrgKind.customer": ("customer", "客户"),
    "OrgKind.own": ("ours", "我方"),
    "OrgKind.partner": ("partner", "合作伙伴"),
    "OrgKind.competitor": ("competitor", "竞争对手"),
    "OrgKind.other": ("other", "其他"),
    "Role.decision_maker": ("decision maker", "决策者"),
    "Role.evaluator": ("evaluator", "评估者"),
    "Role.user": ("user", "使用者"),
    "Role.procurement": ("procurement", "采购"),
    "Role.influencer": ("influencer", "影响者"),
    "Role.gatekeeper": ("gatekeeper", "把关者"),
    "Role.informant": ("informant", "项目线人"),
    "Role.referrer": ("referrer", "案源介绍人"),
    "Role.bid_team": ("bid team", "投标团队"),
    "Stance.champion": ("champion", "铁杆"),
    "Stance.supporter": ("supporter", "支持"),
    "Stance.neutral": ("neutral", "中立"),
    "Stance.skeptic": ("skeptic", "怀疑"),
    "Stance.opponent": ("opponent", "反对"),
    "Stance.unknown": ("unknown", "未知"),
    "TieType.KNOWS": ("knows", "认识"),
    "TieType.INFLUENCES": ("influences", "影响"),
    "TieType.REFERRED": ("referred", "介绍"),
    "TieType.REPORTS_TO": ("reports to", "汇报"),
    "TieType.DOTTED_LINE": ("dotted-line reports to", "虚线汇报"),
    # a reporting line on a chain, the way the request runs along it
    "TieType.REPORTS_TO.down": ("superior introduces", "经上级引荐"),
    "TieType.REPORTS_TO.up": ("reports to (passes it up)", "向上级汇报"),
    "TieType.DOTTED_LINE.down": ("dotted-line superior introduces", "经虚线上级引荐"),
    "TieType.DOTTED_LINE.up": ("dotted-line reports to (passes it up)", "向虚线上级汇报"),
    "TieLevel.business": ("business", "商务"),
    "TieLevel.personal": ("personal", "业余"),
    "TieLevel.friendship": ("friendship", "友情"),
    "TieLevel.family": ("family-like", "亲情"),
    "Channel.meeting": ("meeting", "会议"),
    "Channel.call": ("call", "电话"),
    "Channel.email": ("email", "邮件"),
    "Channel.message": ("message", "微信"),
    "Channel.social": ("social", "社交"),
    "Channel.event": ("event", "活动"),
    "Channel.meal": ("meal", "饭局"),
    "Channel.visit": ("visit", "拜访"),
    "Sentiment.negative": ("negative", "负面"),
    "Sentiment.neutral": ("neutral", "中性"),
    "Sentiment.positive": ("positive", "正面"),
    "ProjectStage.lead": ("lead", "线索"),
    "ProjectStage.qualifying": ("qualifying", "资格确认"),
    "ProjectStage.bidding": ("bidding", "投标"),
    "ProjectStage.won": ("won", "赢单"),
    "ProjectStage.lost": ("lost", "丢单"),
    "field.status": ("status", "状态"),
    "field.status_since": ("status_since", "状态日期"),
    "field.owner": ("owner", "我方负责人"),
    "field.next_step": ("next_step", "下一步"),
    "field.due": ("due", "完成时间"),
    "field.concerns": ("concerns", "关注点"),
    "field.leaning": ("leaning", "倾向厂家"),
    "field.predecessor": ("predecessor", "前任"),
    "blank": ("(blank)", "（空）"),
    "note.as_known": ("As of {day}: ties that began later and interactions after it are left "
                      "out; people and roles are as recorded today (the store cannot date "
                      "when they became true).",
                      "截至 {day}：此后才开始的关系和此后的联系记录不计；人员和角色按现在的"
                      "记录（库中无从得知其何时成立）。"),
    "PersonStatus.in_post": ("in post", "在职"),
    "PersonStatus.new": ("newly appointed", "新任"),
    "PersonStatus.moved": ("moved to another post", "调任"),
    "PersonStatus.transferred": ("transferred away", "调离"),
    "PersonStatus.left": ("left", "离职"),
    "PersonStatus.retired": ("retired", "退休"),
    # -- coverage, brokerage, quadrants, contact plan ------------------------------------------
    "Coverage.in_depth": ("in depth", "深度覆盖"),
    "Coverage.contacted": ("contacted", "已接触"),
    "Coverage.reachable": ("reachable", "可引荐"),
    "Coverage.contested": ("contested", "受阻"),
    "Coverage.uncovered": ("uncovered", "未覆盖"),
    "coverage.in_depth.means": ("two of us hold working ties, or one does and a second "
                                "independent route counts",
                                "我方两人有直接往来，或一人有且另有一条独立路线"),
    "coverage.contacted.means": ("one of us holds a working tie", "我方一人与其有直接往来"),
    "coverage.reachable.means": ("none of us has a working tie; introduction routes count",
                                 "我方无人与其直接往来，但有可引荐的路线"),
    "coverage.contested.means": ("every route runs through someone against us",
                                 "所有路线都经过反对、怀疑我方或倾向友商的人"),
    "coverage.uncovered.means": ("no route that counts", "没有有效路线"),
    "MapStatus.no_contact": ("no contact", "没有接触"),
    "MapStatus.no_key_player": ("no key player contacted", "缺关键人"),
    "MapStatus.no_supportive_key_player": ("no key player supports us", "关键人无支持者"),
    "MapStatus.ok": ("ok", "正常"),
    "gf.coordinator": ("coordinator", "协调者"),
    "gf.gatekeeper": ("gatekeeper", "把关者"),
    "gf.representative": ("representative", "代言人"),
    "gf.consultant": ("consultant", "顾问"),
    "gf.liaison": ("liaison", "联络人"),
    "gf.coordinator.means": ("passes word along inside their own organization",
                             "在本单位内部传递消息"),
    "gf.gatekeeper.means": ("the way into their organization for outsiders",
                            "外部人进入其单位的门路"),
    "gf.representative.means": ("speaks for their organization to outsiders",
                                "代表本单位对外说话"),
    "gf.consultant.means": ("links two people of another organization",
                            "在另一单位的两个人之间牵线"),
    "gf.liaison.means": ("links people of organizations other than their own",
                         "在本单位以外的不同单位之间牵线"),
    "quadrant.manage closely": ("manage closely", "重点经营"),
    "quadrant.keep satisfied": ("keep satisfied", "保持满意"),
    "quadrant.keep informed": ("keep informed", "保持沟通"),
    "quadrant.monitor": ("monitor", "持续观察"),
    "kind.overdue": ("overdue", "该联系了"),
    "kind.cooling": ("cooling", "关系降温"),
    "kind.next step overdue": ("next step overdue", "下一步逾期"),
    "hole.role unknown": ("role unknown", "角色不明"),
    "hole.superior unknown": ("superior unknown", "上级不明"),
    "hole.department without contact": ("department without contact", "部门无联系人"),
    "undated": ("undated", "无日期"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    # -- counted nouns ---------------------------------------------------------------------------
    "people": ("{n} person", "{n} 人"),
    "people.n": ("{n} people", "{n} 人"),
    "ties": ("{n} tie", "{n} 条关系"),
    "ties.n": ("{n} ties", "{n} 条关系"),
    "organizations": ("{n} organization", "{n} 个单位"),
    "organizations.n": ("{n} organizations", "{n} 个单位"),
    "links": ("{n} link", "{n} 条联系"),
    "links.n": ("{n} links", "{n} 条联系"),
    "map.written": ("{file}: {nodes}, {edges}", "{file}：{nodes}，{edges}"),
    "map.written_png": ("{file}: picture of the map", "{file}：地图图片"),
    "map.written_pptx": ("{file}: the org chart as an editable slide",
                         "{file}：可编辑的组织架构图幻灯片"),
    "map.written_pdf": ("{file}: the map on one page ({paper})", "{file}：单页地图（{paper}）"),
    "hops": ("{n} hop", "{n} 跳"),
    "hops.n": ("{n} hops", "{n} 跳"),
    "days": ("{n} day", "{n} 天"),
    "days.n": ("{n} days", "{n} 天"),
    # -- column headers ----------------------------------------------------------------------------
    "col.rank": ("#", "排名"),
    "col.chain": ("chain", "链强度"),
    "col.hop": ("hop", "跳"),
    "col.from": ("from", "从"),
    "col.to": ("to", "到"),
    "col.tie": ("tie", "关系"),
    "col.strength": ("strength", "强度"),
    "col.now": ("now", "当前"),
    "col.level": ("level", "层次"),
    "col.last_contact": ("last contact", "最近联系"),
    "col.person_id": ("person id", "人员编号"),
    "col.name": ("name", "姓名"),
    "col.roles": ("roles", "角色"),
    "col.influence": ("influence", "影响力"),
    "col.status": ("status", "状态"),
    "col.best_strength": ("best", "最佳链"),
    "col.routes": ("routes", "有效路线"),
    "col.broker_ids": ("broker ids", "中间人编号"),
    "col.broker_names": ("single thread", "单线中间人"),
    "col.best_chain": ("best chain", "最佳链路"),
    "col.single_threaded": ("single-threaded", "单线"),
    "col.single_thread": ("single thread", "单线"),
    "col.predecessor": ("took over from", "前任"),
    "col.successor": ("succeeded by", "继任"),
    "col.working_ids": ("working ties (ids)", "直接往来者编号"),
    "col.working_names": ("working ties", "直接往来者"),
    "col.counted_routes": ("routes that count", "有效路线"),
    "col.weak_routes": ("weak routes", "弱路线"),
    "col.blocker_ids": ("blocker ids", "阻碍者编号"),
    "col.blocker_names": ("blocked by", "阻碍者"),
    "col.coverage_after": ("after the plan", "计划后"),
    "col.coverage_now": ("now", "现在"),
    "col.approach": ("approach", "方式"),
    "col.stakeholder_id": ("stakeholder id", "干系人编号"),
    "col.stakeholder": ("stakeholder", "干系人"),
    "col.why": ("why", "理由"),
    "col.step": ("step", "步骤"),
    "col.meet_id": ("meet (id)", "要见的人编号"),
    "col.meet_name": ("meet", "要见的人"),
    "col.who_id": ("who (id)", "由谁编号"),
    "col.who_name": ("who", "由谁"),
    "col.via": ("via", "经由"),
    "col.covers": ("covers", "覆盖"),
    "col.hole": ("hole", "缺口"),
    "col.where": ("where", "位置"),
    "col.detail": ("detail", "说明"),
    "col.organization": ("organization", "单位"),
    "col.title": ("title", "职务"),
    "col.score": ("score", "得分"),
    "col.access": ("access", "接近决策者"),
    "col.our_tie": ("our tie", "我方关系"),
    "col.brokerage": ("broker", "中介"),
    "col.structural_holes": ("holes", "结构洞"),
    "col.stance_fit": ("stance score", "立场分"),
    "col.stance": ("stance", "立场"),
    "col.constraint": ("constraint", "约束度"),
    "col.effective_size": ("effective size", "有效规模"),
    "col.gf_role": ("role", "中介角色"),
    "col.gf_counts": ("role counts", "中介次数"),
    "col.recorded_informant": ("our informant", "已是线人"),
    "col.risk": ("risk", "风险"),
    "col.reasons": ("reasons", "理由"),
    "col.urgency": ("urgency", "紧迫度"),
    "col.by_id": ("by (id)", "由谁编号"),
    "col.from_id": ("from (id)", "从（编号）"),
    "col.to_id": ("to (id)", "到（编号）"),
    "col.by_name": ("by", "由谁"),
    "col.kind": ("kind", "类型"),
    "col.reason": ("reason", "原因"),
    "col.days": ("days", "天数"),
    "col.quadrant": ("quadrant", "象限"),
    "col.stance_score": ("stance score", "立场分"),
    "col.coverage": ("coverage", "覆盖"),
    "col.scope": ("scope", "范围"),
    "col.category": ("category", "类别"),
    "col.review.contact": ("contact", "联系人"),
    "col.times": ("times", "次数"),
    "col.proposal": ("proposed strength", "建议强度"),
    "col.first": ("first", "首次"),
    "col.last": ("last", "最近"),
    "col.met_by": ("met by", "我方接触人"),
    "col.decision": ("decision", "处理"),
    "col.count": ("count", "数量"),
    "col.project": ("project", "项目"),
    "col.customer": ("customer", "客户"),
    "col.customer_name": ("customer name", "客户名称"),
    "col.stage": ("stage", "阶段"),
    "col.value": ("value", "金额"),
    "col.deadline": ("deadline", "截止日期"),
    "col.stakeholders": ("stakeholders", "干系人"),
    "col.change": ("change", "变化"),
    "col.table": ("table", "表"),
    "col.key": ("key", "主键"),
    "col.fields": ("fields", "字段"),
    "col.before": ("before", "之前"),
    "col.after": ("after", "之后"),
    "col.person": ("person", "人员"),
    "col.change_set": ("change set", "变更批次"),
    "col.at": ("at", "时间"),
    "col.author": ("author", "操作人"),
    "col.command": ("command", "命令"),
    "col.files": ("files", "文件"),
    "col.created": ("created", "新建"),
    "col.updated": ("updated", "更新"),
    "col.removed": ("removed", "删除"),
    "col.snapshots": ("snapshots", "快照"),
    # -- path --------------------------------------------------------------------------------------
    "path.head": ("#{rank}  chain strength {strength:.2f}  ({hops})  {names}",
                  "#{rank}  链强度 {strength:.2f}（{hops}）  {names}"),
    "path.none": ("No path: {reason}", "没有路径：{reason}"),
    "path.to": ("to {name}", "到 {name}"),
    "path.no_sources": ("nobody on our side to start from", "我方没有可以出发的人"),
    "path.unreachable": ("no route: nobody on our side is connected to {name}",
                         "没有路线：我方没有人与 {name} 相连"),
    "path.too_long": ("no route within {max_hops} hops (the shortest takes {shortest})",
                      "{max_hops} 跳之内没有路线（最短需要 {shortest} 跳）"),
    "path.blocked": ("only through avoided people ({names}) within {max_hops} hops",
                     "{max_hops} 跳之内只能经过要避开的人（{names}）"),
    "path.through_opponent": ("passes an opponent or skeptic: {names}",
                              "经过反对或怀疑我方的 {names}"),
    "path.warn": ("⚠ {text}", "⚠ {text}"),
    # -- gaps --------------------------------------------------------------------------------------
    "gaps.score": ("Coverage {percent}% ({counts}); map status: {status}",
                   "覆盖率 {percent}%（{counts}）；关系图状态：{status}"),
    "gaps.part": ("{level}: {people}, influence {influence:.0f} ({means})",
                  "{level}：{people}，影响力 {influence:.0f}（{means}）"),
    "gaps.after": ("after the plan's {steps} (simulated): {percent}%",
                   "执行下面 {steps}后（模拟）：{percent}%"),
    "steps": ("{n} step", "{n} 步"),
    "steps.n": ("{n} steps", "{n} 步"),
    "gaps.routes": ("Routes of those not covered in depth:", "未深度覆盖者的路线："),
    "gaps.needy": ("{name} [{level}]: {routes}", "{name}【{level}】：{routes}"),
    "gaps.single": ("single-threaded through {names}", "单线：{names}"),
    "gaps.working": ("working ties: {names}", "直接往来：{names}"),
    "gaps.blockers": ("blocked by {names}", "受阻于 {names}"),
    "gaps.counted": ("routes that count: {routes}", "有效路线：{routes}"),
    "gaps.no_route": ("no route that counts", "无有效路线"),
    "gaps.weak": ("weak, not counted: {routes}", "弱路线（不计）：{routes}"),
    "gaps.plan": ("Plan (one step per stakeholder not covered in depth, most influential "
                  "first; checked by simulation):",
                  "行动计划（每位未深度覆盖的干系人一步，影响力高者在前；已模拟验证）："),
    "gaps.step.introduce": ("{step}. {who} meets {meet}{via}. {why}. {after}",
                            "{step}. {who} 去见 {meet}{via}。{why}。{after}"),
    "gaps.step.second_thread": ("{step}. Second thread to {meet}: {who} meets {meet}{via}. "
                                "{why}. {after}",
                                "{step}. 给 {meet} 加第二条线：{who} 去见 {meet}{via}。{why}。"
                                "{after}"),
    "gaps.step.way_around": ("{step}. Around the blockers to {meet}: {who} meets {meet}{via}. "
                             "{why}. {after}",
                             "{step}. 绕开阻碍接触 {meet}：{who} 去见 {meet}{via}。{why}。"
                             "{after}"),
    "gaps.step.direct": ("{step}. {who} approaches {meet} directly. {why}. {after}",
                         "{step}. {who} 直接接触 {meet}。{why}。{after}"),
    "gaps.step.win_over": ("{step}. {who} works on {meet}{via}, to open the way to "
                           "{stakeholder}. {why}. {after}",
                           "{step}. {who} 去做 {meet} 的工作{via}，以打开通往 {stakeholder} "
                           "的路。{why}。{after}"),
    "gaps.step.cold": ("{step}. One of us approaches {meet} cold. {why}. {after}",
                       "{step}. 我方派人直接接触 {meet}。{why}。{after}"),
    "gaps.via": (" through {chain}", "（经 {chain} 引荐）"),
    "gaps.step_after": ("{now} → {after} after the plan", "计划后：{now} → {after}"),
    "gaps.not_simulated": ("not in the simulation: nobody named", "未计入模拟：尚无具体人选"),
    "why.best_route": ("the best route is {route}", "最佳路线 {route}"),
    "why.no_second": ("nobody else of ours reaches them yet", "我方暂无其他人够得着"),
    "why.independent": ("independent of {names}", "不经过 {names}"),
    "why.owner": ("{who} owns them on our side", "{who} 是我方负责人"),
    "why.introducer": ("{name} knows them (strength {strength})",
                       "{name} 与其相熟（强度 {strength}）"),
    "why.reach": ("we reach {name} at {strength}", "我方到 {name} 的链路强度 {strength}"),
    "why.shared": ("shared contacts: {names}", "共同熟人：{names}"),
    "why.weak_route": ("only a weak route: {route}", "只有弱路线 {route}"),
    "why.blocker": ("{name} ({stance}) is on every route to {stakeholder}",
                    "通往 {stakeholder} 的路线都经过 {name}（{stance}）"),
    "why.nobody_else": ("nobody else of ours reaches them or shares a contact with them",
                        "我方其他人都够不着，也没有共同熟人"),
    "why.nobody": ("nobody of ours reaches them or shares a contact with them",
                   "我方无人够得着，也没有共同熟人"),
    "gaps.one_of_us": ("one of us", "我方某人"),
    # -- errors a user meets (graphcrm: …) -----------------------------------------------------
    "error.nobody_called": ("nobody called {name} (give a person's id or name)",
                            "找不到 {name}（请给出人员的编号或姓名）"),
    "error.name_a_project": ("name a project (projects: {projects})",
                             "请指明项目（现有项目：{projects}）"),
    "error.projects_named": ("{name} names {n} projects; give the id ({ids})",
                             "{name} 对应 {n} 个项目，请给出编号（{ids}）"),
    "error.no_project": ("no project {name} (projects: {projects})",
                         "没有项目 {name}（现有项目：{projects}）"),
    "error.no_store": ("no store at {store}: import data first (graphcrm import PATH; in "
                       "Python import_data) or choose another store",
                       "{store} 没有数据库：请先导入数据（graphcrm import 路径；Python 中用 "
                       "import_data），或选择其他数据库"),
    "error.neo4j_credentials": ("{where}: Neo4j refused the credentials of user {user} (check "
                                "NEO4J_USERNAME and NEO4J_PASSWORD)",
                                "{where}：Neo4j 拒绝了用户 {user} 的登录凭据（请检查 "
                                "NEO4J_USERNAME 和 NEO4J_PASSWORD）"),
    "error.neo4j_unreachable": ("{where}: cannot reach Neo4j ({why}){hint}",
                                "{where}：连接不上 Neo4j（{why}）{hint}"),
    "error.neo4j_database": ("{where}: no database {database} on this server (check "
                             "NEO4J_DATABASE)",
                             "{where}：服务器上没有数据库 {database}（请检查 NEO4J_DATABASE）"),
    "error.former": ("{name} is no longer in post ({status}): no chain runs to or through "
                     "them; ask about their successor",
                     "{name} 已不在任（{status}）：路线不经过也不通往此人，请问其继任者"),
    "error.former_since": ("{name} is no longer in post ({status} since {since}): no chain "
                           "runs to or through them; ask about their successor",
                           "{name} 已不在任（{since} 起{status}）：路线不经过也不通往此人，"
                           "请问其继任者"),
    "error.type_people": ("{name} must be a person's id or name, or a list of them (got {kind} "
                          "{value})",
                          "{name} 须是人员编号或姓名，或它们的列表（收到 {kind} {value}）"),
    "error.not_a_date": ("{name}: {value} is not a date ({why})",
                         "{name}：{value} 不是日期（{why}）"),
    "error.type_date": ("{name} must be a date (datetime.date, a pandas Timestamp or text such "
                        "as 2026-11-01; got {kind} {value})",
                        "{name} 须是日期（datetime.date、pandas Timestamp 或 2026-11-01 "
                        "这样的文本；收到 {kind} {value}）"),
    "error.no_argument_like": ("{method}() has no argument {name}; did you mean {close}?",
                               "{method}() 没有参数 {name}；是不是 {close}？"),
    "error.no_argument": ("{method}() has no argument {name} (its arguments: {known})",
                          "{method}() 没有参数 {name}（它的参数：{known}）"),
    "error.paths_people": ("paths takes TARGET or SOURCE, TARGET: people by id or name as text "
                           "(got {got})",
                           "paths 接受 目标 或 起点, 目标：人员编号或姓名的文本（收到 {got}）"),
    "error.layout": ("layout must be one of {layouts} (got {value})",
                     "layout 须是 {layouts} 之一（收到 {value}）"),
    "error.type_project": ("project must be a project's id or name, as text (got {kind} "
                           "{value})", "项目须是项目编号或名称的文本（收到 {kind} {value}）"),
    "error.type_count": ("{name} must be a whole number (got {kind} {value})",
                         "{name} 须是整数（收到 {kind} {value}）"),
    "error.count_low": ("{name} must be at least {low} (got {value})",
                        "{name} 至少为 {low}（收到 {value}）"),
    "error.type_flag": ("{name} must be True or False (got {value})",
                        "{name} 须是 True 或 False（收到 {value}）"),
    "error.type_text": ("{name} must be text: a person's id or name (got {kind} {value})",
                        "{name} 须是文本：某人的编号或姓名（收到 {kind} {value}）"),
    "error.k_hops": ("k and max_hops must be at least 1 (got k={k}, max_hops={max_hops})",
                     "k 和 max_hops 至少为 1（现为 k={k}，max_hops={max_hops}）"),
    "error.our_side": ("{name} is on our side: no path needed", "{name} 是我方人员，无需路线"),
    "error.avoid_needs_project": ("avoiding opponents needs a project: {name} is a "
                                  "stakeholder of none (name one)",
                                  "避开反对者需要指明项目：{name} 不是任何项目的干系人"
                                  "（请指明一个）"),
    "error.no_change_set": ("no change set {number} (history lists them)",
                            "没有变更批次 {number}（history 可列出全部）"),
    "error.snapshot_name": ("a snapshot needs a name (e.g. gate-1)",
                            "快照需要一个名称（例如 gate-1）"),
    "error.no_since": ("since {since}: no snapshot of that name and not a date (snapshots: "
                       "{names})", "{since}：既不是快照名称也不是日期（现有快照：{names}）"),
    "error.no_history": ("{where} has no history yet: nothing to compare with {day}",
                         "{where} 还没有变更历史：无从与 {day} 比较"),
    "error.history_starts": ("since {day}: the history of {where} starts on {first} "
                             "({command}); choose that day or later",
                             "{day}：{where} 的历史从 {first}（{command}）开始，请选择这天或之后"),
    "error.sync_cut_short": ("--sync would mark {n} people as gone, not in the people sheet "
                             "({names}) — more than the {listed} it lists: a sheet cut short? "
                             "See the plan with --dry-run; give --yes to mark them all the same",
                             "--sync 会把人员表中没有的 {n} 人标为离任（{names}），多于表中"
                             "列出的 {listed} 人：是不是表被截短了？用 --dry-run 查看变更计划；"
                             "确认无误请加 --yes"),
    "error.sync_removes_more": ("--sync would remove more than the files list ({counts}): a "
                                "sheet emptied or cut short by mistake? See the plan with "
                                "--dry-run; give --yes to remove them all the same",
                                "--sync 要删除的比文件中列出的还多（{counts}）：是不是误清空或"
                                "截短了某张表？用 --dry-run 查看变更计划；确认无误请加 --yes"),
    "error.sync_others": ("--sync would remove records other colleagues entered ({counts}); a "
                          "sync removes only what its author entered. See them with --dry-run; "
                          "give --take-over to remove them all the same",
                          "--sync 会删除其他同事录入的记录（{counts}）；同步只删除本人录入的内容。"
                          "用 --dry-run 查看；确要删除请加 --take-over"),
    "import.removed_listed": ("{table}: {n} removed, {listed} listed",
                              "{table}：删除 {n} 条，列出 {listed} 条"),
    "import.entered_by": ("{what} (entered by {who})", "{what}（{who} 录入）"),
    "import.entered_count": ("{n} entered by {who}", "{who} 录入的 {n} 条"),
    "warn.sync_others.refused": ("--sync would remove records other colleagues entered: "
                                 "{counts} (refused without --take-over)",
                                 "--sync 会删除其他同事录入的记录：{counts}（不加 --take-over "
                                 "将被拒绝）"),
    "warn.sync_others.would": ("--sync would remove records other colleagues entered: {counts}",
                               "--sync 会删除其他同事录入的记录：{counts}"),
    "warn.sync_others.removed": ("--sync removed records other colleagues entered: {counts}",
                                 "--sync 删除了其他同事录入的记录：{counts}"),
    "conflict.entry": ("{record} {field}: {author} set {theirs} ({at}), this import {mine}",
                       "{record} 的{field}：{author} 于 {at} 设为 {theirs}，本次导入为 {mine}"),
    "conflict.kept": ("kept a colleague's value: {entry}", "保留了同事的值：{entry}"),
    "error.colleague_changed": ("{n} value(s) a colleague set since your last import would "
                                "change: {shown}. Give --theirs to keep theirs or --mine to "
                                "write yours (--dry-run lists them all)",
                                "你上次导入后同事改过的 {n} 个值会被改掉：{shown}。加 --theirs "
                                "保留同事的，或加 --mine 写入你的（--dry-run 可列出全部）"),
    "error.ambiguous": ("{name} matches {n} people; write which, as {bare}（part of the "
                        "organization）, or give the id:",
                        "{name} 对应 {n} 人；请写明是哪一位，如 {bare}（单位或部门的一部分），"
                        "或给出编号："),
    "check.ok": ("ok: the store is whole", "检查通过：数据库完整"),
    "check.failed": ("1 problem in the store:\n  {shown}\n{advice}",
                     "数据库有 1 处问题：\n  {shown}\n{advice}"),
    "check.failed.n": ("{n} problems in the store:\n  {shown}\n{advice}",
                       "数据库有 {n} 处问题：\n  {shown}\n{advice}"),
    "check.more": ("… and {n} more", "……另有 {n} 项"),
    "check.restore": ("restore a backup, or import your files into a new store",
                      "请恢复备份，或把文件导入一个新的数据库"),
    "check.kept_ids": ("graphcrm follows the relationships: to make the ids kept on people say "
                       "the same, run {statement} in Neo4j Browser (or restore a backup)",
                       "graphcrm 以关系为准：在 Neo4j Browser 中运行 {statement}，让人员记下的"
                       "编号与关系一致（或恢复备份）"),
    "check.sqlite": ("SQLite's integrity check: {said}", "SQLite 完整性检查：{said}"),
    "check.foreign_key": ("{table} {record}: {column} {value} is not in {parent}",
                          "{table} {record}：{column} {value} 在{parent}表中不存在"),
    "check.reader_busy": ("another process is still reading the store; the write-ahead log "
                          "could not be folded in (run check again when it is done)",
                          "另一个进程仍在读取数据库，预写日志未能并入（待其结束后再运行一次 "
                          "check）"),
    "check.no_org": ("person {id} works at no organization", "人员 {id} 没有所属单位"),
    "check.orgs": ("person {id} works at {n} organizations",
                   "人员 {id} 同时属于 {n} 个单位"),
    "check.interaction_alone": ("interaction {id} is with nobody",
                                "联系记录 {id} 没有对应的人"),
    "check.org_id": ("person {id} says it works at {kept} but WORKS_AT {linked}",
                     "人员 {id} 记下的单位是 {kept}，单位关系（WORKS_AT）却指向 {linked}"),
    "check.reports_to": ("person {id} says it reports to {kept} but REPORTS_TO {linked}",
                         "人员 {id} 记下的直接上级是 {kept}，上级关系（REPORTS_TO）却指向 "
                         "{linked}"),
    "check.bosses": ("person {id} reports to {n} people", "人员 {id} 有 {n} 个直接上级"),
    "check.nobody": ("nobody", "（无）"),
    "check.no_organization": ("no organization", "（无）"),
    "error.cannot_write": ("{target}: cannot be written ({why})", "{target}：无法写入（{why}）"),
    "error.cannot_write_whole": ("{target}: cannot be written ({why}); nothing was left "
                                 "half-written",
                                 "{target}：无法写入（{why}）；没有留下写了一半的文件"),
    "error.not_regular": ("{target}: not a regular file; graphcrm writes only regular files "
                          "(choose another name)",
                          "{target}：不是普通文件；graphcrm 只写普通文件（请换一个名称）"),
    "error.no_folder": ("{target}: there is no folder {folder} (create it first)",
                        "{target}：文件夹 {folder} 不存在（请先创建）"),
    "error.no_tables": ("{path}: no table files found (expected {expected}.csv)",
                        "{path}：没有找到表格文件（应为 {expected}.csv）"),
    "error.no_such_path": ("{path}: no such file or folder", "{path}：没有这个文件或文件夹"),
    "error.not_input": ("{path}: not a folder of CSV files, a CSV file or an .xlsx workbook",
                        "{path}：既不是 CSV 文件夹、CSV 文件，也不是 .xlsx 工作簿"),
    "error.encoding_unknown": ("unknown text encoding {encoding} (try utf-8 or gb18030)",
                               "不认识的文本编码 {encoding}（试试 utf-8 或 gb18030）"),
    "error.encoding_invalid": ("{source}: not valid {encoding} at byte {at}",
                               "{source}：第 {at} 字节处不是有效的 {encoding}"),
    "error.cannot_read": ("{path}: cannot be read ({why})", "{path}：无法读取（{why}）"),
    "error.unclosed_quote": ("{path}, line {line}: a quoted cell starts on this line and is "
                             "never closed (a missing \")",
                             "{path} 第 {line} 行：这一行开始的带引号单元格没有结束"
                             "（缺少一个 \"）"),
    "error.no_header": ("{path}: the first row must be the header", "{path}：第一行必须是表头"),
    "error.not_workbook": ("{path}: cannot be opened as an Excel workbook ({why})",
                           "{path}：无法作为 Excel 工作簿打开（{why}）"),
    "error.unreadable_workbook": ("{path}: cannot be read as an Excel workbook ({why})",
                                  "{path}：无法作为 Excel 工作簿读取（{why}）"),
    "problem.table_missing": ("required table {table} is missing (a file {table}.csv or a "
                              "sheet named {table})",
                              "缺少必需的表 {table}（一个 {table}.csv 文件或名为 {table} "
                              "的工作表）"),
    "problem.sheet_unread": ("this sheet names people of the import ({names}) but its columns "
                             "({columns}) match no table: name them in a mapping file, one line "
                             "per column (table,column,header — e.g. relationships,source,"
                             "{first})",
                             "这张表提到了导入中的人员（{names}），但它的列（{columns}）对不上任何表："
                             "请在映射文件中逐列写明（表,字段,表头——例如 relationships,source,"
                             "{first}）"),
    "problem.self_tie": ("a tie from a person to themselves", "一个人和自己的关系"),
    "problem.strength_required": ("required for KNOWS (1–5)", "“认识”关系必须填强度（1–5）"),
    "problem.duplicate_id": ("duplicate id (first at row {row})",
                             "编号重复（第一次出现在第 {row} 行）"),
    "problem.duplicate_id_elsewhere": ("duplicate id (first at row {row} of {source})",
                                       "编号重复（第一次出现在 {source} 第 {row} 行）"),
    "problem.duplicate_row": ("duplicate row for {columns} (first at row {row})",
                              "{columns} 重复（第一次出现在第 {row} 行）"),
    "problem.duplicate_row_elsewhere": ("duplicate row for {columns} (first at row {row} of "
                                        "{source})",
                                        "{columns} 重复（第一次出现在 {source} 第 {row} 行）"),
    "problem.no_project_column": ("this roles sheet has no project column, and there are {n} "
                                  "projects ({projects}): add a 项目 column naming each row's "
                                  "project",
                                  "这张角色表没有项目列，而现有 {n} 个项目（{projects}）：请加一个"
                                  "“项目”列，写明每行所属的项目"),
    "problem.namesakes": ("{n} people are called {name} ({described}): write which, as "
                          "{name}（department or organization）",
                          "有 {n} 人叫 {name}（{described}）：请写明是哪一位，"
                          "如 {name}（部门或单位）"),
    "problem.nickname": ("{name} may be any of {n} people ({described}): write the name",
                         "{name} 可能是 {n} 人中的任一位（{described}）：请写全名"),
    "problem.same_name": ("the name of {n} {table}: {ids} (give the id instead)",
                          "{n} 条 {table} 记录同名：{ids}（请改用编号）"),
    "problem.id_reused": ("the store has {person} as {name} at {org}; this row names {new_name} "
                          "at {new_org} — a different person reusing the id? Give them another "
                          "id (or --allow-reassign if it really is the same person)",
                          "库中 {person} 是 {org} 的 {name}；这一行却是 {new_org} 的 {new_name}"
                          "——是另一个人用了同一个编号吗？请换一个编号（确是同一人请加 "
                          "--allow-reassign）"),
    "problem.cycle": ("{column} forms a cycle: {loop}", "{column} 形成了循环：{loop}"),
    "activity.event": ("event {number}", "第 {number} 个日程"),
    "activity.message": ("message {number}", "第 {number} 封邮件"),
    "activity.not_calendar": ("not a readable calendar ({why})", "不是可读的日历（{why}）"),
    "activity.timezone": ("X-WR-TIMEZONE not understood ({why})",
                          "看不懂 X-WR-TIMEZONE（{why}）"),
    "activity.no_start": ("{where}: no start (DTSTART)", "{where}：没有开始时间（DTSTART）"),
    "activity.start_not_date": ("{where}: DTSTART not a date ({why})",
                                "{where}：DTSTART 不是日期（{why}）"),
    "activity.before_1970": ("{where}: dated {day}, before 1970",
                             "{where}：日期为 {day}，早于 1970 年"),
    "activity.rrule": ("{where}: RRULE not understood ({why})",
                       "{where}：看不懂重复规则 RRULE（{why}）"),
    "activity.too_many": ("{where}: repeats about {steps} times from {start} to {until}, more "
                          "than {limit} (the limit; raise it with --max-occurrences)",
                          "{where}：从 {start} 到 {until} 约重复 {steps} 次，超过上限 {limit}"
                          "（可用 --max-occurrences 调高）"),
    "activity.events_unreadable": ("events not readable ({why})", "日程无法读取（{why}）"),
    "activity.no_date": ("{where}: no Date header", "{where}：没有 Date 邮件头"),
    "activity.header": ("{where}: a header not understood ({why})",
                        "{where}：有邮件头看不懂（{why}）"),
    "activity.no_sender": ("{where}: no sender (From)", "{where}：没有发件人（From）"),
    "error.pptx_orgchart": ("--pptx draws an org chart (a project's, or --layout orgchart)",
                            "--pptx 只生成组织架构图（指明项目，或用 --layout orgchart）"),
    "warn.project_emptied.planned": ("project {project}: all its stakeholder roles would be "
                                     "removed (--sync, and the files list no stakeholder of "
                                     "it)",
                                     "项目 {project}：其全部角色将被删除（--sync，且文件中"
                                     "没有列出它的任何干系人）"),
    "warn.project_emptied.done": ("project {project}: all its stakeholder roles were removed "
                                  "(--sync, and the files list no stakeholder of it)",
                                  "项目 {project}：其全部角色已被删除（--sync，且文件中没有列出它的"
                                  "任何干系人）"),
    "warn.removed_more.planned": ("{table}: {n} would be removed by --sync, more than the "
                                  "{given} the files list",
                                  "{table}：--sync 将删除 {n} 条，多于文件列出的 {given} 条"),
    "warn.removed_more.done": ("{table}: {n} were removed by --sync, more than the {given} the "
                               "files list",
                               "{table}：--sync 已删除 {n} 条，多于文件列出的 {given} 条"),
    "warn.renamed": ("{source}, row {row}: {person} renamed from {old} to {new}",
                     "{source} 第 {row} 行：{person} 由 {old} 改名为 {new}"),
    "error.not_on_review": ("{contact} is not on the review list (graphcrm review lists it)",
                            "{contact} 不在待确认清单上（graphcrm review 可列出）"),
    "error.no_organization": ("no organization {org} in the store", "库中没有单位 {org}"),
    "error.no_domain": ("no organization has the mail domain {domain} in its domains: name one "
                        "with --org",
                        "没有哪个单位的邮箱域名是 {domain}：请用 --org 指明"),
    "error.several_domains": ("several organizations have the mail domain {domain}: name one "
                              "with --org",
                              "有几个单位的邮箱域名都是 {domain}：请用 --org 指明"),
    "error.no_chromium": ("--png and --pdf need Chromium (install the chromium package, or set "
                          "GRAPHCRM_CHROMIUM to a Chrome or Chromium executable)",
                          "--png 和 --pdf 需要 Chromium（请安装 chromium 软件包，或把 "
                          "GRAPHCRM_CHROMIUM 设为 Chrome 或 Chromium 的可执行文件）"),
    "error.result_part": ("a {kind} result has no part {part} (its parts: {parts})",
                          "{kind} 结果没有 {part} 这一部分（它的部分：{parts}）"),
    "error.export_format": ("unknown export format {format} (expected one of: {formats})",
                            "无法识别的导出格式 {format}（可用：{formats}）"),
    "error.no_part": ("--part {part}: {kind} has the parts {parts}",
                      "--part {part}：{kind} 只有这些部分：{parts}"),
    "approach.introduce": ("introduction", "引荐"),
    "approach.second_thread": ("second thread", "第二条线"),
    "approach.way_around": ("way around", "绕开阻碍"),
    "approach.direct": ("direct approach", "直接接触"),
    "approach.win_over": ("win over", "做工作"),
    "approach.cold": ("cold approach", "陌生拜访"),
    "gaps.holes": ("Org-chart holes:", "组织架构缺口："),
    "gaps.hole": ("{hole}: {where} — {detail}", "{hole}：{where} —— {detail}"),
    "gaps.superior": ("who does {name} report to?", "{name} 的上级是谁？"),
    "gaps.department": ("{people}, none known to our side", "{people}，我方一个都不认识"),
    "gaps.missing_role": ("no {role} known at the customer: find out who it is",
                          "客户方还不知道谁是{role}：需要摸清"),
    "gaps.missing": ("{role}: ?", "{role}：？"),
    # -- the stores' errors (graphcrm: …) -----------------------------------------------------
    "doing.checking": ("checking the store", "检查数据库"),
    "doing.committing": ("committing", "提交"),
    "doing.erasing": ("erasing", "抹除"),
    "doing.importing": ("importing", "导入"),
    "doing.opening": ("opening the store", "打开数据库"),
    "doing.reading": ("reading", "读取"),
    "doing.reading_history": ("reading the history", "读取变更历史"),
    "doing.reading_review": ("reading the review list", "读取待确认名单"),
    "doing.removing": ("removing", "删除"),
    "doing.restoring": ("restoring", "恢复"),
    "doing.reverting": ("reverting", "撤销变更"),
    "doing.starting": ("starting a transaction", "开始事务"),
    "doing.writing": ("writing", "写入"),
    "doing.writing_snapshot": ("writing a snapshot", "写入快照"),
    "doing.writing_review": ("writing the review list", "写入待确认名单"),
    "os.no_such": ("no such file or folder", "没有这个文件或文件夹"),
    "os.denied": ("permission denied", "没有权限"),
    "os.disk_full": ("the disk is full", "磁盘已满"),
    "os.read_only": ("a read-only file system", "只读文件系统"),
    "os.not_ours": ("the folder is read-only or not ours to write in",
                    "文件夹只读，或没有写入权限"),
    "os.is_folder": ("a folder", "这是文件夹"),
    "os.not_folder": ("a part of the path is not a folder", "路径中有一段不是文件夹"),
    "sqlite.malformed": ("the database file is malformed", "数据库文件格式已损坏"),
    "sqlite.not_a_database": ("the file is not a database", "文件不是数据库"),
    "sqlite.io": ("a disk read or write failed", "磁盘读写出错"),
    "sqlite.cannot_open": ("unable to open the database file", "无法打开数据库文件"),
    "store.disk_full": ("{store}: the disk is full while {doing}; nothing was written (free "
                        "some space and try again)",
                        "{store}：{doing}时磁盘已满，未写入任何内容（请腾出空间后重试）"),
    "store.read_only": ("{store}: the store is read-only (the file or its folder) while "
                        "{doing}; graphcrm writes the store and its -wal and -shm files beside "
                        "it",
                        "{store}：{doing}时发现数据库只读（文件或其所在文件夹）；graphcrm 需要"
                        "写入数据库文件及旁边的 -wal、-shm 文件"),
    "store.busy": ("{store}: another process has been writing the store for over {seconds} "
                   "s{who}; try again when it is done (GRAPHCRM_BUSY_TIMEOUT sets how long to "
                   "wait)",
                   "{store}：另一个进程写入数据库已超过 {seconds} 秒{who}；请待其完成后重试"
                   "（等待时长由 GRAPHCRM_BUSY_TIMEOUT 设定）"),
    "store.held_by": (" (held by {holders})", "（占用进程：{holders}）"),
    "store.damaged": ("{store}: the store is damaged ({why}) and was not written to; see "
                      "`graphcrm --store {store} check`, then restore a backup or import your "
                      "files into a new store",
                      "{store}：数据库已损坏（{why}），未写入任何内容；请运行 `graphcrm --store "
                      "{store} check` 查看，再恢复备份或把文件导入一个新的数据库"),
    "store.damaged_upgrade": ("{store}: the store is damaged ({why}) and was not upgraded or "
                              "written to; see `graphcrm --store {store} check`, then restore a "
                              "backup or import your files into a new store",
                              "{store}：数据库已损坏（{why}），未升级也未写入；请运行 `graphcrm "
                              "--store {store} check` 查看，再恢复备份或把文件导入一个新的数据库"),
    "store.cannot_open": ("{store}: cannot be opened ({why}); is the folder there and ours to "
                          "write in?",
                          "{store}：无法打开（{why}）；文件夹是否存在、是否有写入权限？"),
    "store.rolled_back": ("{store}: {doing} failed ({why}); the write was rolled back, nothing "
                          "was written",
                          "{store}：{doing}失败（{why}）；已回滚，未写入任何内容"),
    "store.failed": ("{store}: {doing} failed ({why})", "{store}：{doing}失败（{why}）"),
    "store.folder": ("{store}: a folder, not a store file (choose another --store)",
                     "{store}：这是文件夹，不是数据库文件（请换一个 --store）"),
    "store.unreadable": ("{store}: cannot be read ({why})", "{store}：无法读取（{why}）"),
    "store.empty_file": ("{store}: an empty file, not a graphcrm store (remove it, or choose "
                         "another --store)",
                         "{store}：空文件，不是 graphcrm 数据库（请删除它，或换一个 --store）"),
    "store.not_sqlite": ("{store}: not a graphcrm store (not an SQLite file); choose another "
                         "--store",
                         "{store}：不是 graphcrm 数据库（不是 SQLite 文件）；请换一个 --store"),
    "store.not_graphcrm": ("{store}: an SQLite file, but not a graphcrm store",
                           "{store}：是 SQLite 文件，但不是 graphcrm 数据库"),
    "store.empty_sqlite": ("{store}: an empty SQLite file, not a graphcrm store",
                           "{store}：空的 SQLite 文件，不是 graphcrm 数据库"),
    "store.bad_schema": ("{store}: the store says its schema is {found}, which no graphcrm "
                         "wrote: damaged, or not a graphcrm store (restore a backup, or import "
                         "your files into a new store)",
                         "{store}：数据库标明的结构版本是 {found}，不是 graphcrm 写的：已损坏，"
                         "或不是 graphcrm 数据库（请恢复备份，或把文件导入一个新的数据库）"),
    "store.newer": ("{store}: made by a newer graphcrm (store schema {found}, this one reads "
                    "{reads}); upgrade graphcrm",
                    "{store}：由更新版本的 graphcrm 创建（结构版本 {found}，本版本只能读 "
                    "{reads}）；请升级 graphcrm"),
    "store.other_schema": ("{store}: store schema {found}, expected {reads}",
                           "{store}：结构版本 {found}，应为 {reads}"),
    "store.no_history_yet": ("{store}: a store of schema {found} opened read-only; it keeps no "
                             "history until graphcrm can write it once (to upgrade it)",
                             "{store}：结构版本 {found} 的数据库以只读方式打开；graphcrm 写入"
                             "一次（完成升级）之后才有变更历史"),
    "store.restore_not_empty": ("{store} is not empty: a dump is restored into an empty store "
                                "(choose a new --store)",
                                "{store} 不是空的：备份只能恢复到空数据库（请换一个新的 --store）"),
    "store.no_project": ("no project {project} in {store}", "{store} 中没有项目 {project}"),
    "store.nobody_with_id": ("nobody with id {person} in {store}",
                             "{store} 中没有编号为 {person} 的人"),
    "store.snapshot_taken": ("a snapshot named {name} exists already in {store} (choose another "
                             "name; `graphcrm history` lists them)",
                             "{store} 中已有名为 {name} 的快照（请换一个名字；`graphcrm history` "
                             "可列出已有快照）"),
    "store.erasure_held": ("{store}: {person} was erased from the store, but another process is "
                           "still reading it{who}, so the old data stays in the file until it "
                           "stops; close it, then run `graphcrm --store {store} check` to "
                           "finish the erasure",
                           "{store}：{person} 已从数据库中抹除，但另一个进程仍在读取数据库{who}，"
                           "在它结束前旧数据仍留在文件中；请关闭它，再运行 `graphcrm --store "
                           "{store} check` 完成抹除"),
    "store.cannot_create": ("{store}: cannot create the store ({why}); is the folder there and "
                            "ours to write in?",
                            "{store}：无法创建数据库（{why}）；文件夹是否存在、是否有写入权限？"),
    "store.not_completed": ("{store}: the new store could not be completed (its write-ahead log "
                            "was not folded in); nothing was created",
                            "{store}：新数据库未能完成（预写日志未能并入）；什么也没有创建"),
    "neo4j.credentials_in_uri": ("{where}: put credentials in NEO4J_USERNAME and NEO4J_PASSWORD, "
                                 "not in the URI",
                                 "{where}：请把账号密码放在 NEO4J_USERNAME 和 NEO4J_PASSWORD 中，"
                                 "不要写在 URI 里"),
    "neo4j.not_a_uri": ("{where} is not a Neo4j URI (expected neo4j://host:7687)",
                        "{where} 不是 Neo4j URI（应为 neo4j://host:7687 这样的形式）"),
    "neo4j.bad_port": ("{where}: the port must be a number from 0 to 65535",
                       "{where}：端口必须是 0 到 65535 之间的数字"),
    "neo4j.no_password": ("{where}: set NEO4J_PASSWORD (and NEO4J_USERNAME)",
                          "{where}：请设置 NEO4J_PASSWORD（以及 NEO4J_USERNAME）"),
    "neo4j.tls_hint": ("; this URI asks for TLS: if the server has none, use neo4j:// or "
                       "bolt://",
                       "；此 URI 要求 TLS：服务器没有 TLS 时请改用 neo4j:// 或 bolt://"),
    "neo4j.tls": ("{where}: TLS does not match the server ({why}; use neo4j:// or bolt:// for "
                  "a server without TLS)",
                  "{where}：TLS 设置与服务器不符（{why}；服务器没有 TLS 时请用 neo4j:// 或 "
                  "bolt://）"),
    "neo4j.error": ("{where}: {why}", "{where}：{why}"),
    "neo4j.restore_not_empty": ("{where} is not empty: a dump is restored into an empty "
                                "database (choose another)",
                                "{where} 不是空的：备份只能恢复到空数据库（请换一个）"),
    "error.review_tie": ("{contact} is a proposed tie, not a contact: accept or ignore it "
                         "(graphcrm review accept|ignore)",
                         "{contact} 是建议添加的关系，不是联系人：请接受或忽略它（graphcrm "
                         "review accept|ignore）"),
    "error.unrevertable": ("change set {number} ({command}, {author}) cannot be reverted: {why}",
                           "变更 {number}（{command}，{author}）无法撤销：{why}"),
    "revert.from_empty": ("it made the store from empty; restore a dump or start a new store "
                          "instead",
                          "它是从空数据库开始的导入；请改为恢复备份或新建数据库"),
    "revert.nothing": ("it recorded no changes to undo (a forget or an upgrade)",
                       "它没有记录可撤销的改动（抹除或升级）"),
    "revert.changed_again": ("change set {sets} changed its records again; revert that first",
                             "变更 {sets} 又改过它的记录；请先撤销那些变更"),
    "revert.changed_again.n": ("change sets {sets} changed its records again; revert those "
                               "first", "变更 {sets} 又改过它的记录；请先撤销那些变更"),
    "revert.held": ("{table} {record} ({column} {value})", "{table} {record}（{column} {value}）"),
    "error.revert_referred": ("change set {number} cannot be reverted: what it created is "
                              "referred to by records it did not make: {held} (revert or remove "
                              "those first)",
                              "变更 {number} 无法撤销：它新建的记录被其他记录引用：{held}（请先"
                              "撤销或删除那些记录）"),
    "error.cannot_create": ("{target}: cannot be created ({why})", "{target}：无法创建（{why}）"),
    "dump.no_marker": ('no "graphcrm": "graphcrm-dump"', '缺少 "graphcrm": "graphcrm-dump"'),
    "dump.version": ("a dump of version {found}; this graphcrm reads version {reads}",
                     "备份格式版本为 {found}；本版本 graphcrm 只能读版本 {reads}"),
    "error.not_a_dump": ("{path}: not a graphcrm dump ({why})",
                         "{path}：不是 graphcrm 备份文件（{why}）"),
    "error.unknown_word": ("{value}: {why}", "{value}：{why}"),
    "error.no_tie": ("no tie between {a} and {b}", "{a} 与 {b} 之间没有关系"),
    "error.no_tie_of": ("no tie ({type}) between {a} and {b}", "{a} 与 {b} 之间没有“{type}”关系"),
    "error.no_role": ("{name} has no role {role} in {project}",
                      "{name} 在 {project} 中没有“{role}”角色"),
    "limit.over": ("{where}: more than {limit} {what} (the limit; raise it with {option})",
                   "{where}：{what}超过 {limit}（上限；可用 {option} 调高）"),
    "limit.over_bytes": ("{where}: {size} MiB, over the limit of {limit} MiB {what} (raise it "
                         "with {option})",
                         "{where}：{size} MiB，超过{what}上限 {limit} MiB（可用 {option} 调高）"),
    "limit.rows": ("rows in one table", "单张表的行数"),
    "limit.columns": ("columns in one table", "单张表的列数"),
    "limit.cells": ("cells in one sheet", "单个工作表的单元格数"),
    "limit.cell_chars": ("characters in one cell", "单个单元格的字符数"),
    "limit.line_chars": ("characters on one line", "单行的字符数"),
    "limit.file_bytes": ("in one file", "单个文件"),
    "limit.workbook_bytes": ("unpacked in one workbook", "单个工作簿解压后"),
    "limit.occurrences": ("occurrences of one recurring event", "单个重复日程的次数"),
    "error.csv_no_table": ("{path}: neither its name nor its columns name a table (expected "
                           "{expected}, or their columns)",
                           "{path}：文件名和列名都对不上任何一张表（应为 {expected}，或它们的列）"),
    "error.not_utf8_gb18030": ("{source}: neither UTF-8 nor GB18030 (byte {byte}); save it as "
                               "CSV UTF-8 or give --encoding",
                               "{source}：既不是 UTF-8 也不是 GB18030 编码（第 {byte} 个字节）；"
                               "请另存为“CSV UTF-8”，或用 --encoding 指定编码"),
    "error.csv_line": ("{path}, line {line}: {why}", "{path}，第 {line} 行：{why}"),
    "mapping.unreadable": ("{path}: not a mapping file ({why}); expected the columns table, "
                           "column, header",
                           "{path}：不是列名对照文件（{why}）；应有 table、column、header 三列"),
    "mapping.empty": ("{path}: empty; expected the columns table, column, header",
                      "{path}：空文件；应有 table、column、header 三列"),
    "mapping.missing": ("{path}, row 1: missing column {columns} (expected table, column, "
                        "header)",
                        "{path}，第 1 行：缺少列 {columns}（应有 table、column、header）"),
    "mapping.not_table": ("{path}, row {row}, column table: {value} is not a table (expected "
                          "one of: {tables})",
                          "{path}，第 {row} 行，table 列：{value} 不是表名（可用：{tables}）"),
    "mapping.not_column": ("{path}, row {row}, column column: {value} is not a column of "
                           "{table} (expected one of: {columns})",
                           "{path}，第 {row} 行，column 列：{value} 不是 {table} 表的列（可用："
                           "{columns}）"),
    "mapping.no_header": ("{path}, row {row}, column header: missing value",
                          "{path}，第 {row} 行，header 列：缺少值"),
    "mapping.twice": ("{path}, row {row}, column header: {value} is mapped twice for {table} "
                      "(first at row {first})",
                      "{path}，第 {row} 行，header 列：{value} 在 {table} 表中对应了两次（第一次在"
                      "第 {first} 行）"),
    "error.chromium": ("Chromium could not render the map: {why}",
                       "Chromium 无法渲染地图：{why}"),
    "layout.not_json": ("{path}: not a layout file saved by a graphcrm map (not JSON: {why})",
                        "{path}：不是 graphcrm 地图保存的布局文件（不是 JSON：{why}）"),
    "layout.too_deep": ("{path}: not a layout file saved by a graphcrm map (nested too deep or "
                        "a number too long to be a position)",
                        "{path}：不是 graphcrm 地图保存的布局文件（嵌套太深，或数字太长，不可能是"
                        "位置）"),
    "layout.not_positions": ("{path}: not a layout file saved by a graphcrm map (no "
                             "\"graphcrm\": \"positions\")",
                             "{path}：不是 graphcrm 地图保存的布局文件（缺少 \"graphcrm\": "
                             "\"positions\"）"),
    "layout.not_a_map": ("{path}: \"positions\" must map card keys to [x, y]",
                         "{path}：\"positions\" 应是卡片到 [x, y] 的对应"),
    "layout.bad_position": ("{path}: card {card}: a position is [x, y] (two numbers within "
                            "±{far}), not {found}",
                            "{path}：卡片 {card}：位置应为 [x, y]（两个绝对值不超过 {far} 的数），"
                            "而不是 {found}"),
    "cards.card": ("card {card}", "第 {card} 张名片"),
    "cards.row": ("row {row}", "第 {row} 行"),
    "cards.left_out": ("{source}, {where}: {name}", "{source}，{where}：{name}"),
    "cards.unreadable": ("{where}: not a readable vCard ({why})",
                         "{where}：无法读取的 vCard（{why}）"),
    "cards.no_name": ("{where}: no name (FN or N)", "{where}：没有姓名（FN 或 N）"),
    "cards.row_unreadable": ("row {row}: not readable ({why})", "第 {row} 行：无法读取（{why}）"),
    "cards.no_linkedin_header": ("no LinkedIn header (First Name, Last Name, Company, Position)",
                                 "没有 LinkedIn 表头（First Name、Last Name、Company、Position）"),
    "cards.row_no_name": ("row {row}: no name (First Name, Last Name)",
                          "第 {row} 行：没有姓名（First Name、Last Name）"),
    # -- informants --------------------------------------------------------------------------------
    "informants.line": ("{rank}. {name}: {reasons}", "{rank}. {name}：{reasons}"),
    "informants.recorded": ("(* already recorded as our informant)", "（* 已记录为我方线人）"),
    "informants.reaches": ("reaches {who}", "能接触 {who}"),
    "informants.our_tie": ("we reach them {p:.2f}", "我方接触到他的把握 {p:.2f}"),
    "informants.stance": ("{stance}", "{stance}"),
    "informants.on_routes": ("on many of our best routes", "在我方多条最佳路线上"),
    "informants.gf": ("{role} for {organization}: {means}", "{organization}的{role}：{means}"),
    "informants.already": ("already our informant", "已是我方线人"),
    "informants.risk": ("risk: works for a competitor", "风险：竞争对手的人"),
    "informants.none": ("Nobody found who could tell us more.", "没有找到能提供更多消息的人。"),
    # -- health ------------------------------------------------------------------------------------
    "health.none": ("Nothing overdue and nothing cooling.", "没有逾期的联系，也没有降温的关系。"),
    "health.call": ("{i:>2}. call {name} ({organization}) — by {by}: {reason}",
                    "{i:>2}. 联系 {name}（{organization}）—— 由 {by}：{reason}"),
    "health.by_via": ("{by} through {via}", "{by} 经 {via}"),
    "health.nobody": ("nobody reaches them yet", "我方还没人能接触到"),
    "gaps.no_owner": ("decision maker {name} has no owner on our side",
                      "决策者{name}没有我方负责人"),
    "hole.no owner": ("no owner", "无负责人"),
    "health.owner_no_tie": ("their owner {owner} has no working tie to them (best placed: "
                            "{best})", "负责人{owner}与其没有可用关系（最合适的是{best}）"),
    "health.step_overdue": ("next step overdue since {due}: {step}",
                            "下一步已逾期（{due}）：{step}"),
    "health.overdue": ("{role}: last contact {days} ago (every {cadence})",
                       "{role}：上次联系是 {days}前（应每 {cadence}联系一次）"),
    "health.never": ("{role}: never contacted (every {cadence})",
                     "{role}：从未联系（应每 {cadence}联系一次）"),
    "health.cooling": ("{tie} tie cooled from {old} to {now:.1f} ({days} without contact)",
                       "“{tie}”关系从 {old} 降到 {now:.1f}（{days}没有联系）"),
    # -- stats -------------------------------------------------------------------------------------
    "stats.organizations": ("organizations", "单位"),
    "stats.people": ("people", "人员"),
    "stats.relationships": ("relationships", "关系"),
    "stats.projects": ("projects", "项目"),
    "stats.stakeholders": ("stakeholders", "项目角色"),
    "stats.interactions": ("interactions", "联系记录"),
    "stats.customer": ("customer {customer}", "客户 {customer}"),
    "stats.value": ("value {value:,.0f}", "金额 {value:,.0f}"),
    "stats.due": ("due {deadline}", "截止 {deadline}"),
    "stats.roles": ("{n} stakeholders: {roles}", "{n} 个项目角色：{roles}"),
    "stats.none": ("none yet", "暂无"),
    # -- changes -----------------------------------------------------------------------------------
    "changes.since": ("Since {since}: {what}", "自 {since} 以来：{what}"),
    "changes.since.snapshot": ("Since snapshot {since}: {what}", "自快照 {since} 以来：{what}"),
    "changes.count": ("{n} change", "{n} 处变化"),
    "changes.count.n": ("{n} changes", "{n} 处变化"),
    "changes.nothing": ("nothing changed", "没有变化"),
    "changes.projects": ("; coverage of {n} project before and after",
                         "；{n} 个项目的覆盖前后对比"),
    "changes.projects.n": ("; coverage of {n} projects before and after",
                           "；{n} 个项目的覆盖前后对比"),
    "what.person added": ("person added", "新增人员"),
    "what.person gone": ("person gone", "人员移除"),
    "what.person changed": ("person changed", "人员信息变更"),
    "what.person left": ("left the post", "离任"),
    "what.person appointed": ("newly appointed", "新任"),
    "what.person succeeded": ("took over the post", "接任"),
    "import.succeeds": (", taking over from {who}", "，接任 {who}"),
    "what.person moved": ("moved", "调任"),
    "what.role added": ("role added", "新增角色"),
    "what.role removed": ("role removed", "角色移除"),
    "what.role changed": ("role changed", "角色变更"),
    "what.stance changed": ("stance changed", "立场变化"),
    "what.influence changed": ("influence changed", "影响力变化"),
    "what.tie added": ("tie added", "新增关系"),
    "what.tie removed": ("tie removed", "关系移除"),
    "what.tie re-rated": ("tie re-rated", "关系强度变化"),
    "what.coverage": ("coverage", "覆盖"),
    "what.best chain": ("best chain", "最佳链路"),
    "what.coverage score": ("coverage score", "覆盖率"),
    "what.stakeholder changed": ("stakeholder changed", "项目角色变更"),
    "what.tie changed": ("tie changed", "关系变更"),
    "what.interaction added": ("interaction added", "新增联系记录"),
    "what.organization added": ("organization added", "新增单位"),
    "what.organization gone": ("organization gone", "单位移除"),
    "what.organization changed": ("organization changed", "单位信息变更"),
    "what.project added": ("project added", "新增项目"),
    "what.project gone": ("project gone", "项目移除"),
    "what.project changed": ("project changed", "项目信息变更"),
    "col.what": ("what", "变化"),
    "col.record": ("record", "记录"),
    "col.status_now": ("now", "现在"),
    "col.status_without": ("without them", "其离开后"),
    "col.who_else_name": ("who else", "可接手者"),
    "col.leaning": ("leans to", "倾向"),
    "col.superior": ("superior", "上级"),
    "col.person_status": ("status", "状态"),
    "col.owner_name": ("owner", "我方负责人"),
    "col.owner_id": ("owner (id)", "我方负责人编号"),
    "map.fact.leaning": ("leans to", "倾向"),
    "map.fact.owner": ("owner", "我方负责人"),
    "map.fact.next step": ("next step", "下一步"),
    "map.fact.concerns": ("concerns", "关注点"),
    "map.card.leaning": ("leans to {who}", "倾向{who}"),
    "col.who_else_id": ("who else (id)", "可接手者编号"),
    "col.department": ("department", "部门"),
    "col.reports_to": ("reports to", "直接上级"),
    "col.email": ("e-mail", "邮箱"),
    "col.phone": ("phone", "电话"),
    "col.notes": ("notes", "备注"),
    "col.org_id": ("organization", "单位"),
    "col.industry": ("industry", "行业"),
    "col.region": ("region", "地区"),
    "col.parent_id": ("parent organization", "上级单位"),
    "col.customer_id": ("customer", "客户"),
    "col.since": ("since", "相识时间"),
    "col.channel": ("channel", "方式"),
    "col.sentiment": ("sentiment", "效果"),
    "col.date": ("date", "日期"),
    "col.our_person_id": ("our person", "我方人员"),
    "col.source": ("from", "人员甲"),
    "col.target": ("to", "人员乙"),
    "col.type": ("type", "关系类型"),
    "col.role": ("role", "角色"),
    "col.domains": ("mail domains", "邮箱域名"),
    "col.action": ("action", "操作"),
    "action.create": ("created", "新建"),
    "action.update": ("updated", "更新"),
    "action.remove": ("removed", "删除"),
    "action.from_empty": ("created (first import)", "新建（首次导入）"),
    "col.field": ("field", "字段"),
    "col.who": ("who", "谁"),
    "none": ("(none)", "（无）"),
    # -- import ---------------------------------------------------------------------------------
    "import.table": ("table", "表"),
    "import.rows": ("rows", "行数"),
    "import.unchanged": ("unchanged", "未变"),
    "import.created": ("created", "新建"),
    "import.updated": ("updated", "更新"),
    "import.removed": ("removed", "删除"),
    "import.would.created": ("would be created", "将新建"),
    "import.would.updated": ("would be updated", "将更新"),
    "import.would.removed": ("would be removed", "将删除"),
    "import.plan": ("change plan:", "变更计划："),
    "import.changes": ("changes:", "变更："),
    "import.more_created": ("  + … and {n} more created", "  + … 另有 {n} 条新建"),
    "import.more_changed": ("  … and {n} more updated or removed", "  … 另有 {n} 条更新或删除"),
    "import.warning": ("warning: {text}", "警告：{text}"),
    "import.activity.events": ("{file}: {n} event", "{file}：{n} 个日程"),
    "import.activity.events.n": ("{file}: {n} events", "{file}：{n} 个日程"),
    "import.activity.messages": ("{file}: {n} message", "{file}：{n} 封邮件"),
    "import.activity.messages.n": ("{file}: {n} messages", "{file}：{n} 封邮件"),
    "import.activity.used": (
        "with one of us and an outside contact: {n}, making {interactions} interactions "
        "with {people}; left out: {internal} internal only, {private} with only contacts at "
        "skipped domains, {without} without any of us",
        "我方人员与外部联系人之间：{n} 条，生成 {interactions} 条联系记录，涉及 {people}；"
        "未计入：仅内部 {internal} 条，仅含跳过域名联系人 {private} 条，无我方人员 {without} 条"),
    "import.activity.unmatched": (
        "contacts who match nobody ({people}; not created: graphcrm review to accept, merge "
        "or ignore them):",
        "无法对应到人员的联系人（{people}；未自动新建：用 graphcrm review 接受、合并或忽略）："),
    "import.activity.unmatched_row": ("  {who}: once, {first}", "  {who}：1 次，{first}"),
    "import.activity.unmatched_row.n": ("  {who}: {n} times, {first} – {last}",
                                        "  {who}：{n} 次，{first} 至 {last}"),
    "import.activity.per_person": ("interactions per person: {people}",
                                   "各人联系记录数：{people}"),
    "import.activity.moved": ("last contact moved: {a} — {b}: {before} → {after}",
                              "最近联系更新：{a} — {b}：{before} → {after}"),
    "import.activity.future": ("{file}: message {n} is dated {date}, after today: left out",
                               "{file}：第 {n} 封邮件日期为 {date}，晚于今天，未计入"),
    "import.activity.suggested": ("ties proposed (graphcrm review to accept them): {ties}",
                                  "建议新增关系（用 graphcrm review 确认）：{ties}"),
    "import.activity.suggested_tie": ("{pair} (met on {n} days: strength {strength})",
                                      "{pair}（{n} 天有往来：强度 {strength}）"),
    "import.cards.read": ("{file}: {n} contact card", "{file}：{n} 张名片"),
    "import.cards.read.n": ("{file}: {n} contact cards", "{file}：{n} 张名片"),
    "import.cards.people": (
        "people from contact cards: {new} new, {known} already known (addresses and numbers "
        "joined, title updated); new organizations: {orgs}",
        "名片中的人员：新增 {new} 人，已有 {known} 人（合并邮箱与电话，更新职务）；"
        "新增单位 {orgs} 个"),
    "import.cards.left_out": ("warning: {where}: no organization, left out",
                              "警告：{where}：没有单位，未导入"),
    "import.more_unmatched": ("  … and {n} more (graphcrm review lists them all)",
                              "  … 另有 {n} 人（graphcrm review 列出全部）"),
    "cli.interrupted": ("interrupted", "已中断"),
    "cli.internal_error": ("internal error: {kind}: {error} (run with GRAPHCRM_DEBUG=1 for the "
                           "traceback)",
                           "内部错误：{kind}：{error}（设置 GRAPHCRM_DEBUG=1 运行可看到回溯）"),
    "cli.template": ("{file}: the import template", "{file}：导入模板"),
    "cli.dump": ("{file}: {people} people and {sets} change sets, with the snapshots and the "
                 "review list", "{file}：{people} 人，{sets} 个变更批次，含快照与待核对名单"),
    "cli.restore": ("restored {file}: {people} people and {sets} change sets",
                    "已恢复 {file}：{people} 人，{sets} 个变更批次"),
    "cli.restore.dry": ("{file} restores: {people} people and {sets} change sets; nothing "
                        "written (dry run)",
                        "{file} 可以恢复：{people} 人，{sets} 个变更批次；未写入（试运行）"),
    "cli.snapshot": ("snapshot '{name}': the state after change set {n}",
                     "快照“{name}”：变更集 {n} 之后的状态"),
    "cli.removed_ties": ("removed {n} tie", "已删除 {n} 条关系"),
    "cli.removed_ties.n": ("removed {n} ties", "已删除 {n} 条关系"),
    "cli.removed_role": ("removed 1 role", "已删除 1 个角色"),
    "cli.forget_needs_yes": ("erasing {who} cannot be undone: add --yes to confirm",
                             "删除 {who} 无法撤销：请加 --yes 确认"),
    "cli.forget_confirm": ("Erase {who} and everything attached to them?",
                           "删除 {who} 及其全部关联数据？"),
    "cli.forgot": ("Forgot {who}: {ties} ties, {roles} stakeholder roles, {interactions} "
                   "interactions; {subordinates} people no longer report to them.",
                   "已删除 {who}：{ties} 条关系、{roles} 个项目角色、{interactions} 条联系记录；"
                   "{subordinates} 人不再向其汇报。"),
    "cli.exported": ("{file}: {format}", "{file}：{format}"),
    "review.left_off": ("{contact}: left off the review list", "{contact}：已从待核对名单中移除"),
    "review.open": ("open", "待核对"),
    "review.ignored": ("ignored", "已忽略"),
    "review.accepted": ("accepted", "已新建"),
    "review.merged": ("merged", "已合并"),
    "import.understood": ("headers understood as:", "表头识别为："),
    "import.header_row": ("{where}: the header is row {row}; the rows above it were passed "
                          "over", "{where}：表头在第 {row} 行，上面的行已跳过"),
    "import.hidden": ("{where}: hidden; passed over", "{where}：隐藏的工作表，已跳过"),
    "import.instructions": ("{where}: instructions (one column of text); passed over",
                            "{where}：说明页（只有一列文字），已跳过"),
    "import.not_read": ("{where}: not read — its columns match no table ({columns}); name "
                        "its columns in a mapping file (--mapping) if it holds people, ties "
                        "or roles",
                        "{where}：未读取——各列对不上任何表（{columns}）；如果其中有人员、关系"
                        "或角色，请在映射文件（--mapping）里写明各列"),
    "import.read_as": ("{source} as {table} (header row {row}): {pairs}",
                       "{source} 读作{table}（表头第 {row} 行）：{pairs}"),
    "import.extra": ("extra", "附加列"),
    "problem.missing": ("missing value", "缺少值"),
    "problem.no_column": ("required column is missing", "缺少必需的列"),
    "problem.date": ("not a date (expected YYYY-MM-DD, or a month YYYY-MM, or a year YYYY)",
                     "不是日期（应为 2026-11-20、2026年11月 或 1998年）"),
    "problem.whole_number": ("not a whole number", "不是整数"),
    "problem.calendar_date": ("not a calendar date (no such month or day)",
                              "不是日历上的日期（没有这个月或这一天）"),
    "problem.day_needed": ("a day is needed (2026-11-20), not a month or a year",
                           "需要具体到日（如 2026-11-20），不能只有年月"),
    "problem.number": ("not a number (write digits, as 4800万元 or 48,000,000)",
                       "不是数字（请写数字，如 4800万元 或 48,000,000）"),
    "problem.finite_number": ("not a finite number", "不是有限的数字"),
    "problem.too_large": ("out of range (at most 1e+15)", "超出范围（最大 1e+15）"),
    "problem.range": ("out of range (expected {low}–{high})", "超出范围（应为 {low}–{high}）"),
    "problem.unknown_word": ("unknown word (accepted: {accepted})", "无法识别（可用：{accepted}）"),
    "problem.unknown_ref.people": ("unknown person (no such id in people)",
                                   "找不到此人员（编号或名称都对不上）"),
    "problem.unknown_ref.organizations": ("unknown organization (no such id in organizations)",
                                          "找不到此单位（编号或名称都对不上）"),
    "problem.unknown_ref.projects": ("unknown project (no such id in projects)",
                                     "找不到此项目（编号或名称都对不上）"),
    "problem.row": (", row {row}", "，第 {row} 行"),
    "problem.column": (", column {column}", "，列 {column}"),
    "problems.head": ("{n} problem in the input; nothing was written",
                      "输入中有 {n} 个问题；未写入任何内容"),
    "problems.head.n": ("{n} problems in the input; nothing was written",
                        "输入中有 {n} 个问题；未写入任何内容"),
    "col.id": ("id", "编号"),
    "col.organizations.name": ("name", "名称"),
    "col.projects.name": ("name", "名称"),
    "col.stakeholders.person_id": ("person", "人员"),
    "col.stakeholders.project_id": ("project", "项目"),
    "col.interactions.person_id": ("person", "客户人员"),
    "col.relationships.type": ("type", "关系类型"),
    "import.row_number": ("row number (not stored)", "行号（不存）"),
    "import.dry_run": ("valid; nothing written (dry run)", "校验通过；未写入（试运行）"),
    # -- map --------------------------------------------------------------------------------------
    "map.title": ("Stakeholder map", "关系地图"),
    "map.title_project": ("Project stakeholder map", "项目关系地图"),
    "map.by_organization": ("graphcrm — {people:,} people by organization{links}",
                            "graphcrm —— 按单位汇总的 {people:,} 人{links}"),
    "map.strongest": (", the {shown:,} strongest of {all:,} links",
                      "，{all:,} 条联系中最强的 {shown:,} 条"),
    "map.org_link": ("{n} ties, mean strength {strength:.1f}",
                     "{n} 条关系，平均强度 {strength:.1f}"),
    "map.our_team": ("our team", "我方团队"),
    "map.contact": ("contact", "联系人"),
    "map.our_company": ("Our company", "我方公司"),
    "map.kind.own": ("our company", "我方公司"),
    "map.kind.customer": ("customer", "客户"),
    "map.kind.partner": ("partner", "合作伙伴"),
    "map.kind.competitor": ("competitor", "竞争对手"),
    "map.kind.other": ("other", "其他"),
    "map.fact.organization": ("organization", "单位"),
    "map.fact.title": ("title", "职务"),
    "map.fact.department": ("department", "部门"),
    "map.fact.roles": ("roles", "角色"),
    "map.fact.stance": ("stance", "立场"),
    "map.fact.influence": ("influence", "影响力"),
    "map.fact.last contact": ("last contact", "最近联系"),
    "map.fact.coverage": ("coverage", "覆盖"),
    "map.fact.best path from us": ("best path from us", "我方最佳链路"),
    "map.fact.broker": ("broker", "唯一中间人"),
    "map.fact.key informant": ("key informant", "关键线人"),
    "map.fact.email": ("email", "邮箱"),
    "map.fact.phone": ("phone", "电话"),
    "map.fact.notes": ("notes", "备注"),
    "map.fact.kind": ("kind", "类型"),
    "map.fact.todo": ("to find out", "待摸清"),
    "map.fact.people": ("people", "人数"),
    "map.broker_means": ("the only route to a decision-making stakeholder",
                         "通往某位决策链干系人的唯一路线"),
    "map.informant_means": ("a candidate (graphcrm informants)", "候选人（graphcrm informants）"),
    "map.tie_strength": ("strength {recorded}, today {now:.1f}", "强度 {recorded}，当前 {now:.1f}"),
    "map.undated": (" (undated)", "（无日期）"),
    "map.tie_last": ("last contact {date}", "最近联系 {date}"),
    "map.legend.border": ("border: {stance}", "边框：{stance}"),
    "map.legend.placeholder": ("a buying-centre role nobody is known for yet (?)",
                               "还不知道由谁担任的采购决策角色（？）"),
    "map.legend.others": ("user, referrer and others", "使用者、介绍人及其他"),
    "map.legend.influences": ("influences (arrow: whose opinion moves whom)",
                              "影响（箭头：谁影响谁）"),
    "map.legend.referred": ("referred (arrow: who introduced whom)", "介绍（箭头：谁介绍了谁）"),
    "map.legend.reporting": ("reports to (dotted, arrow to the superior)",
                             "汇报关系（点线，箭头指向上级）"),
    "map.legend.broker": ("single thread: the one person every route passes",
                          "单线：所有路线都经过的那个人"),
    "map.legend.informant": ("key-informant candidate", "关键线人候选"),
    "map.legend.path": ("best path to a decision maker", "通往决策者的最佳链路"),
    "map.legend.weak": ("weak or undated tie", "弱关系或无日期关系"),
    "map.legend.tree": ("reports to (the org chart's lines, superior above)",
                        "汇报关系（组织架构线，上级在上）"),
    "map.legend.dotted": ("dotted-line (second) superior, arrow to the superior",
                          "虚线汇报（第二上级），箭头指向上级"),
    "map.legend.card": ("card colour: {stance}", "卡片颜色：{stance}"),
    "map.legend.no_stance": ("card white: not a stakeholder, or stance unknown",
                             "白色卡片：非干系人或立场未知"),
    "map.legend.across": ("acquaintance: click a card for its own, tick the boxes for all",
                          "认识关系：点选卡片显示其关系，勾选复选框显示全部"),
    "map.card.ours": ("ours: {names}", "我方 {names}"),
    "map.legend.ours": ("“ours: …” on a card: who of ours knows them well enough to ask, "
                        "and the month we last met",
                        "卡片上“我方 …”：与其有往来的我方人员及最近联系月份"),
    "map.card.more": ("{names} and others ({n})", "{names}等{n}人"),
    "map.legend.band": ("band: an organization (a group around its subsidiaries), "
                        "a department", "色带：单位（集团包含其子公司）、部门"),
    "map.placeholders": ("Buying-centre roles to find", "待摸清的采购角色"),
    "map.card.via": ("only via {broker}", "仅经 {broker}"),
    "map.card.successor": ("succeeded by {who}", "继任 {who}"),
    "map.since.new": ("new", "新"),
    "map.since.up": ("stance ↑", "态度↑"),
    "map.since.down": ("stance ↓", "态度↓"),
    "map.since.role": ("role changed", "角色变化"),
    "map.since.left": ("left", "已调离"),
    "map.legend.contested": ("contested: every route runs through someone against us",
                             "受阻：所有路线都经过反对我方的人"),
    "map.card.influence": ("influence", "影响力"),
    "map.subtitle": ("customer {customer} · ties valued as of {date}",
                     "客户：{customer} · 关系估值日期 {date}"),
    "map.subtitle_plain": ("ties valued as of {date}", "关系估值日期 {date}"),
    "map.left_out": (" · not drawn: {people} of organizations with no part in the project "
                     "(the network view shows them)",
                     " · 未画出：与本项目无关单位的 {people}（网络视图可显示）"),
    "map.left_out_key": (" · the key people: {people} more on the page",
                         " · 只画关键人物：另有 {people} 见完整页面"),
    "page.search": ("Search a name", "搜索姓名"),
    "page.organization": ("Organization", "单位"),
    "page.role": ("Role", "角色"),
    "page.all_organizations": ("All organizations", "全部单位"),
    "page.all_roles": ("All roles", "全部角色"),
    "page.min_strength": ("min strength", "最低强度"),
    "page.cluster": ("Group by organization", "按单位分组"),
    "page.uncluster": ("Ungroup", "取消分组"),
    "page.reset": ("Show all", "显示全部"),
    "page.png": ("Save as PNG", "保存为 PNG"),
    "page.close": ("Close", "关闭"),
    "page.focus": ("Focus on this person", "聚焦此人"),
    "page.legend": ("Legend", "图例"),
    "page.as_of": ("Ties valued as of", "关系估值日期"),
    "page.inner": ("ties inside organizations", "单位内部关系"),
    "page.across": ("all ties across organizations", "全部跨单位关系"),
    "page.save_layout": ("Save layout", "保存布局"),
    # -- demo --------------------------------------------------------------------------------------
    "demo.loaded": ("The sample bid, loaded into\n  {store}\nwith ties valued as of {as_of}.",
                    "示例投标已载入\n  {store}\n关系按 {as_of} 估值。"),
    "demo.further": ("Explore it further: {command}", "继续探索：{command}"),
    "demo.path": ("Who can get us to 王建国, who decides the Jiangsu bid?",
                  "谁能帮我们接触到江苏项目的拍板人王建国？"),
    "demo.gaps": ("Where are we blind at the hospital?", "医院项目里我们哪里是盲区？"),
    "demo.informants": ("Who tells us what is really happening in Jiangsu?",
                        "江苏项目谁能告诉我们真实情况？"),
    "demo.health": ("Whom to call this week?", "这周该联系谁？"),
    "demo.matrix": ("The bid review table", "投标评审表"),
}

# Columns whose cells hold a vocabulary value: column → key prefix.
_CELL_VOCAB = {
    "coverage": "Coverage", "coverage_now": "Coverage", "coverage_after": "Coverage",
    "approach": "approach", "map_status": "MapStatus", "roles": "Role", "stance": "Stance",
    "tie": "TieType", "level": "TieLevel", "gf_role": "gf",
    "quadrant": "quadrant", "kind": "kind", "hole": "hole", "stage": "ProjectStage",
    "channel": "Channel", "sentiment": "Sentiment", "org_kind": "OrgKind", "what": "what",
    "decision": "review", "action": "action", "table": "stats", "field": "col",
    "status_now": "Coverage", "status_without": "Coverage", "person_status": "PersonStatus",
}


def word(key: str, lang: str, **values: Any) -> str:
    """The word for ``key`` in ``lang`` (``en`` or ``zh``), filled with ``values``.

    With a count ``n``, the plural form ``<key>.n`` is used for any count but one.

    Raises
    ------
    KeyError
        When the catalogue has no such key (a test runs every command in both languages).
    """
    if lang not in LANGUAGES:
        raise BadArgument(f"lang must be one of {', '.join(LANGUAGES)} (got {lang!r})")
    if values.get("n", 1) != 1 and f"{key}.n" in WORDS:
        key = f"{key}.n"
    text = WORDS[key][LANGUAGES.index(lang)]
    return text.format(**values) if values else text


def column(name: str, lang: str, result: str = "") -> str:
    """The header of column ``name`` (in a ``result`` kind's table, when it names it apart)."""
    for key in (f"col.{result}.{name}", f"col.{name}"):
        if key in WORDS:
            return word(key, lang)
    return name


def local_time(stamp: str) -> str:
    """A recorded moment (ISO text, with its offset) as a reader reads it: local time, to
    the minute.

    >>> import datetime as dt
    >>> moment = dt.datetime(2026, 12, 6, 13, 7, 21, tzinfo=dt.timezone.utc)
    >>> local_time("2026-12-06T13:07:21+00:00") == f"{moment.astimezone():%Y-%m-%d %H:%M}"
    True
    """
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def cell(column_name: str, value: Any, lang: str) -> Any:
    """A table cell in ``lang``: vocabulary values by their word, lists of them one by one,
    anything else unchanged."""
    if column_name == "last_contact" and value == "undated":
        return word("undated", lang)
    if column_name == "at" and isinstance(value, str) and "T" in value:
        return local_time(value)
    if column_name == "field" and isinstance(value, str):
        return field_name(value, lang)
    prefix = _CELL_VOCAB.get(column_name)
    if prefix is None or value is None:
        return value
    if isinstance(value, list):
        return [cell(column_name, v, lang) for v in value]
    key = f"{prefix}.{value}"
    if key in WORDS:
        return word(key, lang)
    if prefix == "TieLevel" and isinstance(value, int) and 1 <= value <= len(TieLevel):
        return word(f"TieLevel.{list(TieLevel)[value - 1].value}", lang)
    return value


class Said(str):
    """A sentence said in English that knows its catalogue key and values, so that the
    reader's language can say it too (:meth:`in_lang`): what an import tells about the
    files it read travels as plain text (it *is* the English text) and is shown in Chinese
    where the reader reads Chinese.

    >>> said = Said("import.header_row", where="人员.csv", row=3)
    >>> str(said)
    '人员.csv: the header is row 3; the rows above it were passed over'
    >>> said.in_lang("zh")
    '人员.csv：表头在第 3 行，上面的行已跳过'
    """

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, **values: Any) -> Said:
        said = super().__new__(cls, word(key, "en", **_in(values, "en")))
        said.key, said.values = key, values
        return said

    def in_lang(self, lang: str) -> str:
        """The sentence in ``lang`` (vocabulary values in its words)."""
        return word(self.key, lang, **_in(self.values, lang))

    def __reduce__(self) -> tuple[Any, ...]:  # copies and pickles keep the key and values
        return _said, (self.key, self.values)


class Field(str):
    """A record's field named in a sentence: its column name in English, its word in
    Chinese (:func:`field_name`)."""


def _in(values: dict[str, Any], lang: str) -> dict[str, Any]:
    """A sentence's values in ``lang``: vocabulary members and fields by their word, a
    sentence within the sentence in the same language."""
    return {k: vocab(v, lang) if isinstance(v, Vocabulary) else
            field_name(str(v), lang) if isinstance(v, Field) else
            v.in_lang(lang) if isinstance(v, Said) else v for k, v in values.items()}


class ReadAs(Said):
    """How a file's or sheet's headers were read: ``人员.csv as people (header row 1): 姓名 →
    name, 微信 → extra``, in either language (the columns by their words in Chinese).

    >>> said = ReadAs("人员.csv", "people", 1, (("姓名", "name"), ("微信", None)))
    >>> said.in_lang("zh")
    '人员.csv 读作人员（表头第 1 行）：姓名 → 姓名，微信 → 附加列'
    """

    def __new__(cls, source: str, table: str, row: int,
                pairs: tuple[tuple[str, str | None], ...]) -> ReadAs:
        said = str.__new__(cls, cls._text(source, table, row, pairs, "en"))
        said.key = "import.read_as"
        said.values = {"source": source, "table": table, "row": row, "pairs": pairs}
        return said

    @staticmethod
    def _text(source: str, table: str, row: int, pairs: tuple[tuple[str, str | None], ...],
              lang: str) -> str:
        special = {None: "import.extra", "_row_number": "import.row_number"}
        shown = [f"{header} → " + (word(special[column], lang) if column in special else
                                  str(column) if lang == "en" else
                                  column_word(str(column), lang, table))
                 for header, column in pairs]
        return word("import.read_as", lang, source=source, row=row, pairs=joined(
            shown, lang, zh="，", en=", "),
            table=word(f"stats.{table}", lang) if lang != "en" else table)

    def in_lang(self, lang: str) -> str:
        return self._text(self.values["source"], self.values["table"], self.values["row"],
                          self.values["pairs"], lang)

    def __reduce__(self) -> tuple[Any, ...]:
        v = self.values
        return ReadAs, (v["source"], v["table"], v["row"], v["pairs"])


def _said(key: str, values: dict[str, Any]) -> Said:
    return Said(key, **values)


class VocabularyRefused(Said):
    """An unknown word in a vocabulary column, with the words accepted — in the reader's
    language (立场 accepts 铁杆、支持、中立、怀疑、反对)."""

    def __new__(cls, vocabulary: type[Vocabulary], english: str) -> VocabularyRefused:
        said = str.__new__(cls, english)
        said.key, said.values = "problem.unknown_word", {"vocabulary": vocabulary}
        return said

    def in_lang(self, lang: str) -> str:
        vocabulary = self.values["vocabulary"]
        if lang == "en":
            return str(self)
        accepted = joined((word(f"{vocabulary.__name__}.{m.value}", lang) for m in vocabulary
                           if f"{vocabulary.__name__}.{m.value}" in WORDS), lang)
        return word("problem.unknown_word", lang, accepted=accepted)

    def __reduce__(self) -> tuple[Any, ...]:
        return VocabularyRefused, (self.values["vocabulary"], str(self))


class Listed(Said):
    """Things listed in the reader's language, joined by ``sep`` (by default a line each,
    indented; in Chinese by ``zh_sep`` when given): each sentence, vocabulary value or field
    by its words, at most ``limit`` of them, then how many more there are (``check.more``).

    >>> said = Listed([Said("check.no_org", id="p1"), Said("check.bosses", id="p2", n=2)])
    >>> print(said)
    person p1 works at no organization
      person p2 reports to 2 people
    >>> print(said.in_lang("zh"))
    人员 p1 没有所属单位
      人员 p2 有 2 个直接上级
    >>> Listed(["p1", "p2", TieType.KNOWS], sep=" ").in_lang("zh")
    'p1 p2 认识'
    >>> Listed(["甲", "乙", "丙"], sep=", ", zh_sep="、", limit=2).in_lang("zh")
    '甲、乙、……另有 1 项'
    """

    def __new__(cls, items: Sequence[Any], *, sep: str = "\n  ", zh_sep: str | None = None,
                limit: int | None = None) -> Listed:
        said = str.__new__(cls, cls._text(items, sep, limit, "en"))
        said.key = "check.more"
        said.values = {"items": tuple(items), "sep": sep, "zh_sep": zh_sep, "limit": limit}
        return said

    @staticmethod
    def _text(items: Sequence[Any], sep: str, limit: int | None, lang: str) -> str:
        shown = [str(v) for v in _in({str(i): v for i, v in enumerate(items[:limit])},
                                         lang).values()]
        if limit is not None and len(items) > limit:
            shown.append(word("check.more", lang, n=len(items) - limit))
        return sep.join(shown)

    def in_lang(self, lang: str) -> str:
        v = self.values
        sep = v["zh_sep"] if lang == "zh" and v["zh_sep"] is not None else v["sep"]
        return self._text(v["items"], sep, v["limit"], lang)

    def __reduce__(self) -> tuple[Any, ...]:
        return _listed, (self.values,)


def _listed(values: dict[str, Any]) -> Listed:
    return Listed(values["items"], sep=values["sep"], zh_sep=values["zh_sep"],
                  limit=values["limit"])


def problem_text(problem: Any, lang: str) -> str:
    """One refused spot of an import, in ``lang``: where (file, row, column), what, why.

    >>> from graphcrm.errors import Problem
    >>> problem_text(Problem("人员.csv", "people", 3, "姓名", "", Said("problem.missing")), "zh")
    "人员.csv，第 3 行，列 姓名：''：缺少值"
    """
    if lang == "en":
        return str(problem)
    where = problem.source
    if problem.row is not None:
        where += word("problem.row", lang, row=problem.row)
    if problem.column:
        where += word("problem.column", lang, column=problem.column)
    value = "" if problem.value is None else f"{problem.value!r}："
    return f"{where}：{value}{say(problem.reason, lang)}"


_OS_REASONS = {errno.ENOENT: "os.no_such", errno.EACCES: "os.denied", errno.EPERM: "os.denied",
               errno.ENOSPC: "os.disk_full", errno.EROFS: "os.read_only",
               errno.EISDIR: "os.is_folder", errno.ENOTDIR: "os.not_folder"}


def os_reason(err: OSError) -> str:
    """Why the system refused a file, in the reader's words where the catalogue has them (a
    :class:`Said`), else as the system says it.

    >>> os_reason(PermissionError(13, "Permission denied")).in_lang("zh")
    '没有权限'
    """
    key = _OS_REASONS.get(err.errno or 0)
    return Said(key) if key else (err.strerror or str(err))


def say(text: str, lang: str) -> str:
    """``text`` in ``lang`` when it is a :class:`Said`, else as it is."""
    return text.in_lang(lang) if isinstance(text, Said) else text


def column_word(name: str, lang: str, table: str) -> str:
    """A contract column of ``table`` by its word (``organizations.name`` is 名称, a
    person's 姓名)."""
    key = f"col.{table}.{name}"
    return word(key, lang) if key in WORDS else field_name(name, lang)


def field_name(name: str, lang: str) -> str:
    """The word for a record's field: in English the contract's column name (what a sheet's
    header says), in Chinese its word (``status`` of a person is 状态, not coverage)."""
    if lang == "en":
        return name
    return word(f"field.{name}", lang) if f"field.{name}" in WORDS else column(name, lang)


def field_value(table: str, name: str, value: Any, lang: str) -> str:
    """A field's value as a person reads it: a vocabulary value by its word, a blank as
    ``(blank)``.

    >>> field_value("people", "status", "left", "zh"), field_value("people", "phone", None, "zh")
    ('离职', '（空）')
    >>> field_value("relationships", "level", 2, "zh")
    '业余'

    """
    if value is None or value == "":
        return word("blank", lang)
    spec = SCHEMA.get(table)
    vocabulary = next((c.vocabulary for c in spec.columns if c.name == name), None) \
        if spec else None
    if vocabulary is TieLevel and str(value).isdigit() and 1 <= int(value) <= len(TieLevel):
        value = list(TieLevel)[int(value) - 1].value  # a level is stored as its number
    key = f"{vocabulary.__name__}.{value}" if vocabulary is not None else ""
    return word(key, lang) if key in WORDS else str(value)


def record_label(table: str, label: str, lang: str) -> str:
    """How a change names a role or a tie, with its role or tie type in ``lang`` (``P 王建国
    决策者``, ``王建国 — 周建平 认识``); any other label as it is.

    >>> record_label("relationships", "张伟 — 黄蕾 KNOWS", "zh")
    '张伟 — 黄蕾 认识'
    """
    kinds: dict[str, type[Vocabulary]] = {"stakeholders": Role, "relationships": TieType}
    if lang == "en" or table not in kinds or not label:
        return label
    head, _, last = label.rpartition(" ")
    try:
        return f"{head} {vocab(kinds[table](last), lang)}" if head else label
    except ValueError:  # a label of another shape: as it is
        return label


def vocab(member: Vocabulary | str, lang: str, prefix: str = "") -> str:
    """The word for a vocabulary member (or a value under ``prefix``)."""
    if isinstance(member, Vocabulary):
        return word(f"{type(member).__name__}.{member.value}", lang)
    return word(f"{prefix}.{member}", lang) if f"{prefix}.{member}" in WORDS else str(member)


def default_lang() -> str:
    """``GRAPHCRM_LANG`` when it names a language, else Chinese when the locale is, else
    English."""
    chosen = os.environ.get("GRAPHCRM_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    code = (os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or
            os.environ.get("LANG") or (locale.getlocale()[0] or "")).lower()
    return "zh" if code.startswith("zh") else "en"


def joined(items: Iterable[str], lang: str, *, zh: str = "、", en: str = ", ") -> str:
    """A list in ``lang``'s punctuation: ``甲、乙`` or ``A, B`` (clauses: ``zh="；"``).

    >>> joined(["甲", "乙"], "zh"), joined(["A", "B"], "en")
    ('甲、乙', 'A, B')
    """
    return (zh if lang == "zh" else en).join(items)


def role_words(roles: list[str], lang: str) -> str:
    """Roles as words, joined (``决策者、评估者``)."""
    return joined((vocab(Role(r), lang) for r in roles), lang)
