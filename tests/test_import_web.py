"""`huibian import` on text pasted from the web: junk by kind, broken lines, titles, Traditional text.

Every fixture here is written for these tests: fictional units, sentences in the genre.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from huibian import cli
from huibian.check import check_collection
from huibian.importer import import_bytes
from huibian.junk import classify_junk

from conftest import body_of, collection_of, report_text, run_huibian


def test_oversized_file_is_refused_by_its_size_before_it_is_read(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project()
    huge = root / "huge.txt"
    with huge.open("wb") as stream:  # sparse: 150 MB on paper, nothing on disk
        stream.truncate(150 * 2**20)

    real_read = Path.read_bytes

    def no_reading(self: Path) -> bytes:
        assert self.name != "huge.txt", "the file was read before its size was checked"
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.chdir(root)
    assert cli.main(["import", "huge.txt"]) == 1
    message = capsys.readouterr().err
    assert "huge.txt" in message and "150.0 MB" in message and "上限 8 MB" in message


# -- web junk, recognised by kind ----------------------------------------------------------------

# The head and foot of a page from a fictional document-sharing site, around a fictional report.
WEB_PAGE = """\
优秀公文写作网 | 专业的公文范文平台
www.gongwen-demo.com
标题：测试县教育局2024年上半年意识形态工作情况汇报[打印本页]
发布者：小编 2024-07-10 09:15:32
浏览量：2,317 | 收藏 | 分享 | 打印
共计2480个字
导语：本文为网友上传，不代表本站观点，如有侵权请联系删除。
（阅读全部图文内容，您需要先登录！）
2024年上半年，我局坚持把意识形态工作摆在突出位置，现将有关情况汇报如下：
一、工作开展情况
（一）压实工作责任。局党组召开专题会议3次，研究部署意识形态工作。Xk9pQ2mZ7w
（二）加强阵地管理。全面排查校园宣传栏、电子屏，规范审核发布内容。
资料下载请加微信：demo_wenku88
二、存在的问题
个别学校对网络舆情的研判还不够及时，可登录县教育局网站下载研判指引。
三、下一步工作计划
继续健全舆情监测机制，及时回应师生关切。
www.txjy.gov.cn
测试县教育局
2024年7月8日
测试县教育局2024年上半年意识形态工作情况汇报.docx
"""
OWN_TEXT = [
    "2024年上半年，我局坚持把意识形态工作摆在突出位置，现将有关情况汇报如下：", "压实工作责任",
    "局党组召开专题会议3次，研究部署意识形态工作。", "加强阵地管理", "全面排查校园宣传栏、电子屏，规范审核发布内容。",
    "个别学校对网络舆情的研判还不够及时，可登录县教育局网站下载研判指引。", "继续健全舆情监测机制，及时回应师生关切。",
    "测试县教育局\n\n2024年7月8日",
]


def test_web_junk_is_removed_by_kind_and_own_text_kept(project: Callable[..., Path]) -> None:
    result = import_bytes(WEB_PAGE.encode(), "page.txt", collection_of(project()))
    (report,) = result.reports
    reasons = [(r.line, r.text, r.reason) for r in result.removals]
    assert reasons == [
        (1, "优秀公文写作网 | 专业的公文范文平台", "网址、域名或网站名"),
        (2, "www.gongwen-demo.com", "网址、域名或网站名"),
        (3, "标题：", "标题前的标签"),
        (3, "[打印本页]", "网页附在标题后的文字"),
        (4, "发布者：小编 2024-07-10 09:15:32", "网页署名（作者、来源、时间等）"),
        (5, "浏览量：2,317 | 收藏 | 分享 | 打印", "网页上的按钮和计数（浏览、下载、收藏、字数等）"),
        (6, "共计2480个字", "网页上的按钮和计数（浏览、下载、收藏、字数等）"),
        (7, "导语：本文为网友上传，不代表本站观点，如有侵权请联系删除。", "网站的上传声明或版权声明"),
        (8, "（阅读全部图文内容，您需要先登录！）", "网站的登录或付费提示"),
        (11, "Xk9pQ2mZ7w", "防复制的随机字符串"),
        (13, "资料下载请加微信：demo_wenku88", "QQ、微信或电话联系方式"),
        (21, "测试县教育局2024年上半年意识形态工作情况汇报.docx", "文档查看器显示的文件名"),
    ]
    # A government site's address could be the report's own: kept, and listed for the author.
    assert [(r.line, r.reason) for r in result.doubtful] == [(18, "网址、域名或网站名")]
    markdown = report.markdown
    for text in OWN_TEXT:
        assert text in markdown, text
    assert "www.txjy.gov.cn" in markdown
    for junk in ("Xk9pQ2mZ7w", "打印本页", "网友上传", "先登录", "demo_wenku88", "浏览量", "共计2480", ".docx"):
        assert junk not in markdown, junk
    meta = {key: item.value for key, item in report.metadata.items()}
    assert meta == {
        "title": "测试县教育局2024年上半年意识形态工作情况汇报", "unit": "jyj", "period": "2024-H1",
        "kind": "ideology", "date": "2024-07-08",
    }


def test_import_log_lists_removed_glued_and_doubtful_junk(project: Callable[..., Path]) -> None:
    root = project()
    (root / "page.txt").write_text(WEB_PAGE, encoding="utf-8")
    done = run_huibian(root, "import", "page.txt")
    assert done.returncode == 0, done.stderr
    log = (root / "reports" / "jyj" / "page.import.log").read_text(encoding="utf-8")
    assert "第 11 行［防复制的随机字符串］Xk9pQ2mZ7w" in log
    assert "保留了 1 行像网页带来的内容，请核对" in log and "第 18 行［网址、域名或网站名］www.txjy.gov.cn" in log
    # The written report passes check, and the kept address is the one thing the linter flags.
    findings = [f for f in check_collection(root).findings if f.path == "reports/jyj/2024-h1-ideology.md"]
    junk = [(f.code, f.severity.value) for f in findings if f.code.startswith("J")]
    assert junk == [("J005", "warning")]


LINT_BODY = """\
今年以来，我局扎实推进意识形态工作。

## 一、工作开展情况

局党组召开专题会议3次，研究部署重点任务。qT7xKp2Lm9

浏览量：1,024 | 收藏 | 分享

资料下载请加微信：demo_wenku88

（阅读全部图文内容，您需要先登录！）

www.gongwen-demo.com

3、二、存在的问题

学习的深度还不够，部分同志到县政府网站下载学习资料的次数偏少。

联系电话：0871-5551234
"""


def test_linter_flags_web_junk_by_kind(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text(body=LINT_BODY)})
    findings = [f for f in check_collection(root).findings if f.code.startswith("J")]
    start = report_text(body=LINT_BODY).split("\n").index("今年以来，我局扎实推进意识形态工作。") + 1
    got = [(f.line - start, f.col, f.code, f.severity.value) for f in findings]
    assert got == [
        (4, 22, "J009", "error"),  # glued to the end of a sentence: only that part
        (6, 1, "J007", "error"),
        (8, 1, "J006", "error"),
        (10, 1, "J008", "error"),
        (12, 1, "J005", "error"),
        (14, 1, "J007", "error"),  # a viewer's chunk number in front of a heading
        (18, 1, "J006", "warning"),  # an office's telephone may be real text: a warning
    ]
    scramble = next(f for f in findings if f.code == "J009")
    assert "“qT7xKp2Lm9”" in scramble.message and "保留这一行的正文" in scramble.message


@pytest.mark.parametrize(
    "line",
    [
        "全年开展“新时代文明实践”志愿服务活动，参与群众5000余人次，浏览量超过10万。",
        "通过“学习强国”平台下载学习资料，组织干部职工阅读原著。",
        "在县政府门户网站（www.txjy.gov.cn）公开政务信息120条。",
        "开通微信公众号“测试教育”，发布信息300余条。",
        "依托5G网络和APP推送学习内容。",
        "打印装订学习资料200册。",
        "配备GB18030字库的电脑10台。",
        "完成ISO9001质量管理体系复审。",
        "附件：1.2024年上半年意识形态工作台账.xlsx",
    ],
)
def test_report_sentences_mentioning_web_things_are_not_junk(line: str) -> None:
    assert classify_junk(line) is None


def test_demo_collection_has_no_junk_finding(demo_copy: Path) -> None:
    findings = check_collection(demo_copy).findings
    assert [f.as_text() for f in findings if f.code.startswith("J")] == []


# -- broken lines ----------------------------------------------------------------------------------

PDF_TEXT = """\
中共测试县教育局委员会
关于2024年上半年
意识形态工作
情况的
报  告
县委宣传部：
今年以来，我局认真贯彻落实意识形态工作责任制，现将
2024
年上半年工作情况报告如下：
一、主要做法和
成效
（一）强化理论武装。局党委理论学习中心组开展集中学习6次，组织党员干部到县档案馆参观学习，
进一步筑牢了思想根基。
（二）加强阵地建设。对全县中小学的宣传栏、电子屏进行全面排查，共整改问题12个。
二、存在的问题
少数教师对网络平台信息发布的规范认识不足。
三、下一步
打算
持续开展网络素养培训，每季度通报一次舆情处置情况。
中共测试县教育局委员会
2024年7月12日
"""


def test_lines_broken_by_pdf_extraction_are_mended_and_logged(project: Callable[..., Path]) -> None:
    result = import_bytes(PDF_TEXT.encode(), "pdf.txt", collection_of(project()))
    (report,) = result.reports
    assert report.metadata["title"].value == "中共测试县教育局委员会关于2024年上半年意识形态工作情况的报告"
    assert report.metadata["period"].value == "2024-H1"
    assert report.metadata["date"].value == "2024-07-12"
    body = body_of(report.markdown)
    assert "\n今年以来，我局认真贯彻落实意识形态工作责任制，现将2024年上半年工作情况报告如下：\n" in body
    assert [line for line in body.split("\n") if line.startswith("#")] == [
        "## 一、主要做法和成效", "## 二、存在的问题", "## 三、下一步打算",
    ]
    assert "组织党员干部到县档案馆参观学习，进一步筑牢了思想根基。" in body
    assert "\n县委宣传部：\n" in body and "\n中共测试县教育局委员会\n\n2024年7月12日\n" in body
    assert [c.reason for c in result.changes] == [
        "第 1–5 行是分成几行的标题，已合并为一行",
        "第 7–9 行是断开的一句话（PDF 或网页断行），已接成一段",
        "第 10–11 行是断开的一句话（PDF 或网页断行），已接成一段",
        "第 12–13 行是断开的一句话（PDF 或网页断行），已接成一段",
        "第 17–18 行是断开的一句话（PDF 或网页断行），已接成一段",
    ]
    assert result.removals == []


def test_run_together_headings_are_split_from_their_text(project: Callable[..., Path]) -> None:
    text = (
        "测试县交通运输局2024年上半年意识形态工作情况汇报 今年以来，我局扎实推进意识形态工作。"
        "一、政治思想建设情况一是强化思想教育，开展集中学习5次。二是抓好阵地管理。"
        "二、存在的问题一是学习不够深入。二是宣传力量薄弱。"
        "三、下一步工作计划（一）加强学习。继续抓好理论学习。测试县交通运输局 2024年7月8日\n"
    )
    result = import_bytes(text.encode(), "one.txt", collection_of(project()))
    body = body_of(result.reports[0].markdown)
    assert [line for line in body.split("\n") if line.startswith("#")] == [
        "## 一、政治思想建设情况", "## 二、存在的问题", "## 三、下一步工作计划",
    ]
    assert "\n一是强化思想教育，开展集中学习5次。二是抓好阵地管理。\n" in body
    assert "**（一）加强学习**。继续抓好理论学习。" in body
    assert sum("和正文连在一起，已拆开" in c.reason for c in result.changes) == 3


def test_contents_list_with_page_numbers_does_not_split_the_report(project: Callable[..., Path]) -> None:
    text = (
        "测试县交通运输局2024年上半年意识形态工作情况汇报\n目录\n"
        "一、工作开展情况 1\n二、存在的问题 2\n三、下一步工作计划 3\n"
        "今年以来，我局扎实推进意识形态工作，现汇报如下：\n"
        "一、工作开展情况\n局党组召开专题会议研究意识形态工作2次。\n"
        "二、存在的问题\n学习的深度还不够。\n三、下一步工作计划\n持续加强理论学习。\n"
    )
    result = import_bytes(text.encode(), "toc.txt", collection_of(project()))
    assert len(result.reports) == 1
    assert [(r.line, r.reason) for r in result.removals] == [
        (2, "目录"), (3, "目录（与正文标题重复）"), (4, "目录（与正文标题重复）"), (5, "目录（与正文标题重复）"),
    ]
    body = body_of(result.reports[0].markdown)
    assert body.count("## 一、工作开展情况") == 1 and body.count("## 三、下一步工作计划") == 1


def test_viewer_chunk_numbers_are_no_numbering(project: Callable[..., Path]) -> None:
    text = (
        "测试县交通运输局2024年上半年意识形态工作情况汇报\n"
        "1、今年以来，我局在县委的坚强领导下，扎实推进意识形态工作。\n"
        "2、一、工作开展情况\n"
        "3、（一）落实主体责任。局党组把意识形态工作纳入年度重点，与业务工作同部署、同检\n"
        "4、查、同考核。\n"
        "5、\n"
        "6、二、存在的问题\n"
        "7、基层站所的学习还不够经常。\n"
        "8、三、下一步工作计划\n"
        "9、加强对基层站所的督促指导。\n"
    )
    result = import_bytes(text.encode(), "chunks.txt", collection_of(project()))
    body = body_of(result.reports[0].markdown)
    assert [line for line in body.split("\n") if line.startswith("#")] == [
        "## 一、工作开展情况", "## 二、存在的问题", "## 三、下一步工作计划",
    ]
    assert "与业务工作同部署、同检查、同考核。" in body
    assert not re.search(r"^\d、", body, re.M)
    assert [(r.line, r.text) for r in result.removals] == [(n, f"{n - 1}、") for n in range(2, 11)]
    assert {r.reason for r in result.removals} == {"文档查看器的分块编号（不是正文的序号）"}


def test_a_real_numbered_list_keeps_its_numbers(project: Callable[..., Path]) -> None:
    text = (
        "测试县交通运输局2024年上半年意识形态工作情况汇报\n一、工作开展情况\n"
        "1、召开专题会议2次。\n2、开展集中学习6次。\n3、组织专题研讨1次。\n"
        "二、存在的问题\n1、学习不够深入。\n2、宣传力量薄弱。\n"
    )
    result = import_bytes(text.encode(), "list.txt", collection_of(project()))
    body = body_of(result.reports[0].markdown)
    assert "\n1、召开专题会议2次。\n" in body and "\n2、宣传力量薄弱。\n" in body
    assert result.removals == [] and result.changes == []


# -- titles ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_line", "title", "period"),
    [
        ("标题：测试县交通运输局2024年上半年意识形态工作情况汇报", "测试县交通运输局2024年上半年意识形态工作情况汇报", "2024-H1"),
        ("测试县交通运输局2023年意识形态工作情况汇报[打印本页]", "测试县交通运输局2023年意识形态工作情况汇报", "2023"),
        ("测试县交通运输局2024年第三季度意识形态工作情况汇报|某某公文网", "测试县交通运输局2024年第三季度意识形态工作情况汇报",
         "2024-Q3"),
        ("测试县交通运输局2024年下半年意识形态工作情况汇报精编", "测试县交通运输局2024年下半年意识形态工作情况汇报", "2024-H2"),
        ("测试县交通运输局意识形态工作情况汇  报", "测试县交通运输局意识形态工作情况汇报", None),
        ("測試縣交通運輸局2024年上半年意識形態工作情況彙報", "测试县交通运输局2024年上半年意识形态工作情况汇报", "2024-H1"),
    ],
    ids=["label", "print-suffix", "site-suffix", "jingbian-suffix", "spaced-no-period", "traditional"],
)
def test_title_is_found_clean_and_period_taken_only_from_the_text(
    project: Callable[..., Path], first_line: str, title: str, period: str | None
) -> None:
    text = f"{first_line}\n我局高度重视意识形态工作，现汇报如下：\n一、工作开展情况\n召开专题会议2次。\n"
    (report,) = import_bytes(text.encode(), "t.txt", collection_of(project())).reports
    assert report.metadata["title"].value == title
    assert report.metadata["period"].value == period
    assert report.metadata["unit"].value == "jtj"


# -- Traditional characters ------------------------------------------------------------------------

TRADITIONAL = """\
測試縣交通運輸局2024年上半年意識形態工作情況彙報
今年以來，我局認真落實意識形態工作責任制，現將有關情況彙報如下：
一、工作開展情況
局黨組召開專題會議2次。
二、存在的問題
學習的深度還不夠。
"""


def test_traditional_text_is_converted_and_logged_or_kept_on_request(project: Callable[..., Path]) -> None:
    root = project()
    (root / "trad.txt").write_text(TRADITIONAL, encoding="utf-8")
    done = run_huibian(root, "import", "trad.txt")
    assert done.returncode == 0, done.stderr
    markdown = (root / "reports" / "jtj" / "2024-h1-ideology.md").read_text(encoding="utf-8")
    assert "title: 测试县交通运输局2024年上半年意识形态工作情况汇报" in markdown
    assert "\n局党组召开专题会议2次。\n" in markdown
    assert "繁体字已转为简体：6 行共" in done.stdout
    log = (root / "reports" / "jtj" / "trad.import.log").read_text(encoding="utf-8")
    assert "第 4 行［繁体字转为简体（7 个字）］局黨組召開專題會議2次。" in log
    kept = run_huibian(root, "import", "trad.txt", "--keep-traditional", "--dry-run", "--unit", "jtj", "--kind",
                       "ideology", "--force")
    assert kept.returncode == 0, kept.stderr
    assert "局黨組召開專題會議2次。" in kept.stdout and "繁体字已转为简体" not in kept.stdout


def test_a_simplified_line_with_one_traditional_character_is_left_alone(project: Callable[..., Path]) -> None:
    text = (
        "测试县交通运输局2024年上半年意识形态工作情况汇报\n一、工作开展情况\n"
        "邀请县文化馆馬老师作专题辅导讲座一次，干部职工踊跃参加。\n"
    )
    result = import_bytes(text.encode(), "s.txt", collection_of(project()))
    assert "馬老师" in result.reports[0].markdown and result.conversions == []


# -- not a report ------------------------------------------------------------------------------------


def test_a_work_plan_is_not_filed_as_a_report(project: Callable[..., Path]) -> None:
    text = "测试县交通运输局2025年意识形态工作要点\n一、总体要求\n坚持正确方向。\n二、重点任务\n抓好理论学习。\n"
    result = import_bytes(text.encode(), "plan.txt", collection_of(project()))
    (report,) = result.reports
    assert report.metadata["kind"].value is None
    assert "工作要点" in report.metadata["kind"].evidence
    assert any("是工作要点，不是工作报告" in note for note in result.notes)


def test_a_collection_that_declares_the_genre_gets_its_kind(project: Callable[..., Path]) -> None:
    from conftest import TINY_COLLECTION

    declared = TINY_COLLECTION.replace(
        "expectations:", "  - id: plan\n    name: 意识形态工作要点\n    title: 意识形态工作要点\nexpectations:"
    )
    text = "测试县交通运输局2025年意识形态工作要点\n一、总体要求\n坚持正确方向。\n"
    (report,) = import_bytes(text.encode(), "plan.txt", collection_of(project(collection=declared))).reports
    assert report.metadata["kind"].value == "plan"


def test_junk_glued_at_both_ends_of_a_line_is_cut_from_both(project: Callable[..., Path]) -> None:
    text = (
        "测试县交通运输局2024年上半年意识形态工作情况汇报\n"
        "1、一、工作开展情况一是加强学习，开展集中学习6次。qT7xKp2Lm9\n"
        "2、二、存在的问题\n3、学习还不够深入。\n"
    )
    result = import_bytes(text.encode(), "both.txt", collection_of(project()))
    assert [(r.line, r.text) for r in result.removals if r.line == 2] == [(2, "1、"), (2, "qT7xKp2Lm9")]
    body = body_of(result.reports[0].markdown)
    assert "## 一、工作开展情况\n\n一是加强学习，开展集中学习6次。\n" in body


def test_a_line_kept_as_doubtful_is_never_removed_by_a_later_rule() -> None:
    page = (
        "测试县教育局2024年上半年意识形态工作情况汇报\n"
        "酷乐文网\n"  # could be a real name: kept and flagged, even next to the site's watermark
        "酷乐文网整理，仅供学习，禁止外传\n"
        "2024年上半年，我局认真落实意识形态工作责任制。\n"
    )
    result = import_bytes(page.encode(), "web.txt", None)
    assert [(r.line, r.text) for r in result.doubtful] == [(2, "酷乐文网")]
    assert all(r.line != 2 for r in result.removals)
    assert "酷乐文网\n" in body_of(result.reports[0].markdown)


@pytest.mark.parametrize("line", ["- 3 -", "·3·", "12", "第 2 页 共 5 页", "第1页/共3页", "3/10", "Page 1 of 3"])
def test_a_page_number_line_is_one_pattern_for_the_importer_and_the_linter(line: str) -> None:
    page = f"测试县教育局2024年上半年意识形态工作情况汇报\n2024年上半年，我局认真落实意识形态工作责任制。\n{line}\n"
    result = import_bytes(page.encode(), "web.txt", None)
    assert [(r.line, r.text, r.reason) for r in result.removals] == [(3, line, "页码残留")]
    junk = classify_junk(line)
    assert junk is not None and junk.reason == "页码残留"


def test_a_broken_junk_pattern_in_collection_yml_is_told_in_chinese() -> None:
    from huibian.importer import ImportProblem
    from huibian.importer.junkfilter import collection_rules

    with pytest.raises(ImportProblem) as caught:
        collection_rules({"import": {"junk": ["广告", "[仅供"]}}, "reports/collection.yml")
    message = caught.value.message
    assert message == ("reports/collection.yml：import.junk[1] 的正则表达式“[仅供”写得不对（第 1 个字符附近），"
                       "请检查括号、方括号和转义")
