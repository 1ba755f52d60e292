"""Findings: what a check tells an author, with file, line, column and a stable code."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Chinese word shown to users."""
        return "错误" if self is Severity.ERROR else "警告"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.severity.label} {self.message}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def format_findings(findings: list[Finding], fmt: str) -> str:
    """Render findings as `text`, `json`, `github` (workflow annotations) or `gitlab` (Code Quality)."""
    if fmt == "json":
        return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)
    if fmt == "gitlab":
        return json.dumps(gitlab_code_quality(findings), ensure_ascii=False, indent=2)
    if fmt == "github":
        lines = []
        for f in findings:
            level = "error" if f.severity is Severity.ERROR else "warning"
            message = f.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            lines.append(f"::{level} file={f.path},line={f.line},col={f.col},title={f.code}::{message}")
        return "\n".join(lines)
    return "\n".join(f.as_text() for f in findings)


def gitlab_code_quality(findings: list[Finding]) -> list[dict[str, object]]:
    """GitLab Code Quality report items (artifacts:reports:codequality), shown inline in merge requests.

    The fingerprint leaves out the line number, so a finding that merely moves is not reported as
    fixed-and-new; a counter keeps repeated identical findings in one file distinct.
    """
    seen: dict[str, int] = {}
    items: list[dict[str, object]] = []
    for f in findings:
        key = f"{f.path}\x1f{f.code}\x1f{f.message}"
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()
        items.append({
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "fingerprint": fingerprint,
            "severity": "major" if f.severity is Severity.ERROR else "minor",
            "location": {"path": f.path, "lines": {"begin": f.line}},
        })
    return items
