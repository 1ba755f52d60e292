"""Regenerate docs/rules.md and docs/wording.md from the rule registry and the wording tables.

    python scripts/gen_rules_doc.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

from huibian.rules_doc import rules_markdown, wording_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = {"rules.md": rules_markdown, "wording.md": wording_markdown}


def main(argv: list[str]) -> int:
    stale = []
    for name, generate in PAGES.items():
        target = DOCS / name
        text = generate()
        if "--check" in argv:
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if current != text:
                stale.append(name)
            continue
        target.write_text(text, encoding="utf-8")
        print(f"已写入 {target}（{text.count(chr(10))} 行）")
    for name in stale:
        print(f"docs/{name} 已过期：请运行 python scripts/gen_rules_doc.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
