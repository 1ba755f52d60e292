"""What Huibian counts as a Chinese character (汉字), for every module that looks for them.

CJK Unified Ideographs Extension A, the Unified Ideographs and the Compatibility Ideographs, as a
regular-expression class body: `rf"[{HAN}]"`. The search box's script (hb-search.js) mirrors it.
"""

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
