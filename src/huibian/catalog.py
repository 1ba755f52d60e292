"""`site/catalog.json`: every published report, for other tools."""

from __future__ import annotations

from huibian.site import SiteModel


def catalog(site: SiteModel, report_pdfs: dict[str, tuple[str, str]] | None = None) -> dict[str, list[dict[str, object]]]:
    """The catalog contract: id, title, unit, period, kind, date, classification, status, url, pdf (and docx)."""
    pdfs = report_pdfs or {}
    return {
        "reports": [
            {
                "id": r.id,
                "title": r.title,
                "unit": r.unit,
                "period": r.period.code,
                "kind": r.kind,
                "date": r.date.isoformat() if r.date else None,
                "classification": r.classification,
                "status": r.status,
                "url": r.url,
                "pdf": pdfs[r.id][0] if r.id in pdfs else None,
                "docx": pdfs[r.id][1] if r.id in pdfs else None,
            }
            for r in site.reports
        ]
    }
