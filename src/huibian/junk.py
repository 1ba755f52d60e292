"""Junk carried over from web pages and document-sharing sites, recognised by what it is.

One classifier serves both the importer (which removes certain junk and logs it) and the linter
(whose J rules flag junk that reached a report by hand): `classify_junk(line)` returns a `Junk`
(its kind, rule code, Chinese reason, the span of the line it covers and whether it is certain),
or None for an ordinary line.

Kinds: watermarks, member notices, compilers' credits and site ads (J001); site names, domains
and URLs (J005); QQ, WeChat and phone contacts (J006); page and viewer furniture — counters,
buttons, file names, page numbers, chunk markers (J007); upload disclaimers, login or paywall
lines and bylines with timestamps (J008); anti-scrape random strings, alone or appended to a
line of text (J009).

A line-level pattern only fires on a line short enough to be a banner, so a paragraph that
happens to mention 会员, 下载 or a website is never junk. Where a pattern could also be real
text (a government site's address, a telephone number on its own line), the junk is marked
uncertain: the importer keeps the line and the linter only warns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_JUNK_CHARS = 160
"""Longer lines are report text, whatever words they contain."""


@dataclass(frozen=True)
class JunkKind:
    code: str
    """The linter's rule code (rules.py)."""
    reason: str
    """Why it is junk, in Chinese."""


WATERMARK = JunkKind("J001", "文档分享网站的水印（仅供学习、禁止外传等）")
MEMBER_AD = JunkKind("J001", "会员广告")
COMPILER = JunkKind("J001", "资料整理者的署名")
SITE_AD = JunkKind("J001", "网站广告（欢迎访问、下载、扫码等）")
SITE = JunkKind("J005", "网址、域名或网站名")
CONTACT = JunkKind("J006", "QQ、微信或电话联系方式")
FURNITURE = JunkKind("J007", "网页上的按钮和计数（浏览、下载、收藏、字数等）")
FILE_NAME = JunkKind("J007", "文档查看器显示的文件名")
PAGE_NUMBER = JunkKind("J007", "页码残留")
CHUNK_MARKER = JunkKind("J007", "文档查看器的分块编号（不是正文的序号）")
DISCLAIMER = JunkKind("J008", "网站的上传声明或版权声明")
PAYWALL = JunkKind("J008", "网站的登录或付费提示")
BYLINE = JunkKind("J008", "网页署名（作者、来源、时间等）")
SCRAMBLE = JunkKind("J009", "防复制的随机字符串")


@dataclass(frozen=True)
class Junk:
    kind: JunkKind
    start: int
    """Where the junk starts in the line as given."""
    text: str
    """The junk itself: the whole line (stripped), or the part glued to real text."""
    certain: bool = True
    """False where it could be real text: the importer keeps it and the linter only warns."""
    partial: bool = False
    """Only `text` is junk; the rest of the line is real text and is kept."""

    @property
    def reason(self) -> str:
        return self.kind.reason


PAGE_NUMBER_LINE = re.compile(
    r"^[-—–－·\s]*(?:第\s*)?[0-9０-９]{1,3}\s*页?(?:(?:\s*[/／]\s*共?|\s*共|\s)\s*[0-9０-９]{1,3}\s*页?)?[-—–－·\s]*$"
    r"|^\s*(?i:page)\s*[0-9]{1,3}(?:\s*(?i:of)\s*[0-9]{1,3})?\s*$"
)
"""A line that is only a page number: "- 1 -", "·3·", "12", "第 1 页 共 3 页", "1/3", "Page 1 of 3"."""

_DASHED_TIME = r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s*\d{1,2}:\d{2}"
_TIMESTAMP = r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"

# (kind, pattern). Order matters only for which kind is reported for a line that is
# junk of several kinds. Each phrase is one a web page uses and a report does not.
JUNK_PATTERNS: tuple[tuple[JunkKind, re.Pattern[str]], ...] = (
    (CONTACT, re.compile(r"(?:QQ|ＱＱ|qq|扣扣)\s*(?:群|号|号码)?\s*[：:]?\s*(?:[0-9]{5,11}|$|\s{2,})")),
    (CONTACT, re.compile(
        r"(?:微信|V信|[Vv][Xx]|[Ww][Xx])\s*(?:号|公众号)?\s*[：:]\s*[A-Za-z][-_A-Za-z0-9]{4,19}"
        r"|加(?:我)?微信[：:号]|微信同号|扫码加(?:好友|微信)"
    )),
    (CONTACT, re.compile(
        r"(?:客服|代写|购买|范文|下载)[^。！？]{0,12}?(?:电话|手机|热线|微信)?\s*[：:]?\s*(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})"
    )),
    (CONTACT, re.compile(r"^\s*(?:手机|手机号|电话|热线)?\s*[：:]?\s*1[3-9]\d{9}\s*$")),
    (WATERMARK, re.compile(
        r"仅供(?:学习|参考|个人|内部交流|交流)|(?:禁止|严禁|请勿|不得)(?:外传|转载|传播|倒卖)|用后(?:请)?删除"
        r"|下载后.{0,8}删除|24小时内删除|违者(?:后果自负|必究)"
    )),
    (DISCLAIMER, re.compile(
        r"网友(?:上传|投稿)|不代表本站|本站(?:仅提供|不拥有|只提供)|如(?:有|涉及)侵权|侵权(?:请)?(?:联系|必究)"
        r"|联系(?:我们|本站)?删除|版权归原作者|免责声明"
    )),
    (PAYWALL, re.compile(
        r"您(?:需要|需)?先登录|登录后(?:才能)?(?:查看|阅读|下载|复制)|阅读全部(?:图文)?内容|剩余\d*页?未读|试读(?:已)?结束"
        r"|付费(?:阅读|下载)|还剩\s*\d+\s*页|下载(?:文档|此文档|本文档)到电脑|本文档共\s*\d+\s*页|展开阅读全文"
    )),
    (MEMBER_AD, re.compile(
        r"(?:开通|升级|充值|购买|倒卖)[^，。]{0,6}会员|会员(?:资料|专享|免费|下载|特权|价|群|材料|权益)"
        r"|VIP|ＶＩＰ|立享|现在订阅"
    )),
    (COMPILER, re.compile(
        r"(?:精心|收集|搜集|网友)整理|整理(?:发布|不易|于网络)|由.{1,12}整理$|^整理(?:者|人)?\s*[：:]"
        r"|^[^，。；]{1,12}整理[，,]\s*(?:其他|仅供|转载|版权|欢迎|更多)"
    )),
    (SITE, re.compile(
        r"^[^，。；：:]{0,16}(?:范文|文库|文档|资料|课件|论文|作文|秘书|公文|写作)(?:网|网站|之家|大全)"
        r"\s*(?:[|｜\-—_]+.*)?$"
    )),
    (SITE_AD, re.compile(
        r"欢迎(?:访问|下载|关注|光临|转发)|更多(?:精彩|范文|资料|内容)|点击(?:下载|查看|关注|进入)|扫码关注|扫一扫|关注[^，。]{0,6}二维码"
        r"|免费(?:下载|领取|赠送)|版权(?:归|所有)|转载请注明|本文(?:来源|来自|档|由)|文库|范文网|资料网|第一范文"
        r"|获得完整版|完整版资料|自建平台|实时分享|打击倒卖"
    )),
    (BYLINE, re.compile(
        r"^\s*(?:作者|来源|文章来源|发布者|发布人|责任编辑|编辑|发布时间|更新时间|上传时间|发表时间|浏览次数|阅读次数|点击数|字数)\s*[：:]"
        rf"|{_DASHED_TIME}|(?:发布|发表|上传|更新)于\s*{_TIMESTAMP}"
    )),
    (PAGE_NUMBER, PAGE_NUMBER_LINE),
    (CHUNK_MARKER, re.compile(r"^\s*[0-9]{1,3}[、.．]\s*$")),
    # Not an attachment the report lists itself (附件：1.工作台账.xlsx).
    (FILE_NAME, re.compile(r"^(?!\s*附)[^。！？；，]{1,80}\.(?:docx?|wps|pdf|txt|pptx?|xlsx?)\s*$", re.I)),
    (SITE, re.compile(
        r"^\s*(?:(?:https?://|www\.)\S+|[-A-Za-z0-9]+(?:\.[-A-Za-z0-9]+)*\.(?:com|cn|net|org|cc|top|vip|info)(?:/\S*)?)\s*$",
        re.I,
    )),
)

# Lines made of nothing but a page's buttons and counters (浏览量：1,024 | 收藏 | 分享 | 打印).
_FURNITURE_WORDS = re.compile(
    r"浏览量|浏览次数|浏览|阅读量|阅读数|阅读次数|已阅读|阅读全文|查看全文|展开全文|继续阅读|阅读|下载量|下载次数|下载"
    r"|收藏|分享到|分享|打印本页|打印|字数|字号|字体|点赞|评论|举报|纠错|关闭窗口|关闭|返回顶部|返回|上一篇|下一篇|复制链接"
    r"|大小|格式|页数|热度|人气|(?:本文|全文)?共计?\s*[0-9,，]+\s*个?字|约\s*[0-9]+\s*分钟|[0-9,，.]+\s*(?:次|人|页|KB|MB|万|w)?"
    r"|[大中小](?=\s|$|[】\]）)|｜])"
)
_FURNITURE_MAX = 80
_FURNITURE_REST = re.compile(r"[\s：:|｜/·•,，、()（）【】\[\]<>《》-]+")
_FURNITURE_CORE = re.compile(r"浏览|阅读|下载|收藏|分享|打印|字数|个字|点赞|评论|上一篇|下一篇|返回顶部|全文")

# Could be real text (a government site, an office's telephone, a short name ending in 网): flagged, kept.
_GOV_SITE = re.compile(r"\s*(?:https?://)?(?:www\.)?[-A-Za-z0-9.]+\.gov\.cn(?:/\S*)?\s*", re.I)
_UNCERTAIN: tuple[tuple[JunkKind, re.Pattern[str]], ...] = (
    (CONTACT, re.compile(r"^(?:联系|咨询|服务|值班|举报|监督)?(?:电话|热线|手机)\s*[：:]\s*[0-9-－—（）()]{7,}$")),
    (SITE, re.compile(r"^[\u4e00-\u9fff]{2,10}网$")),
)

# A chunk number a document viewer puts in front of a numbered heading: "3、一、工作开展情况".
_CHUNK_PREFIX = re.compile(r"^\s*[0-9]{1,3}、(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")

# A token of ASCII letters and digits at the end of a line (or alone on it).
_TRAILING_TOKEN = re.compile(r"[A-Za-z0-9]{6,40}$")
_SENTENCE_END = "。！？；”’）)"

# Every match of a pattern above that is not anchored with "^" contains one of these plain words
# or the colon of a clock time (a timestamp's 10:22). Nearly every line is ordinary text, and one search for
# plain words rules it out far faster than the patterns themselves (which try each of their
# branches at every character). tests/test_lint.py checks this on random matches of every pattern.
_WORD_LIST = (
    "QQ", "ＱＱ", "qq", "扣扣", "微信", "V信", "VX", "vx", "Vx", "vX", "WX", "wx", "Wx", "wX", "客服", "代写",
    "购买", "资料网", "范文",
    "下载", "仅供", "外传", "转载", "禁止传播", "严禁传播", "请勿传播", "不得传播", "倒卖", "删除", "违者", "网友",
    "本站", "侵权", "版权", "免责", "登录",
    "阅读全部", "未读", "试读", "付费", "还剩", "本文档", "展开阅读", "会员", "VIP", "ＶＩＰ", "立享", "现在订阅", "整理",
    "欢迎", "更多", "点击", "扫码", "扫一扫", "二维码", "免费", "本文", "文库", "第一范文", "完整版", "自建平台",
    "实时分享", "打击倒卖", "发布于", "发表于", "上传于", "更新于",
)
# One search for every line: the words above, a colon (of a clock time), and the hints of the
# uncertain kinds (a .gov.cn address, a telephone, a short name ending in 网). Page buttons are
# looked for in short lines only.
_TRIGGER = re.compile("|".join((*_WORD_LIST, ":", r"gov\.cn|GOV\.CN", "电话|热线|手机", "网$")))
# The patterns anchored at the line's start are one search; those of file names and addresses (which
# need a ".") another, run only on a line with a "." — a bare "." (1. or 98.5%) is no reason to try them all.
_DOTTED = (FILE_NAME, SITE)
_AT_START = re.compile("|".join(
    f"(?:{p.pattern})" for kind, p in JUNK_PATTERNS if p.pattern.startswith("^") and not (kind in _DOTTED and r"\." in p.pattern)
))
_DOTTED_LINE = re.compile("|".join(
    f"(?:{p.pattern})" for kind, p in JUNK_PATTERNS if kind in _DOTTED and r"\." in p.pattern
), re.I)


def classify_junk(line: str) -> Junk | None:
    """What junk `line` is (kind, span, certainty), or None for an ordinary line."""
    lead = len(line) - len(line.lstrip(" \t\u3000\r\n"))
    text = line.strip(" \t\u3000\r\n")
    if not text:
        return None
    if len(text) <= MAX_JUNK_CHARS:
        found = _whole_line(text)
        if found is not None:
            kind, certain = found
            return Junk(kind, lead, text, certain)
    chunk = _CHUNK_PREFIX.match(line) if text[0].isdigit() else None
    if chunk:
        return Junk(CHUNK_MARKER, lead, chunk.group(0).strip(), partial=True)
    return _appended_scramble(line) if text[-1].isascii() and text[-1].isalnum() else None


def _whole_line(text: str) -> tuple[JunkKind, bool] | None:
    triggered = (
        _TRIGGER.search(text) or ("." in text and _DOTTED_LINE.match(text)) or _AT_START.match(text)
        or (len(text) <= _FURNITURE_MAX and _FURNITURE_CORE.search(text))
    )
    if not triggered:
        return (SCRAMBLE, True) if text.isascii() and looks_random(text) else None
    if _GOV_SITE.fullmatch(text):
        return SITE, False
    for kind, pattern in JUNK_PATTERNS:
        if pattern.search(text):
            return kind, True
    furniture = len(text) <= _FURNITURE_MAX and _FURNITURE_CORE.search(text)
    if furniture and not _FURNITURE_REST.sub("", _FURNITURE_WORDS.sub("", text)):
        return FURNITURE, True
    if text.isascii() and looks_random(text):
        return SCRAMBLE, True
    for kind, pattern in _UNCERTAIN:
        if pattern.match(text):
            return kind, False
    return None


def looks_random(token: str) -> bool:
    """A run of ASCII letters and digits that switches between lower case, upper case and digits
    the way a random anti-scrape string does (x7Kq2mLp9), and no word or model number does."""
    if not 6 <= len(token) <= 40 or not token.isascii() or not token.isalnum():
        return False
    classes = ["d" if ch.isdigit() else "u" if ch.isupper() else "l" for ch in token]
    switches = sum(1 for a, b in zip(classes, classes[1:], strict=False) if a != b)
    if "d" in classes:
        return len(set(classes)) >= 2 and switches >= 3 and switches / len(token) >= 0.3
    return len(token) >= 8 and switches >= 4 and switches / len(token) >= 0.4


def _appended_scramble(line: str) -> Junk | None:
    """A random string glued to the end of a line of text, after its sentence ends."""
    body = line.rstrip(" \t\u3000\r\n")
    match = _TRAILING_TOKEN.search(body)
    if match is None or not looks_random(match.group(0)):
        return None
    before = body[: match.start()].rstrip(" \t\u3000")
    if not before or before[-1] not in _SENTENCE_END:
        return None
    return Junk(SCRAMBLE, len(before), body[len(before) :], partial=True)
