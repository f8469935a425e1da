"""The command line's own words in Chinese: each command's help and each option's, by name.

The English help lives with each command (its docstring, each option's ``help``); its Chinese
lives here, keyed by the command's path (``gaps``, ``remove tie``) and the option's name
(``max_hops``; ``path.max_hops`` where a command says it differently). ``tests/cli/
test_help.py`` checks that every command and option has its Chinese, and that ``--lang zh
--help`` of every command says no English sentence.
"""

from __future__ import annotations

#: command path → its help in Chinese: the first line is its short help in the command list.
COMMANDS: dict[str, str] = {
    "": "graphcrm 描绘一个项目周围的人。\n\n"
        "把投标团队整理的单位、人员、关系和项目表格载入一张关系图，回答：谁能帮我们接触到拍板的人，"
        "我们哪里是盲区，谁能告诉我们真实情况。",
    "changes": "自某个快照或日期以来有什么变化，以及这些变化对投标意味着什么。\n\n"
               "逐行列出人员的加入、离任、接任、调任，角色和态度的变化，关系的增减，以及每位决策相关"
               "干系人的覆盖级别和最佳链路的前后对比、覆盖率的前后对比。",
    "check": "检查数据库是否完整，不改动其中的数据。\n\n"
             "嵌入式数据库会运行 SQLite 的完整性和外键检查，并完成被其他进程挡住的删除（forget）；"
             "Neo4j 数据库则在服务器上检查 graphcrm 的数据模型。每个问题都指明是哪条记录、哪一列、"
             "什么值，并说明该怎么处理。有问题时以退出码 4 结束。",
    "demo": "把自带的示例投标载入一个新的嵌入式数据库，并演示每一项分析。",
    "dump": "把数据库的全部内容写入文件：记录、每一次变更的历史、快照和待确认清单，"
            "存为一个可移植的 JSON 文件（用于备份，或在嵌入式数据库与 Neo4j 之间迁移）。",
    "export": "导出关系图，供 Gephi、Cytoscape 等工具使用：以姓名为标签，按态度或单位类型"
              "着色，关系按今天（或 --as-of 指定的日期）传递请求的可能性加权。给出项目时只导出"
              "该项目的邻域。NetworkX 可以读回每一种格式。",
    "forget": "彻底删除一个人及与其相关的一切：关系、角色、联系记录，以及历史中对此人的每一处记载"
              "（删除本身只记录数量）。无法撤销。",
    "gaps": "每位决策相关干系人的覆盖级别：深度覆盖、已接触、可引荐、受阻或未覆盖。\n\n"
            "另列出：有效路线和弱路线，每人的单线中间人和阻碍者，增加联系线的行动计划（已模拟验证），"
            "组织架构缺口，以及覆盖率和关系图状态。",
    "handover": "某人离开时团队会失去什么：没有此人后覆盖会下降的干系人（附剩下的最佳链路"
                "和可接手者），以及联系计划中原由此人负责的联系（附改由谁来联系）。",
    "health": "正在变冷的关系和逾期未联系的人，排成联系计划：联系谁、由谁联系、为什么。",
    "history": "列出每一次记录在案的变更：导入、删除、彻底删除，附时间、操作人和文件，每次新建、"
               "更新、删除了多少条记录，以及其后命名的快照。给出变更批次号时，逐字段列出那一次做了什么、"
               "由谁所做。",
    "import": "校验并载入一个 CSV 文件夹或 Excel 工作簿；也可载入日历和邮件导出文件，"
              "其中的会议和邮件成为联系记录。",
    "informants": "按得分排列的项目线人候选人，附每一项得分的理由。",
    "map": "生成交互式关系地图：一个可离线打开的独立 HTML 文件。",
    "matrix": "按影响力和态度把干系人分为四个象限，并附覆盖情况。",
    "path": "从我方人员（或指定的起点）到目标人物的最佳影响路线。",
    "remove": "手工删除一条关系或一个项目角色。",
    "remove tie": "删除人员 A 与 B（编号或姓名）之间的关系，不论方向。",
    "remove role": "删除某人在某项目中的某个角色（编号或姓名；角色可用中文或英文）。",
    "restore": "把备份文件（graphcrm dump）恢复到一个空的数据库（任一种），在一个事务中完成，"
               "包括历史和快照。",
    "revert": "撤销一个变更批次（graphcrm history 可列出）：它新建的记录被删除（人员、单位"
              "和项目也一样，除非有其他记录引用它们），它删除的记录恢复，它更新的字段恢复原值；"
              "在一个事务中完成，撤销本身也记入历史。",
    "review": "日历和邮件导入时无法匹配的联系人：从不自动新建。",
    "review accept": "把联系人（地址，或清单上显示的姓名）新增为一个人员，并把其会议和邮件"
                     "记为联系记录。",
    "review merge": "联系人就是某位已有人员（编号或姓名），其地址另存为一个电子邮件地址；"
                    "其会议和邮件记为联系记录。",
    "review ignore": "把联系人从清单上去掉，今后每次导入都不再列出。",
    "snapshot": "给当前状态命名（例如一次阶段评审），以后可以问自那以来有什么变化。",
    "stats": "按类别统计数量，并逐项目统计。",
    "template": "生成一个空白的导入工作簿（文件.xlsx）或 CSV 文件夹，从这里开始填写。",
    "whois": "某人（编号或姓名）是谁，以及其历任职务：职务、部门、上级和状态，从何时到何时，"
             "按历史中记录的每一次变动。",
}

#: option name (or ``command.option`` where a command says it differently) → its help.
OPTIONS: dict[str, str] = {
    "store": "嵌入式数据库文件，或 neo4j:// / bolt:// 地址（环境变量 GRAPHCRM_STORE）。",
    "lang": "用中文或英文显示（环境变量 GRAPHCRM_LANG，否则按系统语言）。",
    "version": "显示版本号并退出。",
    "help": "显示本帮助并退出。",
    "since": "快照名称（graphcrm snapshot）或日期：列出自那以来的变化。",
    "project_option": "项目（编号或名称），与位置参数「项目」相同。",
    "as_of": "按此日期估算关系：2026-11-01、2026/11/1 或 2026年11月1日（默认：今天）。",
    "fmt_given": "输出格式：对齐的表格（默认）、JSON，或可安全用电子表格打开的 CSV。",
    "folder": "示例数据库所在的文件夹（默认：新建一个临时文件夹）。",
    "fmt": "GraphML 或 GEXF（Gephi、Cytoscape），JSON（D3 节点-连线格式）；默认按文件后缀，"
           "否则为 GraphML。",
    "output": "要写入的文件。",
    "redact": "不含备注、邮箱、电话和线人信息。",
    "yes": "不再询问；没有终端时必须给出。",
    "author": "谁做的这次变更，记入历史（默认：你的用户名）。",
    "max_hops": "更长的路线不计。",
    "avoid": "不算此人时的覆盖（可重复）：哪些人只有他/她能覆盖。",
    "part": "配合 --format csv（或 json）：只输出这一部分（CSV 默认：stakeholders）。",
    "handover.part": "配合 --format csv：输出这一部分（默认：stakeholders）。",
    "health.avoid": "不算此人时的联系计划（可重复）：改由谁来联系。",
    "dry_run": "只校验，不写入。",
    "encoding": "指定 CSV 编码（utf-8、gb18030 等），不自动识别。",
    "mapping": "一个 CSV 文件（表、字段、表头），写明 graphcrm 不认识的表头。",
    "allow_reassign": "接受数据库中已有的编号以另一个姓名和单位出现。",
    "sync": "以文件为准：删除文件中各项目不再列出的角色行，以及文件中人员之间不再列出的关系。",
    "only_domains": "日历和邮件：只统计这个邮箱域名的联系人（可重复）。",
    "skip_domains": "日历和邮件：不统计这个域名的联系人，例如 qq.com 等私人邮箱（可重复）。",
    "suggest_ties": "日历和邮件：我方某人与某联系人在 N 天或以上见过面或通过邮件、却没有"
                    "记录关系时，建议一条“认识”关系（列入待确认清单）。",
    "keep_subjects": "日历和邮件：把主题保存为联系记录的备注（从不读取正文）。",
    "settle": "同事在你上次导入后改过的值：保留同事的。",
    "import.settle": "同事在你上次导入后改过的值：写入你的。",
    "take_over": "配合 --sync：其他同事录入的内容也删除（默认同步只删除本人录入的，否则拒绝）。",
    "clear_blanks": "空单元格清除已存的值（默认保留）。",
    "allow_losses": "配合 --sync：即使要删除的比文件列出的还多也照样删除（否则拒绝：可能是"
                    "表被清空了）。",
    "max_rows": "数据行超过此数的表一律拒绝。",
    "max_columns": "列数超过此数的表一律拒绝。",
    "max_cell_chars": "字符数超过此数的单元格一律拒绝。",
    "max_file_mb": "超过此大小的文件一律拒绝（工作簿解压后可能大一倍）。",
    "max_occurrences": "日历：重复规则从开始起要生成超过此数的事件一律拒绝（例如自 2020 年起"
                       "每分钟一次）。",
    "top": "列出多少位候选人。",
    "include_competitors": "把竞争对手的人员也列入排名（作为风险）。",
    "map.output": "要写入的页面。",
    "paths": "突出显示通往每位决策者的最佳路线。",
    "map.redact": "不含备注、邮箱、电话和线人标记（可安全分享）。",
    "pseudonymize": "同时用角色代替姓名（包含 --redact）。",
    "layout": "orgchart：客户的组织架构图，投标关系画在其上（有项目时、或库中只有一个项目时的"
              "默认）；network：所有人的关系网（库中有多个项目而未指明时的默认）。",
    "positions": "页面上“保存布局”存下的布局文件（卡片放在你放的位置），或上一次生成的地图页面："
                 "没有变化的人留在原位。默认使用 -o 将要覆盖的那个页面（如果已存在）。",
    "png": "同时通过无界面 Chromium 生成 PNG 图片（标题、日期、地图、图例）。",
    "pdf": "同时通过无界面 Chromium 生成一页横向 PDF，用于幻灯片。",
    "paper": "PDF 的页面：A4 横向或 16:9 幻灯片。",
    "map.since": "在每张卡片上标出此人自该快照（或日期）以来的变化：新、态度↑↓、角色变化；"
                 "此后调离的人以灰色卡片留在原位（已调离）。",
    "former": "组织架构图也画出已不在任的人：灰色，留在原位，注明自何时起及继任者。",
    "all_people": "--png、--pdf 和 --pptx 画出页面上的所有人，而不只是关键人物（干系人及其上级、"
                  "与他们有关系的我方人员和竞争对手人员）。",
    "pptx": "同时把组织架构图写成一张可编辑的 16:9 PowerPoint 幻灯片（WPS 也可打开）：每张卡片"
            "一个图形，连接线绑定在卡片上。",
    "project": "项目：按此项目的态度判断；其投标团队与我方所有人一起作为起点。",
    "k": "列出多少条路线。",
    "path.max_hops": "每条路线最多经过几层关系。",
    "path.avoid": "绝不经过此人（可重复）。",
    "avoid_opponents": "绝不经过反对者（按 --project 中的态度，否则按目标人物所在任一项目中"
                       "的态度）。",
    "strict": "配合 --avoid-opponents：怀疑者也避开。",
    "path.include_competitors": "允许路线经过竞争对手的人员。",
    "restore.dry_run": "检查文件和数据库，不写入。",
    "revert.dry_run": "显示将撤销的内容，不写入。",
    "everyone": "也列出已接受、已合并或已忽略的联系人。",
    "whois.part": "配合 --format csv：输出这一部分（默认：person）。",
    "tie_type": "只删除这种类型（KNOWS、INFLUENCES、REFERRED）；默认所有类型。",
    "org": "其单位（编号或名称）；默认按邮箱地址的域名所属单位。",
    "name": "其姓名；默认取邮件或会议邀请中的姓名。",
}

#: The words click puts around them.
FRAME: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项：",
    "Commands": "命令：",
    "Examples:": "示例：",
    "default:": "默认：",
    "required": "必填",
}

#: Argument and value names as a Chinese reader reads them in usage lines.
METAVARS: dict[str, str] = {
    "PROJECT": "项目", "PERSON": "人员", "TARGET": "目标", "SOURCE": "起点", "FILE": "文件",
    "PATH": "路径", "DATE": "日期", "DIR": "文件夹", "URI": "地址", "TEXT": "文本",
    "INTEGER": "整数", "CHANGE_SET": "变更批次", "NAME": "名称", "CONTACT": "联系人",
    "ROLE": "角色", "COMMAND": "命令", "ARGS": "参数", "OPTIONS": "选项", "COUNT": "数目",
    "FLOAT": "数值", "RANGE": "范围", "TYPE": "类型", "N": "N", "DOMAIN": "域名", "MB": "MB",
    "A": "A", "B": "B",
    "SNAPSHOT": "快照", "DIRECTORY": "文件夹", "PATHS": "路径",
}
