"""Junk lines carried over from document-sharing sites: watermarks, ads, member notices, bylines.

The patterns are plain data so that the importer can drop the same lines the linter flags:
`classify_junk(line)` returns a Chinese reason, or None for an ordinary line. A pattern only
fires on a line that is short enough to be a banner, so a paragraph that happens to mention
"会员" or "整理" is never junk.
"""

from __future__ import annotations

import re

MAX_JUNK_CHARS = 160
"""Longer lines are report text, whatever words they contain."""

# (reason, pattern). Order matters only for which reason is reported first.
JUNK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("含 QQ 号或QQ群的广告", re.compile(r"(?:QQ|ＱＱ|qq|扣扣)\s*(?:群|号|号码)?\s*[：:]?\s*(?:[0-9]{5,11}|$|\s{2,})")),
    ("文档分享网站的水印（仅供学习、禁止外传等）", re.compile(
        r"仅供(?:学习|参考|个人|内部交流|交流)|(?:禁止|严禁|请勿|不得)(?:外传|转载|传播|倒卖)|用后(?:请)?删除"
        r"|下载后.{0,8}删除|24小时内删除|违者(?:后果自负|必究)"
    )),
    ("会员广告", re.compile(
        r"(?:开通|升级|充值|购买|倒卖)[^，。]{0,6}会员|会员(?:资料|专享|免费|下载|特权|价|群|材料|权益)"
        r"|VIP|ＶＩＰ|立享|现在订阅"
    )),
    ("资料整理者的署名", re.compile(
        r"(?:精心|收集|搜集|网友)整理|整理(?:发布|不易|于网络)|由.{1,12}整理$|^整理(?:者|人)?\s*[：:]"
        r"|^[^，。；]{1,12}整理[，,]\s*(?:其他|仅供|转载|版权|欢迎|更多)"
    )),
    ("网站广告（欢迎访问、下载、扫码等）", re.compile(
        r"欢迎(?:访问|下载|关注|光临|转发)|更多(?:精彩|范文|资料|内容)|点击(?:下载|查看|关注|进入)|扫码关注|扫一扫|关注[^，。]{0,6}二维码"
        r"|免费(?:下载|领取|赠送)|版权(?:归|所有)|转载请注明|本文(?:来源|来自|档|由)|文库|范文网|资料网|第一范文"
        r"|获得完整版|完整版资料|自建平台|实时分享|打击倒卖"
    )),
    ("网页署名（作者、来源、时间等）", re.compile(
        r"^\s*(?:作者|来源|文章来源|发布者|发布人|责任编辑|编辑|发布时间|更新时间|浏览次数|阅读次数|点击数|字数)\s*[：:]"
    )),
    ("页码残留", re.compile(
        r"^\s*(?:[-—－]\s*[0-9]{1,3}\s*[-—－]|第\s*[0-9]{1,3}\s*页(?:\s*共\s*[0-9]{1,3}\s*页)?"
        r"|[0-9]{1,3}\s*/\s*[0-9]{1,3})\s*$"
    )),
)


# Every match of a pattern above that is not anchored with "^" contains one of these words. Nearly
# every line is ordinary text, and one search for plain words rules it out far faster than the
# patterns themselves (which try each of their branches at every character). tests/test_lint.py
# checks this on random matches of every pattern.
_WORDS = re.compile("|".join((
    "QQ", "ＱＱ", "qq", "扣扣",
    "仅供", "外传", "转载", "传播", "倒卖", "删除", "违者",
    "会员", "VIP", "ＶＩＰ", "立享", "现在订阅",
    "整理",
    "欢迎", "更多", "点击", "扫码关注", "扫一扫", "二维码", "免费", "版权", "本文", "文库", "范文网", "资料网",
    "第一范文", "完整版", "自建平台", "实时分享",
)))
_AT_START = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in JUNK_PATTERNS if pattern.pattern[0] == "^"))


def classify_junk(line: str) -> str | None:
    """Why `line` looks like junk from a document-sharing site (Chinese), or None."""
    text = line.strip(" \t\u3000\r\n")
    if not text or len(text) > MAX_JUNK_CHARS or not (_WORDS.search(text) or _AT_START.match(text)):
        return None
    for reason, pattern in JUNK_PATTERNS:
        if pattern.search(text):
            return reason
    return None
