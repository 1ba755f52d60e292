"""`huibian import`: Word and plain-text reports to clean Markdown reports, with nothing lost.

Pipeline: decode (or read the .docx) → blocks → junk removal (logged) → split several reports
→ infer metadata (or leave placeholders) → Markdown → nothing-lost check → atomic write + log.
"""

from __future__ import annotations

from huibian.importer.model import ImportedReport, ImportProblem, ImportResult, Removal
from huibian.importer.pipeline import ImportOptions, compose_title, import_bytes

__all__ = [
    "ImportOptions", "ImportProblem", "ImportResult", "ImportedReport", "Removal", "compose_title", "import_bytes",
]
