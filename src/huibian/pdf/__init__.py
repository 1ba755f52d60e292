"""PDF compilations (汇编): bundle planning, HTML assembly, fonts, rendering and caching.

Framework-free: the MkDocs glue and `huibian pdf` both call `plan_bundles` and `render_bundles`.
"""

from __future__ import annotations

from huibian.pdf.config import PdfConfig, read_pdf_config
from huibian.pdf.plan import Bundle, pdf_links, plan_bundles, report_pdfs

__all__ = ["Bundle", "PdfConfig", "pdf_links", "plan_bundles", "read_pdf_config", "report_pdfs"]
