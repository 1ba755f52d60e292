#!/usr/bin/env python3
"""Generate a deterministic benchmark collection of N Chinese work reports.

    python scripts/gen_corpus.py N OUT [--clean] [--bare] [--seed S]

Writes a complete Huibian project into OUT:

- OUT/reports/collection.yml   units in a tree (departments and towns with sub-units, about N/10
                               units), kinds with required sections, expectations, tags;
- OUT/reports/<unit>/<period>-<kind>.md   N reports with front matter and a 1,500–9,000 character
                               body built from the phrase templates below (opening paragraph,
                               `## 一、` sections, `### （一）` or run-in `（一）` sub-sections, `1.` run-in
                               items, `一是……二是……` enumerations, a closing signature);
- OUT/planted.json             every finding planted on purpose (placeholders such as `X次`/`XX`,
                               junk lines such as a QQ advert or a 仅供学习 watermark, a date far
                               from its period) with path, line and column; under "wording" the
                               wording errors (截止目前, 全县全县 …) with path, line, col, wrong, right;
                               under "recycled" the recycled reports (path, source, category
                               "earlier") and borrowed paragraphs ("other", with line and text);
- OUT/mkdocs.yml, OUT/docs/, OUT/hooks/   copied from this repository, so `mkdocs build` (or
                               `huibian build`) in OUT builds it as a Huibian site.

`--clean` plants nothing (use it for site builds: planted placeholders may be errors that stop a
build). `--bare` writes instead a plain MkDocs + Material project of the same Markdown (theme
material, search on, default navigation, the reports under OUT/docs/reports/): the baseline.

Same N and seed → the same bytes: the only source of variation is a seeded `random.Random`,
never the clock or the file system order. All text is written by this script.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 8
COUNTY = "澄川县"
YEARS = (2021, 2022, 2023, 2024, 2025)
TAGS = ("理论学习", "舆论引导", "网络安全", "阵地管理", "队伍建设", "文明创建", "安全生产", "基层党建")
PLANT_RATE = 0.08  # share of reports that get one planted finding
WORDING_RATE = 0.05  # share of reports that get one planted wording error (independent of PLANT_RATE)

# -- units ------------------------------------------------------------------------------------
# (name without the county, a short stem, the names of its sub-units)
DEPARTMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("交通运输局", "交通运输", ("公路养护中心", "运输服务中心", "综合行政执法大队", "港航事务中心")),
    ("教育局", "教育", ("教学研究室", "学生资助管理中心", "教育技术装备中心", "招生考试中心")),
    ("文化和旅游局", "文化旅游", ("图书馆", "文化馆", "博物馆", "旅游发展服务中心")),
    ("卫生健康局", "卫生健康", ("疾病预防控制中心", "妇幼保健院", "卫生监督所", "人民医院")),
    ("自然资源和规划局", "自然资源", ("不动产登记中心", "土地储备中心", "测绘地理信息中心")),
    ("住房和城乡建设局", "住房建设", ("住房保障中心", "建设工程质量安全监督站", "房产交易中心")),
    ("农业农村局", "农业农村", ("农业技术推广中心", "动物疫病预防控制中心", "农村经营管理站", "种子管理站")),
    ("水利局", "水利", ("水利工程管理站", "河湖管理中心", "防汛抗旱服务中心")),
    ("民政局", "民政", ("社会福利院", "救助管理站", "殡葬服务中心")),
    ("人力资源和社会保障局", "人力社保", ("就业服务中心", "社会保险事业中心", "劳动保障监察大队")),
    ("财政局", "财政", ("国库支付中心", "财政投资评审中心", "会计核算中心")),
    ("审计局", "审计", ("审计数据中心", "政府投资审计中心")),
    ("统计局", "统计", ("普查中心", "社会经济调查队")),
    ("市场监督管理局", "市场监管", ("食品药品检验所", "计量检定测试所", "消费者权益保护中心")),
    ("应急管理局", "应急管理", ("应急救援指挥中心", "安全生产执法大队")),
    ("司法局", "司法", ("公共法律服务中心", "法律援助中心", "社区矫正中心")),
    ("商务局", "商务", ("电子商务服务中心", "招商服务中心")),
    ("发展和改革局", "发展改革", ("价格认证中心", "重点项目服务中心", "粮食和物资储备中心")),
    ("科学技术局", "科学技术", ("科技创新服务中心", "生产力促进中心")),
    ("工业和信息化局", "工业信息", ("中小企业服务中心", "工业园区服务中心")),
    ("林业局", "林业", ("林业工作站", "国有林场", "森林防火服务中心")),
    ("医疗保障局", "医疗保障", ("医疗保障服务中心", "医保基金监管中心")),
    ("退役军人事务局", "退役军人", ("退役军人服务中心", "军供站")),
    ("信访局", "信访", ("人民来访接待中心",)),
    ("城市管理局", "城市管理", ("环境卫生管理所", "市政设施管理所", "城市管理综合执法大队")),
    ("行政审批服务局", "行政审批", ("政务服务中心", "公共资源交易中心")),
    ("机关事务服务中心", "机关事务", ("公务用车服务中心", "机关幼儿园")),
    ("融媒体中心", "融媒体", ("广播电视台", "新闻采编部")),
    ("档案馆", "档案", ("档案技术保护中心",)),
    ("气象局", "气象", ("气象台", "人工影响天气办公室")),
    ("供销合作社联合社", "供销", ("农资服务中心", "再生资源回收站")),
    ("总工会", "工会", ("职工服务中心", "职工文化宫")),
    ("妇女联合会", "妇联", ("妇女儿童活动中心",)),
    ("科学技术协会", "科协", ("科普服务中心",)),
    ("残疾人联合会", "残联", ("残疾人康复中心", "残疾人就业服务所")),
)
TOWN_FIRST = "青白石河龙凤桃柳松云金银东西南北上下新古梅竹杨枫平安马牛鹤鹿溪泉"
TOWN_SECOND = "山坪溪口桥湾塘岭坝林田港庄源湖渡店铺集坊"
TOWN_SUBS = ("综合文化站", "便民服务中心", "农业综合服务中心", "社会事务服务中心", "退役军人服务站", "综治中心")


@dataclass
class Unit:
    id: str
    name: str
    short: str
    order: int
    type: str  # dept, town, sub
    parent: str | None = None
    leader: str = "党组"


def make_units(count: int) -> list[Unit]:
    """The first `count` units of an endless tree: departments and towns, each followed by sub-units."""
    units: list[Unit] = []
    towns = [a + b for a in TOWN_FIRST for b in TOWN_SECOND]
    random.Random(11).shuffle(towns)
    d = t = 0
    while len(units) < count:
        if d < len(DEPARTMENTS) and (d <= t or t >= len(towns)):
            name, _stem, subs = DEPARTMENTS[d]
            d += 1
            parent = Unit(f"bm{d:02d}", COUNTY + name, "县" + name, d * 100, "dept", leader="党组")
            children = [
                Unit(f"bm{d:02d}-{i + 1}", COUNTY + sub, "县" + sub, d * 100 + i + 1, "sub", parent.id, "党支部")
                for i, sub in enumerate(subs)
            ]
        else:
            if t >= len(towns):
                raise SystemExit(f"too many units requested: {count}")
            town = towns[t]
            t += 1
            kind = "乡" if t % 4 == 0 else "镇"
            parent = Unit(f"xz{t:03d}", f"中共{COUNTY}{town}{kind}委员会", f"{town}{kind}党委", 10000 + t * 100, "town",
                          leader="党委")
            subs = TOWN_SUBS[: 2 + t % 4]
            children = [
                Unit(f"xz{t:03d}-{i + 1}", f"{COUNTY}{town}{kind}{sub}", f"{town}{kind}{sub}", 10000 + t * 100 + i + 1,
                     "sub", parent.id, "党支部")
                for i, sub in enumerate(subs)
            ]
        units.append(parent)
        units.extend(children)
    return units[:count]


# -- kinds ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class KindSpec:
    id: str
    name: str
    title: str
    sections: tuple[tuple[str, str, tuple[str, ...], str], ...]
    # (id, name, synonyms, severity)
    headings: tuple[tuple[str, ...], ...]
    """Heading variants of each section, in order; each contains one of that section's synonyms."""


KINDS: dict[str, KindSpec] = {
    "ideology": KindSpec(
        "ideology", "意识形态工作", "意识形态工作情况汇报",
        (
            ("situation", "工作开展情况", ("开展情况", "主要做法", "总体情况", "工作情况", "主要工作"), "warning"),
            ("problems", "存在的问题", ("存在的问题", "问题", "不足", "差距", "短板"), "error"),
            ("plans", "下一步工作计划", ("下一步", "工作计划", "打算", "措施", "思路"), "error"),
        ),
        (
            ("{span}工作开展情况", "主要做法及成效", "工作开展总体情况", "{span}主要工作情况"),
            ("存在的问题", "存在的问题和不足", "工作中存在的不足", "存在的差距和短板"),
            ("下一步工作计划", "下一步工作打算", "下一步工作措施", "{next}工作思路"),
        ),
    ),
    "summary": KindSpec(
        "summary", "年度工作总结", "年度工作总结",
        (
            ("achievements", "主要工作成效", ("主要工作", "工作成效", "工作开展情况", "主要成效", "完成情况"), "warning"),
            ("problems", "存在的问题", ("问题", "不足", "差距"), "warning"),
            ("plans", "下一年度工作打算", ("下一步", "工作计划", "打算", "思路", "工作安排"), "error"),
        ),
        (
            ("{year}年主要工作及成效", "主要工作完成情况", "{year}年工作开展情况"),
            ("存在的主要问题", "工作中的不足", "存在的差距"),
            ("{nextyear}年工作打算", "{nextyear}年工作计划", "下一步工作安排"),
        ),
    ),
    "security": KindSpec(
        "security", "网络安全自查", "网络安全工作自查报告",
        (
            ("selfcheck", "自查工作开展情况", ("开展情况", "自查情况", "基本情况"), "warning"),
            ("problems", "发现的问题", ("问题", "隐患", "不足"), "error"),
            ("fixes", "整改措施", ("整改", "措施", "下一步"), "error"),
        ),
        (
            ("自查工作开展情况", "自查工作基本情况", "网络安全工作基本情况"),
            ("自查发现的问题", "存在的风险隐患", "存在的问题"),
            ("整改措施", "下一步整改措施", "整改落实情况及下一步措施"),
        ),
    ),
}
KIND_SLOTS = {
    "dept": ("ideology", "summary"),
    "town": ("ideology", "summary"),
    "sub": ("ideology", "security"),
}

# -- phrase bank ------------------------------------------------------------------------------
# Second-level headings and sentences per theme; {u} is the unit's short name, {org} its leading body,
# {n}, {m}, {k} small numbers, {p} a percentage.
THEMES: dict[str, dict[str, tuple[str, ...]]] = {
    "理论学习": {
        "heads": ("强化理论武装，筑牢思想根基", "抓好理论学习，提升政治能力", "坚持学用结合，推动学习走深走实",
                  "创新学习方式，增强学习实效"),
        "items": ("中心组学习规范开展", "青年理论学习小组持续活跃", "专题读书班集中培训", "学习成果转化运用",
                  "“三会一课”制度落实"),
        "sents": (
            "{org}理论学习中心组全年开展集中学习{n}次，围绕重点专题开展研讨交流{m}次，班子成员撰写心得体会{k}篇。",
            "坚持把学习贯彻党的创新理论作为首要政治任务，制定年度学习计划，明确学习专题{n}个。",
            "依托“学习强国”学习平台和线上课堂，推动干部职工日常学、经常学，平均学习积分较上年提高{p}%。",
            "举办专题读书班{n}期，邀请党校教师开展专题辅导{m}场，参训干部{k}人次。",
            "各支部结合主题党日开展集中学习，做到学习有计划、有记录、有交流、有检查。",
            "把学习成果体现到解决实际问题上，围绕群众急难愁盼问题开展调研{n}次，形成调研报告{m}篇。",
            "建立领导干部讲学制度，班子成员到联系支部讲党课{n}次，带动全体党员学深一层、悟透一层。",
            "组织青年干部开展“微宣讲”活动{n}场，用身边事讲清大道理，受到干部群众欢迎。",
        ),
    },
    "舆论引导": {
        "heads": ("加强舆论引导，营造良好氛围", "讲好本地故事，传播正面声音", "健全舆情机制，提升处置能力",
                  "做强正面宣传，凝聚发展共识"),
        "items": ("新闻宣传提质增效", "网络舆情闭环处置", "重要节点集中宣传", "政务新媒体规范运营"),
        "sents": (
            "围绕中心工作策划推出系列报道，全年在县级以上媒体刊发稿件{n}篇，其中市级以上{m}篇。",
            "单位公众号全年发布信息{k}条，阅读量累计超过{m}万次，较上年增长{p}%。",
            "健全网络舆情监测、研判、处置、回应工作机制，全年收集处置舆情线索{n}条，均在规定时限内妥善回应。",
            "明确一般舆情4小时内核实、24小时内回应，敏感舆情第一时间报告主要负责同志。",
            "结合重要时间节点开展集中宣传活动{n}次，制作宣传短视频{m}部，营造了积极向上的舆论氛围。",
            "加强与县融媒体中心的沟通对接，联合开展专题采访{n}次，推出典型人物报道{m}篇。",
            "对群众反映集中的问题主动发布权威信息，做到早发声、准发声，有效压缩了不实信息传播空间。",
            "落实信息发布三级审核制度，全年未发生信息发布错误。",
        ),
    },
    "网络安全": {
        "heads": ("压实网络安全责任，守牢网络阵地", "加强网络安全防护，消除风险隐患", "规范网络信息管理，确保安全稳定"),
        "items": ("网络安全隐患排查", "信息系统等级保护", "工作群和账号管理", "网络安全宣传周活动"),
        "sents": (
            "组织开展网络安全隐患排查{n}次，检查办公终端{k}台，发现并整改问题{m}个。",
            "对单位网站、政务新媒体账号和工作群逐一登记造册，全年清理注销“僵尸”账号{n}个。",
            "落实涉密计算机和非涉密计算机分开使用规定，严禁在互联网上处理涉密信息。",
            "开展网络安全宣传周活动，发放宣传资料{k}份，组织干部职工参加网络安全知识测试{n}场。",
            "为办公电脑统一安装正版杀毒软件和终端管理软件，及时修补系统漏洞{m}个。",
            "与运维单位签订网络安全保密协议，明确双方责任，定期开展数据备份和恢复演练。",
            "加强干部职工个人网络行为教育，引导大家不信谣、不传谣，自觉维护清朗网络空间。",
        ),
    },
    "阵地管理": {
        "heads": ("严格阵地管理，守好责任田", "加强阵地建设，拓展宣传载体", "落实审核把关，规范阵地运行"),
        "items": ("宣传阵地台账管理", "讲座论坛报告会审批", "宣传栏和电子屏管理", "活动场所规范使用"),
        "sents": (
            "对宣传栏、电子显示屏、文化活动室等{n}个阵地逐一登记，建立阵地管理台账，明确责任人。",
            "全年更新宣传内容{n}期，撤换过期宣传品{m}处，确保阵地内容导向正确。",
            "严格执行讲座、论坛、报告会“一会一报”审批制度，全年审批各类活动{n}场。",
            "定期对阵地运行情况开展督查，发现内容更新不及时等问题{m}个，均已督促整改到位。",
            "结合办公场所改造，新建党建文化长廊{n}处，让党的创新理论随处可见、触手可及。",
            "对外来宣传品实行登记审核，未经审核的一律不得张贴、摆放。",
        ),
    },
    "队伍建设": {
        "heads": ("加强队伍建设，提升履职能力", "关心干部成长，凝聚干事合力", "锤炼过硬作风，激发干事活力"),
        "items": ("宣传思想干部培训", "思想动态分析研判", "谈心谈话全覆盖", "青年干部培养"),
        "sents": (
            "在各科室和下属单位明确宣传信息员{n}名，组织集中业务培训{m}次，提升写作和宣传能力。",
            "建立职工思想动态分析制度，每季度开展分析研判{n}次，及时掌握干部职工思想状况。",
            "班子成员与分管科室干部职工开展谈心谈话{k}人次，帮助解决实际困难{m}件。",
            "选派{n}名青年干部到基层一线和重点项目锻炼，在实践中增长才干。",
            "开展作风建设专项整治，查摆问题{n}个，制定整改措施{m}条，作风建设持续向好。",
            "组织开展先进典型评选表彰，评选优秀共产党员{n}名、先进工作者{m}名，营造比学赶超氛围。",
        ),
    },
    "文明创建": {
        "heads": ("深化文明创建，培育时代新风", "弘扬社会主义核心价值观，涵养文明风尚", "开展志愿服务，践行为民宗旨"),
        "items": ("志愿服务常态开展", "文明单位创建", "道德讲堂活动", "移风易俗宣传"),
        "sents": (
            "组织党员干部到社区、村开展志愿服务活动{n}次，参与{k}人次，服务群众{m}件。",
            "深入开展文明单位创建活动，完善创建工作台账，全年开展文明礼仪培训{n}场。",
            "举办道德讲堂{n}期，邀请身边好人讲述感人故事，引导干部职工见贤思齐。",
            "结合传统节日开展“我们的节日”主题活动{n}次，传承弘扬中华优秀传统文化。",
            "在重要节日期间开展移风易俗宣传，倡导婚事新办、丧事简办，反对铺张浪费。",
            "持续开展“最美家庭”“身边好人”评选，推荐先进典型{n}个。",
        ),
    },
    "安全生产": {
        "heads": ("统筹发展和安全，守住安全底线", "压实安全生产责任，防范化解风险", "加强隐患排查整治，确保平安稳定"),
        "items": ("安全生产责任落实", "隐患排查整治", "应急演练", "安全宣传教育"),
        "sents": (
            "层层签订安全生产责任书{n}份，做到责任到岗、到人。",
            "开展安全生产大检查{n}次，排查一般隐患{k}处，已全部整改完毕，整改率100%。",
            "组织开展消防、防汛等应急演练{n}次，参演人员{k}人次，提升了应急处置能力。",
            "利用安全生产月等时机开展宣传教育，发放宣传资料{k}份，悬挂横幅{m}条。",
            "对重点部位和重要时段实行领导带班和24小时值班制度，全年未发生安全责任事故。",
        ),
    },
    "基层党建": {
        "heads": ("夯实基层党建，发挥战斗堡垒作用", "抓实党建引领，推动融合发展", "规范组织生活，提升组织力"),
        "items": ("支部标准化规范化建设", "党员教育管理", "党建品牌创建", "党风廉政建设"),
        "sents": (
            "推进支部标准化规范化建设，{n}个支部全部达到规范化标准，创建示范支部{m}个。",
            "严格落实“三会一课”、主题党日等制度，全年开展主题党日活动{n}次。",
            "加强党员教育管理，全年发展党员{n}名，转正预备党员{m}名。",
            "打造“{brand}”党建品牌，推动党建工作与业务工作同部署、同推进、同考核。",
            "深化廉政风险防控，梳理廉政风险点{n}个，制定防控措施{m}条。",
            "开展警示教育{n}次，组织党员干部观看警示教育片，筑牢拒腐防变思想防线。",
        ),
    },
}
BRANDS = ("红色引擎", "先锋领航", "初心驿站", "连心桥", "党旗红", "服务先锋", "清风护航")
ENUM_LEADS = (
    "在具体工作中，我们着重抓了以下几点", "围绕年度目标任务，重点做了以下工作", "为确保各项任务落地见效",
    "在推进过程中", "结合单位实际",
)
ENUM_ITEMS = (
    "健全工作机制，明确责任分工", "加强督促检查，定期通报进度", "强化宣传引导，营造浓厚氛围",
    "注重典型示范，以点带面推进", "坚持问题导向，抓好整改落实", "加强统筹协调，形成工作合力",
    "完善考核办法，强化结果运用", "突出重点时段，加强值班值守", "用好信息化手段，提高工作效率",
    "加强经费保障，确保工作正常开展",
)
PROBLEMS = (
    "理论学习的深度和广度还不够，部分干部学用结合不紧，以学促干的成效还不够明显",
    "基层单位工作发展不平衡，个别单位存在重业务、轻思想的倾向",
    "宣传工作的针对性和感染力不强，新媒体作品数量偏少、精品不多",
    "网络舆情研判预警能力还有差距，对苗头性问题的发现还不够及时",
    "宣传思想工作队伍力量相对薄弱，专业人才较少，业务能力有待提升",
    "阵地管理还有薄弱环节，个别阵地内容更新不及时",
    "工作创新不够，方法手段比较传统，对年轻干部职工的吸引力不足",
    "制度执行还不够严格，个别工作存在重部署、轻落实的问题",
    "网络安全防护措施还不够完善，个别干部安全意识不强",
    "督促检查的力度还不够，发现问题后跟踪问效不够到位",
)
PROBLEM_CAUSES = (
    "究其原因，主要是思想认识还不够到位，抓工作的韧劲还不足。",
    "这些问题的存在，既有客观条件的限制，也有主观努力不够的原因。",
    "对此，我们将高度重视，认真研究，切实加以解决。",
    "上述问题已列入整改清单，明确了责任人和完成时限。",
)
PLANS = (
    ("持续加强理论武装", "坚持把学习贯彻党的创新理论作为首要政治任务，完善学习制度，丰富学习形式，推动学习成果转化为工作成效。"),
    ("压紧压实工作责任", "严格落实工作责任制，定期研究分析形势，层层传导压力，确保各项任务落实落细。"),
    ("提升宣传工作质量", "围绕中心工作策划主题宣传，加强新媒体作品创作，讲好本地故事，扩大正面声音覆盖面。"),
    ("强化网络舆情管控", "完善舆情监测和应对处置机制，加强舆情研判，做到早发现、早报告、早处置。"),
    ("加强队伍能力建设", "加强宣传信息员培训，建立稿件讲评制度，着力打造一支政治过硬、本领高强的工作队伍。"),
    ("严格阵地规范管理", "定期开展阵地排查，动态更新管理台账，确保各类阵地导向正确、运行规范。"),
    ("抓好问题整改落实", "对照本次查找的问题逐项制定整改措施，明确时间表和责任人，实行销号管理。"),
    ("健全考核评价机制", "把工作情况纳入年度目标考核，考核结果与评先评优挂钩，充分发挥考核指挥棒作用。"),
)
OPENINGS = (
    "{span}，{u}{org}坚持以新时代中国特色社会主义思想为指导，认真贯彻落实上级决策部署，紧紧围绕年初确定的目标任务，"
    "扎实推进{topic}，各项工作取得了积极成效。现将有关情况{verb}如下：",
    "{span}以来，在县委、县政府的坚强领导下，{u}{org}聚焦中心工作，把{topic}摆在重要位置，统筹谋划、精心组织，"
    "推动各项任务落地见效。现将{span}工作情况{verb}如下：",
    "按照上级有关要求，{u}对{span}{topic}进行了认真梳理和总结。总的来看，全单位干部职工思想稳定、积极向上，"
    "各项工作有序推进。现{verb}如下：",
)
TOPICS = {"ideology": "意识形态工作", "summary": "年度重点工作", "security": "网络安全自查工作"}
VERBS = {"ideology": "汇报", "summary": "总结", "security": "报告"}
CLOSINGS = (
    "特此{verb}。",
    "以上{verb}，如有不妥，请批评指正。",
    "我们将以此次{topic}为契机，认真总结经验，补齐短板弱项，推动各项工作再上新台阶。",
)
SECURITY_CHECKS = (
    "对照自查要求，逐项检查了网络安全责任制落实、信息系统运行、数据安全管理和人员教育培训等情况。",
    "成立以主要负责同志为组长的网络安全自查工作领导小组，制定自查方案，明确自查范围和时间安排。",
    "本次自查共检查信息系统{n}个、办公终端{k}台、移动存储介质{m}个。",
    "对单位网站、政务新媒体和工作群进行了全面清理，确保账号底数清、责任明。",
)
NUMERALS = "一二三四五六七八九十"

# Planted findings: placeholders (one token per sentence, `{tok}` marks it) and junk lines.
# The codes are those of huibian.rules (T001 placeholder, T003 placeholder year, J001/J006 junk line, M010 date).
PLACEHOLDER_SENTENCES = (
    ("全年共组织专题学习{tok}，覆盖全体干部职工。", "X次", "T001"),
    ("此项工作由{tok}同志具体负责。", "XX", "T001"),
    ("计划于{tok}年底前全部完成整改。", "20XX", "T003"),
    ("参加培训人员共{tok}人，考核合格率100%。", "××", "T001"),
    ("本年度共排查整改问题{tok}，均已销号。", "X个", "T001"),
)
# (line, code): J006 for a contact, J001 for watermarks and ads.
JUNK_LINES = (
    ("更多精品范文请加QQ群：{qq}，免费下载", "J006"),
    ("本文仅供学习交流使用，禁止外传，请于下载后24小时内删除", "J001"),
    ("（本文档来源于网络整理，仅供学习参考）", "J001"),
    ("欢迎访问本站，开通会员即可下载全部资料", "J001"),
)


# Planted wording errors (rule group W): a sentence holding one wrong form, appended to a body paragraph.
# (sentence, wrong form put in for {w}, its correction, rule code)
WORDING_SENTENCES = (
    ("{w}，各项整改任务均已按计划推进。", "截止目前", "截至目前", "W002"),
    ("班子成员带头学习党的{w}精神，交流心得体会。", "十九四中全会", "十九届四中全会", "W001"),
    ("对失职失责造成不良后果的，{w}。", "严肃追求责任", "严肃追究责任", "W002"),
    ("班子成员旗帜鲜明地站在工作{w}，带头管阵地、把导向。", "第线", "第一线", "W004"),
    ("组织{w}干部职工参加了集中培训。", "全县全县", "全县", "W003"),
    ("全体干部职工将{w}，推动各项任务落地见效。", "再接再励", "再接再厉", "W002"),
    ("我们将{w}抓好阵地管理，确保导向正确。", "一如继往", "一如既往", "W002"),
    ("认真传达学习{w}重要讲话精神。", "习总书记", "习近平总书记", "W001"),
    ("统筹做好{w}疫情防控和日常工作。", "新型冠状肺炎", "新型冠状病毒肺炎", "W001"),
    ("严格落实{w}精神，坚决防止反弹回潮。", "中央8项规定", "中央八项规定", "W001"),
    ("确保对外发布信息的真实性、准确性、{w}。", "致性", "一致性", "W004"),
    ("推动学习教育{w}、制度化。", "长态化", "常态化", "W002"),
    ("坚决纠治{w}、官僚主义。", "形势主义", "形式主义", "W002"),
    ("健全{w}，巩固整改成果。", "常效机制", "长效机制", "W002"),
    ("按照{w}有关要求，逐级压实责任。", "省县县", "省县", "W003"),
    ("全体党员{w}奋发、笃行不怠。", "踔励", "踔厉", "W002"),
)


@dataclass(frozen=True)
class PlantedWording:
    path: str
    line: int
    col: int
    wrong: str
    right: str
    code: str


@dataclass
class Planted:
    path: str
    line: int
    col: int
    kind: str
    text: str
    code: str | None = None


@dataclass
class Body:
    lines: list[str] = field(default_factory=list)

    def para(self, text: str) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(text)

    def size(self) -> int:
        return sum(len(line) for line in self.lines)


class Writer:
    """Writes one report body; all choices come from `rng`."""

    def __init__(self, rng: random.Random, unit: Unit, year: int, half: bool, kind: KindSpec) -> None:
        self.rng = rng
        self.unit = unit
        self.year = year
        self.kind = kind
        self.span = f"{year}年上半年" if half else f"{year}年"
        self.next = "下半年" if half else f"{year + 1}年"
        self.body = Body()

    def fill(self, template: str) -> str:
        r = self.rng
        text = template.format(
            u=self.unit.short, org=self.unit.leader, n=r.randint(2, 12), m=r.randint(1, 9), k=r.randint(20, 400),
            p=r.randint(5, 40), brand=r.choice(BRANDS), span=self.span, next=self.next, year=self.year,
            nextyear=self.year + 1, topic=TOPICS[self.kind.id], verb=VERBS[self.kind.id],
        )
        return text.replace("全年", "上半年") if self.span.endswith("上半年") else text

    def sentences(self, theme: str, count: int) -> str:
        pool = THEMES[theme]["sents"]
        picked = self.rng.sample(pool, min(count, len(pool)))
        return "".join(self.fill(s) for s in picked)

    def enumeration(self) -> str:
        items = self.rng.sample(ENUM_ITEMS, self.rng.randint(3, 4))
        parts = [f"{NUMERALS[i]}是{item}" for i, item in enumerate(items)]
        return self.rng.choice(ENUM_LEADS) + "：" + "；".join(parts) + "。"

    def write(self, target: int) -> list[str]:
        r = self.rng
        self.body.para(self.fill(r.choice(OPENINGS)))
        headed = r.random() < 0.4  # second level as `### （一）` headings, else run-in paragraphs
        # The first section gets most of the text; the others are shorter.
        for index, variants in enumerate(self.kind.headings):
            self.body.para(f"## {NUMERALS[index]}、{self.fill(r.choice(variants))}")
            if index == 0:
                self.situation(target, headed)
            elif index == 1:
                self.problems(headed)
            else:
                self.plans(headed)
        self.body.para(self.fill(r.choice(CLOSINGS)))
        return self.body.lines

    def situation(self, target: int, headed: bool) -> None:
        r = self.rng
        themes = r.sample(list(THEMES), len(THEMES))
        if self.kind.id == "security":
            themes = ["网络安全"] + [t for t in themes if t != "网络安全"]
            self.body.para(self.fill("".join(r.sample(SECURITY_CHECKS, 3))))
        # The opening, problems and plans take at least 500 characters; the rest is shared by the sub-sections.
        budget = target - 500
        count = max(2, min(len(themes), round(budget / 700)))
        start = self.body.size()
        for number, theme in enumerate(themes[:count]):
            goal = start + budget * (number + 1) / count
            head = r.choice(THEMES[theme]["heads"])
            text = self.sentences(theme, r.randint(2, 4))
            if headed:
                self.body.para(f"### （{NUMERALS[number]}）{head}")
                self.body.para(text)
            else:
                self.body.para(f"（{NUMERALS[number]}）{head}。{text}")
            if r.random() < 0.5:
                self.body.para(self.enumeration())
            items = list(THEMES[theme]["items"])
            r.shuffle(items)
            if r.random() < 0.4:
                items = []  # some sub-sections have no numbered items
            position = 0
            for _ in range(10):
                if self.body.size() >= goal:
                    break
                if items:
                    position += 1
                    self.body.para(f"{position}.{items.pop()}。{self.sentences(theme, r.randint(1, 3))}")
                elif r.random() < 0.3:
                    self.body.para(self.enumeration())
                else:
                    other = theme if r.random() < 0.6 else r.choice(list(THEMES))
                    self.body.para(self.sentences(other, r.randint(2, 4)))

    def problems(self, headed: bool) -> None:
        r = self.rng
        chosen = r.sample(PROBLEMS, r.randint(3, 5))
        if r.random() < 0.5:
            lead = "对照上级要求和群众期盼，我们的工作还存在一些差距和不足："
            parts = [f"{NUMERALS[i]}是{p}" for i, p in enumerate(chosen)]
            self.body.para(lead + "；".join(parts) + "。" + r.choice(PROBLEM_CAUSES))
        else:
            for i, problem in enumerate(chosen):
                first, _, rest = problem.partition("，")
                if headed:
                    self.body.para(f"### （{NUMERALS[i]}）{first}")
                    self.body.para(f"{rest}。{r.choice(PROBLEM_CAUSES)}")
                else:
                    self.body.para(f"（{NUMERALS[i]}）{first}。{rest}。" if rest else f"（{NUMERALS[i]}）{first}。")

    def plans(self, headed: bool) -> None:
        r = self.rng
        self.body.para(self.fill("{next}，我们将坚持问题导向和目标导向，重点抓好以下工作："))
        for i, (head, text) in enumerate(r.sample(PLANS, r.randint(3, 5))):
            if headed:
                self.body.para(f"### （{NUMERALS[i]}）{head}")
                self.body.para(text)
            else:
                self.body.para(f"（{NUMERALS[i]}）{head}。{text}")


def period_code(year: int, half: bool) -> str:
    return f"{year}-H1" if half else str(year)


def title_of(unit: Unit, year: int, half: bool, kind: KindSpec) -> str:
    if kind.id == "summary":
        return f"{unit.name}{year}年度工作总结"
    return f"{unit.name}{year}年{'上半年' if half else ''}{kind.title}"


def slots_of(unit: Unit) -> list[tuple[int, bool, str]]:
    """Every (year, half, kind) this unit could report, in a fixed order."""
    slots = []
    for kind_id in KIND_SLOTS[unit.type]:
        for year in YEARS:
            slots.append((year, False, kind_id))
            if kind_id == "ideology":
                slots.append((year, True, kind_id))
    return slots


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Corpus:
    units: list[Unit]
    files: dict[str, str]  # path relative to OUT -> text
    planted: list[Planted]
    wording: list[PlantedWording]
    owed: dict[tuple[str, tuple[str, ...]], list[str]]  # (kind, periods) -> unit ids
    recycled: list[dict[str, object]] = field(default_factory=list)  # planted recycled text (plant_recycled)


def generate(n: int, seed: int = DEFAULT_SEED, plant_rate: float = PLANT_RATE,
             wording_rate: float = WORDING_RATE) -> Corpus:
    rng = random.Random(seed)
    unit_count = max(min(n, 6), (n + 9) // 10)
    units = make_units(unit_count)
    files: dict[str, str] = {}
    planted: list[Planted] = []
    wording: list[PlantedWording] = []
    owed: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    base, extra = divmod(n, unit_count)
    for index, unit in enumerate(units):
        count = base + (1 if index < extra else 0)
        unit_rng = random.Random(f"{seed}:{unit.id}")
        slots = slots_of(unit)
        unit_rng.shuffle(slots)
        chosen = sorted(slots[:count], key=lambda s: (s[2], s[0], not s[1]))
        by_kind: dict[str, list[str]] = {}
        for year, half, kind_id in chosen:
            by_kind.setdefault(kind_id, []).append(period_code(year, half))
            path = f"reports/{unit.id}/{period_code(year, half).lower()}-{kind_id}.md"
            plant_rng = random.Random(f"{seed}:{path}")  # planting never shifts the text of other reports
            text, found = report(rng, plant_rng, unit, year, half, KINDS[kind_id], path, plant_rate)
            # Its own random stream: planting wording errors never moves the other planted findings.
            text, slip = plant_wording(random.Random(f"{seed}:{path}:wording"), text, path, wording_rate)
            files[path] = text
            planted.extend(found)
            wording.extend(slip)
        for kind_id, periods in by_kind.items():
            owed.setdefault((kind_id, tuple(periods)), []).append(unit.id)
    corpus = Corpus(units, files, planted, wording, owed)
    if plant_rate > 0:
        corpus.recycled = plant_recycled(corpus, seed)
    return corpus


def plant_wording(rng: random.Random, text: str, path: str, rate: float) -> tuple[str, list[PlantedWording]]:
    """With probability `rate`, append a sentence with a wording error to one body paragraph of `text`."""
    if rng.random() >= rate:
        return text, []
    lines = text.split("\n")
    body = lines.index("---", 1) + 1
    # Body paragraphs, not headings, not the closing signature (the last five lines).
    candidates = [i for i in range(body, len(lines) - 5) if lines[i].endswith("。") and not lines[i].startswith("#")]
    at = rng.choice(candidates)
    sentence, wrong, right, code = rng.choice(WORDING_SENTENCES)
    col = len(lines[at]) + sentence.index("{w}") + 1
    lines[at] += sentence.replace("{w}", wrong)
    return "\n".join(lines), [PlantedWording(path, at + 1, col, wrong, right, code)]


def report(
    rng: random.Random, plant_rng: random.Random, unit: Unit, year: int, half: bool, kind: KindSpec, path: str,
    plant_rate: float,
) -> tuple[str, list[Planted]]:
    target = int(min(8200, max(1800, rng.lognormvariate(8.0, 0.45))))
    writer = Writer(rng, unit, year, half, kind)
    lines = writer.write(target)
    report_date = (year, 7, rng.randint(1, 25)) if half else (year + 1, 1, rng.randint(4, 28))
    planted: list[Planted] = []
    what = plant_rng.random()
    late = what < plant_rate * 0.15
    if late:  # a date far from its period: metadata warning M010
        report_date = (report_date[0] + 2, report_date[1], report_date[2])
    y, mo, d = report_date
    lines += ["", f"{unit.name}  ", f"{y}年{mo}月{d}日", "{: .hb-signature }"]
    tags = sorted(rng.sample(TAGS, rng.randint(0, 3)), key=TAGS.index)
    public = rng.random() < 0.6
    draft = rng.random() < 0.15
    summary = f"{writer.span}{TOPICS[kind.id]}情况及{writer.next}工作打算。"
    front = [
        "---",
        f"title: {title_of(unit, year, half, kind)}",
        f"unit: {unit.id}",
        f"period: {yaml_text(period_code(year, half))}",
        f"kind: {kind.id}",
        f"date: {y:04d}-{mo:02d}-{d:02d}",
        f"classification: {'public' if public else 'internal'}",
        f"status: {'draft' if draft else 'final'}",
        f"tags: [{', '.join(tags)}]",
        f"author: {unit.short}办公室" if unit.type != "sub" else f"author: {unit.short}",
        f"summary: {summary}",
        "---",
        "",
    ]
    if late:
        planted.append(Planted(path, front.index(f"date: {y:04d}-{mo:02d}-{d:02d}") + 1, 1, "metadata",
                               f"date: {y:04d}-{mo:02d}-{d:02d}", "M010"))
    elif what < plant_rate * 0.6:
        # A placeholder sentence appended to a body paragraph (not a heading, not the signature).
        candidates = [i for i, line in enumerate(lines[:-4]) if line.endswith("。") and not line.startswith("#")]
        at = plant_rng.choice(candidates)
        template, token, code = plant_rng.choice(PLACEHOLDER_SENTENCES)
        col = len(lines[at]) + template.index("{tok}") + 1
        lines[at] += template.replace("{tok}", token)
        planted.append(Planted(path, len(front) + at + 1, col, "placeholder", token, code))
    elif what < plant_rate:
        # A junk line pasted between two paragraphs.
        gaps = [i for i, line in enumerate(lines[:-4]) if line == "" and i > 0]
        at = plant_rng.choice(gaps)
        template, junk_code = plant_rng.choice(JUNK_LINES)
        junk = template.format(qq=plant_rng.randint(100_000_000, 999_999_999))
        lines[at:at] = ["", junk]
        planted.append(Planted(path, len(front) + at + 2, 1, "junk", junk, junk_code))
    return "\n".join(front + lines) + "\n", planted


# -- planted recycled text ----------------------------------------------------------------------
# The phrase bank above makes every report a variation of every other: each of its sentences stands in
# hundreds of units' reports, which huibian.recycled counts as standard formulations. A recycled report
# needs text of its own to recycle, so the planted source reports get prose from these parts, whose
# combinations (millions) make each sentence the unit's own.
RECYCLED_RATE = 0.2  # share of units with a recycled report (and a paragraph borrowed by another unit)
OWN_TIMES = tuple(f"{m}月{p}" for m in (*NUMERALS[:9], "十", "十一", "十二") for p in ("上旬", "中旬", "下旬"))
OWN_PLACES = (
    "在城东片区", "在老码头社区", "在北山村", "在溪口小学", "在南环路沿线", "在物流园区", "在青石桥头", "在新村安置点",
    "在西坝渡口", "在梅岭林场", "在中心菜市场", "在汽车站广场", "在枫林小区", "在河湾工地", "在上坪茶园", "在东湖公园",
    "在老城十字街", "在金山工业区", "在竹园新村", "在文化广场", "在桃源村文化礼堂", "在水库管理站", "在高铁站前区",
    "在三岔路口", "在龙潭景区", "在石门村便民点", "在县体育馆", "在白鹤湿地", "在柳塘农贸市场", "在云峰隧道口",
)
OWN_ACTIONS = (
    "牵头组织", "联合相关股室开展", "会同属地村居开展", "集中开展", "突击开展", "分批组织", "试点推行", "蹲点开展",
    "上门开展", "带队开展", "邀请专家开展", "利用周末开展", "连夜组织", "专门组织", "配合上级开展", "随机抽查开展",
    "错时开展", "分片包干开展", "以案说法开展", "结对共建开展",
)
OWN_OBJECTS = (
    "安全隐患夜间巡查", "政策宣讲进院落活动", "群众诉求现场办理", "防汛物资清点核查", "困难群众走访慰问",
    "窗口服务满意度回访", "消防通道清障行动", "食品摊点规范整治", "老旧设施拉网排查", "技能培训现场教学",
    "法律知识入户讲解", "网络谣言辨识讲座", "矛盾纠纷集中调处", "环境卫生联合清扫", "重点人员见面核查",
    "防诈骗知识宣传", "档案资料集中整理", "应急广播试播测试", "道路标线补划工作", "文明劝导志愿服务",
    "党员先锋岗评比", "群众议事会座谈", "青年干部夜学课堂", "企业用工需求摸排", "特殊群体结对帮扶",
    "校园周边秩序整治", "电动车违规充电排查", "农技服务田间指导", "便民服务流动窗口", "廉政提醒谈话活动",
)
OWN_RESULTS = (
    "共走访群众{n}户并逐户建立台账", "当场解决具体问题{m}件", "形成问题清单{m}份并限期整改", "收集意见建议{n}条",
    "发放明白纸{k}份", "覆盖周边住户{k}户", "整改隐患{m}处并全部销号", "参与干部职工{n}人次",
    "推动{m}项措施落地见效", "回访满意率达到{p}%以上", "清理杂物{n}车次", "帮助{m}家企业解决用工难题",
    "现场答复群众咨询{n}人次", "录制宣传短片{m}部", "化解矛盾纠纷{m}起", "补充应急物资{n}批",
    "更新信息{k}条", "督促整改问题{m}项", "受益群众{k}余人", "完成复查{n}次",
)


def own_sentence(rng: random.Random) -> str:
    result = rng.choice(OWN_RESULTS).format(n=rng.randint(3, 60), m=rng.randint(2, 19), k=rng.randint(80, 900),
                                            p=rng.randint(85, 99))
    return f"{rng.choice(OWN_TIMES)}，{rng.choice(OWN_PLACES)}{rng.choice(OWN_ACTIONS)}{rng.choice(OWN_OBJECTS)}{result}。"


def own_paragraph(rng: random.Random, length: int) -> str:
    """Sentences of the unit's own, about `length` characters (at least two sentences)."""
    text = own_sentence(rng) + own_sentence(rng)
    while len(text) < length:
        text += own_sentence(rng)
    return text


_REPORT_PATH = re.compile(r"reports/([^/]+)/(\d{4})(-h1)?-(\w+)\.md")
_RUN_IN = re.compile(r"^(（[一二三四五六七八九十]+）[^。]*。|\d+\.[^。]*。)")


def _split(text: str) -> tuple[list[str], list[str], list[str]]:
    """A generated report's front matter (with its closing fence and blank line), body and signature lines."""
    lines = text.rstrip("\n").split("\n")
    end = lines.index("---", 1) + 2
    return lines[:end], lines[end:-4], lines[-4:]


def _own_body(body: list[str], rng: random.Random) -> list[str]:
    """The body with every paragraph of prose after the opening one replaced by the unit's own, of about the same
    length (headings and run-in heads kept)."""
    out = body[:1]
    for line in body[1:]:
        if not line or line.startswith("#"):
            out.append(line)
            continue
        head = _RUN_IN.match(line)
        start = head.group() if head else ""
        out.append(start + own_paragraph(rng, len(line) - len(start)))
    return out


def _recycle(body: list[str], old_year: int, new_year: int, rng: random.Random) -> list[str]:
    """`body` as a lazy unit would resubmit it: the year and every figure changed, unnumbered paragraphs reordered."""
    years = {str(old_year): str(new_year), str(old_year + 1): str(new_year + 1)}

    def figure(match: re.Match[str]) -> str:
        text = match.group()
        if match.start() == 0:  # the number of a run-in item (`1.`)
            return text
        return years.get(text) or str(int(text) + rng.randint(1, 9))

    changed = [re.sub(r"\d+", figure, line) for line in body]
    sections: list[list[int]] = [[]]
    for i, line in enumerate(changed):
        if line.startswith("## "):
            sections.append([])
        elif line and not line.startswith("#") and not _RUN_IN.match(line) and not line.startswith("（"):
            sections[-1].append(i)
    for places in sections:
        texts = [changed[i] for i in places]
        rng.shuffle(texts)
        for i, text in zip(places, texts, strict=True):
            changed[i] = text
    return changed


def plant_recycled(corpus: Corpus, seed: int) -> list[dict[str, object]]:
    """Plant recycled reports and borrowed paragraphs in reports without other planted findings.

    In a fifth of the units, an earlier report (the source) gets prose of the unit's own, and a later report
    of the same kind becomes a copy of it with the year and figures changed and paragraphs reordered
    ("earlier"); a report of another unit, of a later year, gets one paragraph of the source ("other").
    """
    busy = {p.path for p in corpus.planted} | {p.path for p in corpus.wording}
    slots: dict[str, list[tuple[int, bool, str, str]]] = {}
    for path in corpus.files:
        match = _REPORT_PATH.fullmatch(path)
        if match and path not in busy:
            unit, year, half, kind = match.groups()
            slots.setdefault(unit, []).append((int(year), bool(half), kind, path))
    planted: list[dict[str, object]] = []
    used: set[str] = set()
    sources: list[tuple[int, str, str, str]] = []  # (year, unit, path, own paragraph)
    for unit in corpus.units:
        rng = random.Random(f"{seed}:recycled:{unit.id}")
        if rng.random() >= RECYCLED_RATE:
            continue
        mine = sorted(slots.get(unit.id, []))
        pairs = [(a, b) for a in mine for b in mine if a[2] == b[2] and a[0] < b[0] and a[1] == b[1]]
        if not pairs:
            continue
        (old_year, _, _, source), (new_year, _, _, target) = rng.choice(pairs)
        front, body, signature = _split(corpus.files[source])
        body = _own_body(body, rng)
        corpus.files[source] = "\n".join(front + body + signature) + "\n"
        target_front, _, target_signature = _split(corpus.files[target])
        corpus.files[target] = "\n".join(target_front + _recycle(body, old_year, new_year, rng) + target_signature) + "\n"
        used.update((source, target))
        planted.append({"path": target, "source": source, "category": "earlier"})
        paragraph = next((line for line in body[1:] if line and not line.startswith(("#", "（")) and not _RUN_IN.match(line)),
                         None)
        if paragraph is not None:
            sources.append((old_year, unit.id, source, paragraph))
    for year, unit_id, source, paragraph in sources:
        rng = random.Random(f"{seed}:borrowed:{source}")
        takers = sorted(path for unit, mine in slots.items() if unit != unit_id
                        for (other_year, _, _, path) in mine if other_year > year and path not in used)
        if not takers:
            continue
        taker = rng.choice(takers)
        used.add(taker)
        lines = corpus.files[taker].split("\n")
        at = lines.index(next(line for line in lines if line.startswith("## 二、")))
        lines[at:at] = [paragraph, ""]
        corpus.files[taker] = "\n".join(lines)
        planted.append({"path": taker, "source": source, "category": "other", "line": at + 1, "text": paragraph})
    return planted


def collection_yaml(corpus: Corpus) -> str:
    out = [
        "# Generated by scripts/gen_corpus.py: a benchmark collection, not real reports.",
        f"title: {COUNTY}工作报告汇编（基准测试语料）",
        f"issuer: 中共{COUNTY}委宣传部",
        "",
        "units:",
    ]
    for unit in corpus.units:
        out += [f"  - id: {unit.id}", f"    name: {unit.name}", f"    short: {unit.short}"]
        if unit.parent:
            out.append(f"    parent: {unit.parent}")
        out.append(f"    order: {unit.order}")
    out += ["", "kinds:"]
    for kind in KINDS.values():
        out += [f"  - id: {kind.id}", f"    name: {kind.name}", f"    title: {kind.title}", "    sections:"]
        for sid, name, synonyms, severity in kind.sections:
            out += [
                f"      - id: {sid}", f"        name: {name}", f"        synonyms: [{', '.join(synonyms)}]",
                f"        severity: {severity}",
            ]
    out += ["", "expectations:"]
    for (kind_id, periods), unit_ids in sorted(corpus.owed.items()):
        out += [
            f"  - kind: {kind_id}",
            f"    units: [{', '.join(unit_ids)}]",
            f"    periods: [{', '.join(yaml_text(p) for p in periods)}]",
        ]
    out += ["", f"tags: [{', '.join(TAGS)}]", ""]
    return "\n".join(out)


NOT_SITE = {"reports", "site", "src", "tests", "scripts", ".git", ".venv", ".cache"}


def write_huibian(corpus: Corpus, out: Path) -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # Copy docs/ and every other project folder mkdocs.yml names (hooks/, overrides/, …).
    named = {"docs"} | {token.split("/")[0] for token in text.split()}
    for folder in sorted(REPO.iterdir()):
        if folder.is_dir() and folder.name not in NOT_SITE and folder.name in named:
            shutil.copytree(folder, out / folder.name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
    config = text.splitlines()
    own = {"site_name:": f"site_name: {COUNTY}工作报告汇编（基准测试语料）",
           "site_description:": f"site_description: {COUNTY}各单位工作报告的检查、浏览、检索与汇编"}
    config = [next((mine for key, mine in own.items() if line.startswith(key)), line) for line in config]
    (out / "mkdocs.yml").write_text("\n".join(config) + "\n", encoding="utf-8")
    write(out / "reports" / "collection.yml", collection_yaml(corpus))
    for path, text in corpus.files.items():
        write(out / path, text)


BARE_CONFIG = f"""\
# Baseline: plain MkDocs + Material on the same Markdown (search on, default navigation).
site_name: {COUNTY}工作报告（基线）
theme:
  name: material
  language: zh
plugins:
  - search
"""


def hand_written_pages() -> list[Path]:
    """The Markdown pages of docs/ the Huibian site publishes (not those mkdocs.yml's exclude_docs names)."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    excluded = set(re.findall(r"^\s+/(\S+\.md)$", config.split("exclude_docs:", 1)[1].split("\n\n", 1)[0], re.M))
    return sorted(p for p in (REPO / "docs").glob("*.md") if p.name not in excluded)


def write_bare(corpus: Corpus, out: Path) -> None:
    """The baseline: the reports and the hand-written pages of the Huibian project, nothing else."""
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    for page in hand_written_pages():
        shutil.copyfile(page, out / "docs" / page.name)
    for path, text in corpus.files.items():
        write(out / "docs" / path, text)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def planted_json(corpus: Corpus, n: int, seed: int) -> str:
    data = {
        "reports": n,
        "seed": seed,
        "counts": {k: sum(p.kind == k for p in corpus.planted) for k in ("placeholder", "junk", "metadata")},
        "findings": [p.__dict__ for p in corpus.planted],
        "wording": [p.__dict__ for p in corpus.wording],
        "recycled": corpus.recycled,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a deterministic benchmark collection of N reports.")
    parser.add_argument("n", type=int, help="number of reports")
    parser.add_argument("out", type=Path, help="output folder (created; existing report files are replaced)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--clean", action="store_true", help="plant no findings (same text otherwise)")
    parser.add_argument("--plant-rate", type=float, default=PLANT_RATE, help="share of reports with a planted finding")
    parser.add_argument("--wording-rate", type=float, default=WORDING_RATE,
                        help="share of reports with a planted wording error")
    parser.add_argument("--bare", action="store_true", help="plain MkDocs + Material project (the baseline)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    corpus = generate(args.n, args.seed, 0.0 if args.clean else args.plant_rate, 0.0 if args.clean else args.wording_rate)
    out: Path = args.out
    for stale in ("reports", "docs/reports"):
        if (out / stale).is_dir():
            shutil.rmtree(out / stale)
    out.mkdir(parents=True, exist_ok=True)
    if args.bare:
        write_bare(corpus, out)
    else:
        write_huibian(corpus, out)
    write(out / "planted.json", planted_json(corpus, args.n, args.seed))
    print(f"{args.n} reports, {len(corpus.units)} units, {len(corpus.planted)} planted findings, "
          f"{len(corpus.wording)} wording errors → {out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
