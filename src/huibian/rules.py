"""The rule registry: every finding Huibian can report, with its code, severity and help.

The rules reference page (docs/rules.md) is generated from this table, so a rule is
described exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass

from huibian.findings import Finding, Severity


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    message: str
    """A Chinese message template, formatted with the keyword arguments of `finding`."""
    bad: str = ""
    good: str = ""
    group: str = "元数据"

    def finding(
        self, path: str, line: int = 1, col: int = 1, severity: Severity | None = None, **values: object
    ) -> Finding:
        """Make a finding of this rule at `path:line:col`."""
        return Finding(path, line, col, self.code, severity or self.severity, self.message.format(**values))


E, W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {}


def _rule(*args: object, **kwargs: object) -> Rule:
    rule = Rule(*args, **kwargs)  # type: ignore[arg-type]
    if rule.code in RULES:
        raise ValueError(f"duplicate rule code {rule.code}")
    RULES[rule.code] = rule
    return rule


# -- collection.yml ---------------------------------------------------------------------------
COLLECTION_MISSING = _rule(
    "C001", E, "找不到 collection.yml",
    "找不到汇编配置文件 {file}：请在 reports/ 下建立 collection.yml，写明标题、单位和报告类别",
    group="汇编配置",
)
COLLECTION_YAML = _rule(
    "C002", E, "collection.yml 语法错误",
    "collection.yml 的 YAML 语法错误：{problem}",
    bad="units:\n  - id: jtj\n    name: [交通运输局", good="units:\n  - id: jtj\n    name: 交通运输局",
    group="汇编配置",
)
COLLECTION_FIELD = _rule(
    "C003", E, "collection.yml 字段有误",
    "collection.yml 中“{key}”{problem}",
    bad="units:\n  - name: 交通运输局", good="units:\n  - id: jtj\n    name: 交通运输局",
    group="汇编配置",
)
COLLECTION_REFERENCE = _rule(
    "C004", E, "collection.yml 引用了不存在的单位或类别",
    "collection.yml 中“{key}”引用的{what}“{value}”不存在{hint}",
    bad="  - id: glzx\n    parent: jtjj", good="  - id: glzx\n    parent: jtj",
    group="汇编配置",
)
COLLECTION_DUPLICATE = _rule(
    "C005", E, "collection.yml 中的编号重复",
    "collection.yml 中{what}编号“{value}”重复出现，编号必须唯一",
    group="汇编配置",
)
COLLECTION_MARKUP = _rule(
    "C006", E, "collection.yml 的名称中有 HTML 标记",
    "collection.yml 中“{key}”含有 HTML 标记或字符实体“{markup}”：名称会显示在网站和 PDF 上，"
    "只能写普通文字；如确需尖括号或 &，请用全角“＜＞＆”",
    bad="  - id: jtj\n    name: 交通运输局<b>", good="  - id: jtj\n    name: 交通运输局",
    group="汇编配置",
)
UNSAFE_ID = _rule(
    "C007", E, "collection.yml 中的编号含有不允许的字符",
    "collection.yml 中“{key}”的编号“{value}”不可用：编号会成为网址和文件名，只能由小写英文字母、数字、"
    "“-”和“_”组成，例如 jtj、ideology-2024",
    bad="  - id: ../jtj", good="  - id: jtj",
    group="汇编配置",
)
PARENT_CYCLE = _rule(
    "C008", E, "上级单位循环",
    "collection.yml 中“{key}”的上级单位形成循环（{cycle}）：请检查这些单位的 parent",
    bad="  - id: a\n    parent: b\n  - id: b\n    parent: a", good="  - id: a\n  - id: b\n    parent: a",
    group="汇编配置",
)

# -- files ------------------------------------------------------------------------------------
NOT_UTF8 = _rule(
    "F001", E, "文件不是 UTF-8 编码",
    "文件不是 UTF-8 编码（看起来是 {encoding}），请用 `huibian import {file}` 转换后再提交",
    group="文件",
)
EMPTY_FILE = _rule(
    "F002", E, "空文件",
    "文件是空的：请删除它，或用 `huibian new` 从模板新建报告",
    group="文件",
)
TOO_LARGE = _rule(
    "F003", E, "文件过大",
    "文件有 {size} 字节，超过上限 {limit} 字节：报告正文不应如此之大，请检查是否误粘贴了其他内容",
    group="文件",
)
UNREADABLE = _rule(
    "F004", E, "文件无法读取",
    "文件无法读取（{problem}）：请检查文件权限，或它是否是一个损坏的链接",
    group="文件",
)
TOO_DEEP = _rule(
    "F005", E, "嵌套过深",
    "{what}嵌套了 {depth} 层，超过上限 {limit} 层，网页和 PDF 无法排版：请改为分段或编号标题",
    bad="> > > > > > > > > > > > > 引用", good="> 引用",
    group="文件",
)
OUTSIDE_PROJECT = _rule(
    "F006", E, "报告文件在项目以外",
    "这个报告文件实际指向项目以外的 {target}（符号链接）：项目以外的文件不会被发布；"
    "请把报告复制到 reports/ 中，不要用链接",
    group="文件",
)
UNBOUNDED_MARKDOWN = _rule(
    "F007", E, "方括号过多",
    "这一段有 {count} 个方括号“[”（其中 {unpaired} 个没有配对），全段 {length} 个字符：网页和 PDF 排版所需的时间"
    "随方括号数与段落长度的乘积增长，超过了上限；请删除多余的“[”，或改用全角方括号“【】”",
    bad="[[[[[[[[……（数千个）", good="【重要】……",
    group="文件",
)
FRONT_MATTER_TOO_LARGE = _rule(
    "F008", E, "元数据过大",
    "元数据（两行 --- 之间）有 {size} 个字符，超过上限 {limit} 个：元数据只写标题、单位、期间等几个字段，"
    "正文请写在第二行 --- 之后",
    group="文件",
)

# -- front matter -----------------------------------------------------------------------------
NO_FRONT_MATTER = _rule(
    "M001", E, "缺少元数据（front matter）",
    "缺少元数据：文件第一行必须是 ---，随后写 title、unit、period、kind 等字段，再以 --- 结束",
    bad="桐溪县交通运输局2024年上半年意识形态工作情况汇报\n……",
    good="---\ntitle: 桐溪县交通运输局2024年上半年意识形态工作情况汇报\nunit: jtj\nperiod: 2024-H1\nkind: ideology\n---",
)
FRONT_MATTER_YAML = _rule(
    "M002", E, "元数据 YAML 语法错误",
    "元数据的 YAML 语法错误：{problem}",
    bad="title: 汇报\nunit jtj", good="title: 汇报\nunit: jtj",
)
FRONT_MATTER_SHAPE = _rule(
    "M003", E, "元数据不是“字段: 值”的形式",
    "元数据必须是“字段: 值”的列表，而这里是{found}",
    bad="---\n- title\n---", good="---\ntitle: ……\n---",
)
MISSING_FIELD = _rule(
    "M004", E, "缺少必填字段",
    "缺少必填字段“{field}”（{meaning}），例如：{example}",
    bad="---\ntitle: ……\nunit: jtj\n---", good="---\ntitle: ……\nunit: jtj\nperiod: 2024-H1\nkind: ideology\n---",
)
WRONG_TYPE = _rule(
    "M005", E, "字段类型不对",
    "字段“{field}”应为{expected}，实际是{found}{hint}",
    bad="tags: 舆论引导", good="tags: [舆论引导]",
)
UNKNOWN_UNIT = _rule(
    "M006", E, "未知单位",
    "单位“{value}”不在 collection.yml 的 units 中{hint}",
    bad="unit: jtjj", good="unit: jtj",
)
UNKNOWN_KIND = _rule(
    "M007", E, "未知报告类别",
    "报告类别“{value}”不在 collection.yml 的 kinds 中{hint}",
    bad="kind: ideolog", good="kind: ideology",
)
BAD_PERIOD = _rule(
    "M008", E, "期间格式不对",
    "期间“{value}”格式不对：应写作 2024（年度）、2024-H1/2024-H2（上/下半年）、2024-Q3（季度）或 2024-05（月份）",
    bad="period: 2024上半年", good="period: 2024-H1",
)
BAD_DATE = _rule(
    "M009", E, "日期格式不对或不存在",
    "日期“{value}”{problem}：应写作 YYYY-MM-DD，例如 2024-07-08",
    bad="date: 2024-02-30", good="date: 2024-03-01",
)
DATE_OUTSIDE_PERIOD = _rule(
    "M010", W, "日期远离报告期间",
    "日期 {date} 与报告期间 {period}（{start} 至 {end}）相差太远，请核对 date 或 period",
    bad="period: 2024-H1\ndate: 2021-07-08", good="period: 2024-H1\ndate: 2024-07-08",
)
UNKNOWN_KEY = _rule(
    "M011", W, "未知字段",
    "未知字段“{field}”将被忽略{hint}",
    bad="titel: ……", good="title: ……",
)
DUPLICATE_REPORT = _rule(
    "M012", E, "同一单位、期间、类别的报告重复",
    "与 {other} 重复：同一单位（{unit}）、期间（{period}）、类别（{kind}）只能有一份报告，请删除或合并其中一份",
)
BAD_VALUE = _rule(
    "M013", E, "字段取值不在允许范围内",
    "字段“{field}”的值“{value}”不在允许范围内：可选 {allowed}",
    bad="classification: secret", good="classification: internal",
)
UNSAFE_YAML = _rule(
    "M014", E, "元数据使用了不允许的 YAML 功能",
    "元数据使用了不允许的 YAML 功能：{problem}。元数据只能写普通的文字、数字、日期和列表",
    bad="title: !!python/object:os.system ……", good="title: ……",
)
UNKNOWN_TAG = _rule(
    "M015", W, "标签不在规定范围内",
    "标签“{value}”不在 collection.yml 的 tags 中{hint}；网站上不会出现这个标签。"
    "请改用规定的标签，或请汇编负责人把它加入 collection.yml",
    bad="tags: [理论学习, 舆情]", good="tags: [理论学习, 舆论引导]",
)
MARKUP_IN_FIELD = _rule(
    "M016", E, "元数据中有 HTML 标记",
    "字段“{field}”含有 HTML 标记或字符实体“{markup}”：标题、摘要、作者、标签等只能写普通文字，"
    "网站会把标记原样显示出来；如确需尖括号或 &，请用全角“＜＞＆”",
    bad="title: 交通运输局<b>工作汇报</b>", good="title: 交通运输局工作汇报",
)

# -- PDF compilations (src/huibian/pdf) ---------------------------------------------------------
PDF_IMAGE_MISSING = _rule(
    "P001", W, "PDF 汇编中的图片找不到",
    "图片“{src}”找不到（{problem}），PDF 汇编中以图片说明代替；请检查图片路径",
    bad="![示意图](images/不存在.png)", good="![示意图](images/示意图.png)",
    group="PDF 汇编",
)
PDF_IMAGE_REFUSED = _rule(
    "P002", W, "PDF 汇编拒绝读取项目以外的资源",
    "资源“{src}”{problem}，PDF 汇编不会读取它；图片请放在项目目录中并用相对路径引用",
    bad="![](file:///etc/passwd)\n![](https://example.com/a.png)", good="![示意图](images/示意图.png)",
    group="PDF 汇编",
)
PDF_CONFIG = _rule(
    "P003", E, "collection.yml 的 pdf 设置有误",
    "collection.yml 中“pdf.{key}”{problem}",
    bad="pdf:\n  bundles: [units]", good="pdf:\n  bundles: [report, unit, period, kind-period, collection]",
    group="PDF 汇编",
)
PDF_IMAGE_TOO_LARGE = _rule(
    "P004", W, "PDF 汇编中的图片过大",
    "图片“{src}”有 {size} 像素，超过 PDF 汇编的上限 {limit} 万像素，PDF 中以图片说明代替；"
    "请把图片缩小后再引用",
    bad="![航拍图](images/20000x20000.png)", good="![航拍图](images/航拍图-缩小.png)",
    group="PDF 汇编",
)
PDF_FONT_UNREADABLE = _rule(
    "P005", E, "pdf 设置中的字体文件无法读取",
    "collection.yml 中“pdf.fonts.{role}”指定的字体文件“{file}”无法读取（{problem}）：文件可能已损坏或不是字体。"
    "请换成完好的 .ttf/.otf/.ttc 文件，或删去这一项，改用免费替代字体",
    bad="pdf:\n  fonts:\n    title: fonts/损坏的字体.ttf", good="pdf:\n  fonts:\n    title: fonts/FZXBSJW.TTF",
    group="PDF 汇编",
)

# -- report linter: sections (src/huibian/lint.py) ---------------------------------------------
MISSING_SECTION = _rule(
    "S001", E, "缺少必备的部分",
    "缺少“{name}”部分：{kind}报告应有一节以“{name}”为标题（也可写作{synonyms}），请补上这一节",
    bad="## 一、工作开展情况\n……\n## 二、下一步工作计划\n……",
    good="## 一、工作开展情况\n……\n## 二、存在的问题\n……\n## 三、下一步工作计划\n……",
    group="结构",
)
NO_SECTIONS = _rule(
    "S002", W, "报告没有分节",
    "报告正文没有任何标题：请按“一、”“（一）”等层次分节，例如“## 一、工作开展情况”",
    bad="今年以来，我局……（通篇没有标题）", good="## 一、工作开展情况\n……\n## 二、存在的问题\n……",
    group="结构",
)
EMPTY_SECTION = _rule(
    "S003", W, "空的部分",
    "“{marker}{text}”这一节没有内容：请补写内容，或删除这个标题",
    bad="## 二、存在的问题\n\n## 三、下一步工作计划\n……", good="## 二、存在的问题\n\n一是……二是……\n\n## 三、下一步工作计划\n……",
    group="结构",
)

# -- report linter: numbering ------------------------------------------------------------------
NUMBER_GAP = _rule(
    "N001", E, "序号跳号",
    "序号跳号：“{marker}”前面应是第 {expected} 项，却缺了{missing}；请检查是否漏写或编错序号",
    bad="## 二、存在的问题\n## 四、下一步工作计划", good="## 二、存在的问题\n## 三、下一步工作计划",
    group="序号",
)
NUMBER_DUPLICATE = _rule(
    "N002", E, "序号重复",
    "序号重复：“{marker}”在同一层次中已经用过（第 {first} 行），请改为第 {expected} 项的序号",
    bad="（一）加强领导。……\n（一）强化学习。……", good="（一）加强领导。……\n（二）强化学习。……",
    group="序号",
)
NUMBER_START = _rule(
    "N003", E, "序号不从第一项开始",
    "序号应从第一项开始：这一层次的第一个标题是“{marker}”，应为“{first}”",
    bad="## 二、工作开展情况（前面没有“一、”）", good="## 一、工作开展情况",
    group="序号",
)
LEVEL_SKIPPED = _rule(
    "N004", W, "序号层次跳级",
    "“{marker}”是第 {level} 级序号，却直接出现在{parent}之下，跳过了“{missing}”这一级；"
    "公文序号依次为“一、”“（一）”“1.”“（1）”",
    bad="## 一、工作开展情况\n（1）加强领导。……", good="## 一、工作开展情况\n（一）加强领导。……",
    group="序号",
)
DEPTH_MIXED = _rule(
    "N005", W, "同一级序号用了不同的 Markdown 标题级别",
    "“{marker}”用了 {depth} 个 #，而同一级的“{other}”（第 {other_line} 行）用了 {other_depth} 个 #；同一级标题请用相同数量的 #",
    bad="## 一、工作开展情况\n### 二、存在的问题", good="## 一、工作开展情况\n## 二、存在的问题",
    group="序号",
)
HALFWIDTH_MARKER = _rule(
    "N006", W, "半角括号序号",
    "“{marker}”用了半角括号，而本文其他地方用全角括号：请改为“{fixed}”（`huibian check --fix` 可自动修正）",
    bad="（一）加强领导。……\n(二)强化学习。……", good="（一）加强领导。……\n（二）强化学习。……",
    group="序号",
)
ENUMERATION_GAP = _rule(
    "N007", W, "“一是、二是”顺序不对",
    "“{found}是”前面应是“{expected}是”：请检查“一是、二是……”的顺序是否漏写或重复",
    bad="一是加强学习；三是强化宣传。", good="一是加强学习；二是强化宣传。",
    group="序号",
)

# -- report linter: template placeholders ------------------------------------------------------
PLACEHOLDER_X = _rule(
    "T001", E, "模板占位符未替换（XX、X次、××）",
    "“{text}”像是模板中没有替换的占位符：请填写实际的名称或数字",
    bad="全年开展培训X次，XX局参加。", good="全年开展培训3次，县交通运输局参加。",
    group="模板占位符",
)
PLACEHOLDER_STARS = _rule(
    "T002", E, "用星号代替名称或数字",
    "“{text}”像是用星号代替的名称或数字：请填写实际内容（若要加粗，请写成 **文字** 成对使用）",
    bad="***同志带队检查。", good="张明同志带队检查。",
    group="模板占位符",
)
PLACEHOLDER_YEAR = _rule(
    "T003", E, "年份未填写（20XX、202_）",
    "年份“{text}”没有填写：请写出实际年份，例如 2024",
    bad="20XX年上半年，我局……", good="2024年上半年，我局……",
    group="模板占位符",
)
EDITORIAL_NOTE = _rule(
    "T004", E, "模板中的编写提示未删除",
    "“{text}”是模板中的编写提示：请按提示补写内容后删除这段提示",
    bad="（请结合实际添加）", good="（删除提示，写上实际内容）",
    group="模板占位符",
)

# -- report linter: junk from document-sharing sites -------------------------------------------
JUNK_LINE = _rule(
    "J001", E, "疑似文档分享网站的广告或水印",
    "这一行像是从文档分享网站带来的无关内容——{reason}：请删除这一行",
    bad="仅供学习 禁止外传 用后删除", good="（删除整行）",
    group="无关内容",
)
QUOTE_ARTEFACT = _rule(
    "J002", W, "行首多余的“>”",
    "行首的“>”会把这一段显示成引用块，多半是复制网页时带来的：请删除（`huibian check --fix` 可自动修正）",
    bad=">　　一、总体情况", good="一、总体情况",
    group="无关内容",
)
HASH_ARTEFACT = _rule(
    "J003", W, "多余的“#”",
    "行首的“{hashes}”{problem}，多半是复制网页时带来的：请删除（`huibian check --fix` 可自动修正）",
    bad="####\n####一、总体情况", good="一、总体情况",
    group="无关内容",
)
FULLWIDTH_INDENT = _rule(
    "J004", W, "用全角空格缩进",
    "行首有 {count} 个全角空格：网站和 PDF 会自动缩进段落，请删除这些空格（`huibian check --fix` 可自动修正）",
    bad="\u3000\u3000今年以来，我局……", good="今年以来，我局……",
    group="无关内容",
)

SITE_JUNK = _rule(
    "J005", E, "网址、域名或网站名",
    "“{text}”像是网页带来的{reason}：{advice}",
    bad="www.example-fanwen.com\n优秀范文网 | 专业范文写作", good="（删除整行）",
    group="无关内容",
)
CONTACT_JUNK = _rule(
    "J006", E, "QQ、微信或电话联系方式",
    "“{text}”像是网页广告里的{reason}：{advice}",
    bad="资料下载请加微信：fanwen_2024", good="（删除整行）",
    group="无关内容",
)
FURNITURE_JUNK = _rule(
    "J007", E, "网页或文档查看器的附带内容",
    "“{text}”是{reason}，不是报告的内容：{advice}",
    bad="浏览量：1,024 | 收藏 | 分享 | 打印\n共计3562个字\n3、一、工作开展情况", good="一、工作开展情况",
    group="无关内容",
)
NOTICE_JUNK = _rule(
    "J008", E, "上传声明、登录提示或网页署名",
    "“{text}”是{reason}，不是报告的内容：{advice}",
    bad="导语：本文为网友上传，不代表本站观点\n（阅读全部图文内容，您需要先登录！）", good="（删除整行）",
    group="无关内容",
)
SCRAMBLE_JUNK = _rule(
    "J009", E, "防复制的随机字符串",
    "“{text}”像是网站为防复制插入的随机字符串：{advice}",
    bad="全年开展集中学习12次。qT7xKp2Lm9", good="全年开展集中学习12次。",
    group="无关内容",
)

# -- report linter: consistency between front matter and text ----------------------------------
TITLE_OTHER_UNIT = _rule(
    "K001", E, "标题中的单位与元数据不一致",
    "标题写的是“{named}”，而元数据 unit 是“{unit}”（{name}）：请核对标题或 unit",
    bad="unit: jtj\ntitle: 桐溪县教育局2024年上半年意识形态工作情况汇报",
    good="unit: jtj\ntitle: 桐溪县交通运输局2024年上半年意识形态工作情况汇报",
    group="一致性",
)
TITLE_OTHER_PERIOD = _rule(
    "K002", E, "标题中的期间与元数据不一致",
    "标题写的是“{named}”，而元数据 period 是 {period}（{label}）：请核对标题或 period",
    bad="period: 2024-H1\ntitle: ……2023年上半年……", good="period: 2024-H1\ntitle: ……2024年上半年……",
    group="一致性",
)
DATE_BEFORE_END = _rule(
    "K003", W, "成文日期早于报告期间结束",
    "日期 {date} 早于报告期间 {label} 的结束日 {end}：期间还没结束就成文了，请核对 date 或 period",
    bad="period: 2024-H1\ndate: 2024-05-20", good="period: 2024-H1\ndate: 2024-07-08",
    group="一致性",
)
UNKNOWN_IGNORE = _rule(
    "K004", W, "ignore 中的规则代码不存在",
    "ignore 中的“{code}”不是已有的规则代码，不会关闭任何检查{hint}；规则代码见“检查规则”页面",
    bad="ignore: [T01]", good="ignore: [T001]",
    group="一致性",
)

# -- report linter: wording (src/huibian/wording.py; tables in src/huibian/data/) --------------
WORDING_GROUP = "提法与错别字"
WRONG_FORMULATION = _rule(
    "W001", W, "提法不规范",
    "“{wrong}”应为“{right}”{note}",
    bad="认真学习党的十九四中全会精神。", good="认真学习党的十九届四中全会精神。",
    group=WORDING_GROUP,
)
MISSPELLING = _rule(
    "W002", W, "错别字",
    "“{wrong}”应为“{right}”{note}",
    bad="截止目前，共开展专题培训3次。", good="截至目前，共开展专题培训3次。",
    group=WORDING_GROUP,
)
DOUBLED_WORD = _rule(
    "W003", W, "字词重复",
    "“{wrong}”重复了，多半是修改时留下的：应为“{right}”{note}",
    bad="组织全县全县干部职工参加培训。", good="组织全县干部职工参加培训。",
    group=WORDING_GROUP,
)
MISSING_CHARACTER = _rule(
    "W004", W, "固定词组缺字",
    "“{wrong}”缺字，应为“{right}”{note}",
    bad="旗帜鲜明地站在意识形态工作第线。", good="旗帜鲜明地站在意识形态工作第一线。",
    group=WORDING_GROUP,
)

# -- links, images and raw HTML (src/huibian/links.py) -----------------------------------------
LINK_OUTSIDE = _rule(
    "H001", E, "链接或图片指向项目以外",
    "{what}“{target}”指向项目以外（{problem}）：网站和 PDF 都不会读取它，请把文件放进项目并用相对路径引用",
    bad="![](file:///etc/passwd)\n[附件](../../../../secret.docx)", good="![示意图](images/示意图.png)",
    group="链接与 HTML",
)
REMOTE_IMAGE = _rule(
    "H002", W, "图片来自互联网",
    "图片“{target}”来自互联网：内网读者看不到，PDF 汇编也不会下载它；请把图片保存到报告旁边并用相对路径引用",
    bad="![](https://example.com/photo.jpg)", good="![现场照片](images/现场照片.jpg)",
    group="链接与 HTML",
)
UNSAFE_HTML = _rule(
    "H003", W, "正文中的 HTML 会被删除",
    "正文中的 {what} 不允许出现在发布的网站和 PDF 中，会被自动删除：请改用 Markdown 书写",
    bad='<script>alert(1)</script>\n<img src="a.png" onerror="…">', good="![示意图](a.png)",
    group="链接与 HTML",
)


# -- recycled text (src/huibian/recycled.py) ----------------------------------------------------
RECYCLED_EARLIER = _rule(
    "R001", W, "与本单位早期报告重复过多",
    "本报告 {share} 的文字与本单位早期报告相同（阈值 {threshold}，改动年份、数字或调换语序的也算）：{sources}；"
    "此处是第一段重复文字，请按本期实际情况重写（`huibian recycled` 可逐段对照来源）",
    bad="2024年度报告照抄2023年度报告，只改了年份和数字", good="按本年度实际工作撰写，引用上年情况时注明",
    group="重复率",
)
RECYCLED_OTHER = _rule(
    "R002", W, "与其他单位报告重复过多",
    "本报告 {share} 的文字与其他单位的报告相同（阈值 {threshold}）：{sources}；"
    "此处是第一段重复文字，请写本单位的实际情况（`huibian recycled` 可逐段对照来源）",
    bad="整段照搬其他单位的工作做法", good="写本单位的做法、数据和事例",
    group="重复率",
)
RECYCLED_MIXED = _rule(
    "R003", W, "与早期报告和其他单位报告合计重复过多",
    "本报告 {share} 的文字与本单位早期报告或其他单位的报告相同（阈值 {threshold}）：{sources}；"
    "此处是第一段重复文字，请按本期实际情况重写（`huibian recycled` 可逐段对照来源）",
    bad="一半抄上年报告，一半抄其他单位报告", good="按本期实际情况撰写",
    group="重复率",
)

def rule(code: str) -> Rule:
    return RULES[code]
