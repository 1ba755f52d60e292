"""Regenerate docs/rules.md from the rule registry: `python scripts/gen_rules_doc.py [--check]`."""

from __future__ import annotations

import sys
from pathlib import Path

from huibian.rules_doc import rules_markdown

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main(argv: list[str]) -> int:
    text = rules_markdown()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print("docs/rules.md 已过期：请运行 python scripts/gen_rules_doc.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"已写入 {TARGET}（{text.count(chr(10))} 行）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
