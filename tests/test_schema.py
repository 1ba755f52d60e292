"""`huibian schema`: the editor's JSON Schema agrees with the validator on good and bad front matter."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from huibian import safeyaml
from huibian.check import check_collection
from huibian.json_schema import front_matter_schema
from huibian.periods import parse_period

from conftest import REPO, collection_of, report_text, run_huibian

GOOD = report_text(extra="date: 2024-07-08\nclassification: public\nstatus: final\ntags: [理论学习]\n")


def front_matter(text: str) -> Any:
    """The front matter of a report, read with the same safe loader as the validator."""
    lines = text.replace("\r\n", "\n").split("\n")
    assert lines[0].strip() == "---"
    end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    return safeyaml.load("\n".join(lines[1:end]))


def schema_errors(schema: dict[str, Any], text: str) -> list[jsonschema.ValidationError]:
    validator = jsonschema.Draft7Validator(schema)
    return list(validator.iter_errors(front_matter(text)))


@pytest.fixture
def tiny(project: Callable[..., Path]) -> tuple[Path, dict[str, Any]]:
    root = project({})
    return root, front_matter_schema(collection_of(root))


def test_cli_writes_a_valid_draft7_schema_with_collection_enums(project: Callable[..., Path]) -> None:
    root = project({})
    result = run_huibian(root, "schema", "--out", ".vscode/huibian.schema.json")
    assert result.returncode == 0, result.stderr
    assert "已写入" in result.stderr
    schema = json.loads((root / ".vscode" / "huibian.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["required"] == ["title", "unit", "period", "kind"]
    assert schema["additionalProperties"] is False
    unit = schema["properties"]["unit"]
    assert unit["enum"] == ["jtj", "glzx", "jyj"]
    assert unit["markdownEnumDescriptions"] == ["测试县交通运输局", "测试县公路养护中心", "测试县教育局"]
    assert schema["properties"]["kind"]["enum"] == ["ideology"]
    assert schema["properties"]["kind"]["enumDescriptions"] == ["意识形态工作"]
    assert schema["properties"]["tags"]["items"]["enum"] == ["理论学习", "舆论引导"]
    assert schema["properties"]["period"]["title"] == "报告期间"
    assert "YYYY-MM-DD" in schema["properties"]["date"]["description"]


def test_cli_prints_to_stdout_and_fails_in_chinese_on_a_broken_collection(project: Callable[..., Path]) -> None:
    root = project({})
    printed = run_huibian(root, "schema")
    assert printed.returncode == 0
    assert json.loads(printed.stdout)["properties"]["title"]["title"] == "标题"
    (root / "reports" / "collection.yml").write_text("title: 汇编\nunits: [\n", encoding="utf-8")
    broken = run_huibian(root, "schema")
    assert broken.returncode == 1
    assert "reports/collection.yml" in broken.stderr
    assert "无法生成元数据模式" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_every_demo_report_is_valid_under_the_schema() -> None:
    validator = jsonschema.Draft7Validator(front_matter_schema(collection_of(REPO)))
    reports = sorted((REPO / "reports").rglob("*.md"))
    assert len(reports) >= 10
    for path in reports:
        errors = [e.message for e in validator.iter_errors(front_matter(path.read_text(encoding="utf-8")))]
        assert errors == [], path


def test_good_fixture_passes_schema_and_validator(tiny: tuple[Path, dict[str, Any]]) -> None:
    _, schema = tiny
    assert schema_errors(schema, GOOD) == []


def drop(field: str) -> str:
    return "\n".join(line for line in GOOD.split("\n") if not line.startswith(f"{field}:"))


# (bad front matter, the validator's finding code, the JSON Schema keyword that rejects it)
BAD_INPUTS = [
    pytest.param(drop("title"), "M004", "required", id="missing-title"),
    pytest.param(drop("unit"), "M004", "required", id="missing-unit"),
    pytest.param(drop("period"), "M004", "required", id="missing-period"),
    pytest.param(drop("kind"), "M004", "required", id="missing-kind"),
    pytest.param(report_text(extra="date: 2024-07-08\ntags: 舆论引导\n"), "M005", "type", id="tags-not-a-list"),
    pytest.param(report_text(unit="jtjj"), "M006", "enum", id="unknown-unit"),
    pytest.param(report_text(kind="zongjie"), "M007", "enum", id="unknown-kind"),
    pytest.param(report_text(period="2024上半年"), "M008", "anyOf", id="period-chinese"),
    pytest.param(report_text(period="2024-H3"), "M008", "anyOf", id="period-h3"),
    pytest.param(report_text(period="H1-2024"), "M008", "anyOf", id="period-reversed"),
    pytest.param(report_text(extra="date: 2024年7月8日\n"), "M009", "pattern", id="date-chinese"),
    pytest.param(report_text(extra="date: 7/8/2024\n"), "M009", "pattern", id="date-us"),
    pytest.param(report_text(extra="date: 2024-07-08\nsumary: 摘要\n"), "M011", "additionalProperties", id="unknown-key"),
    pytest.param(report_text(extra="classification: secret\n"), "M013", "enum", id="bad-classification"),
]


@pytest.mark.parametrize(("text", "code", "keyword"), BAD_INPUTS)
def test_schema_rejects_what_the_validator_rejects_for_the_same_field(
    tiny: tuple[Path, dict[str, Any]], text: str, code: str, keyword: str
) -> None:
    root, schema = tiny
    (root / "reports" / "jtj").mkdir(exist_ok=True)
    (root / "reports" / "jtj" / "a.md").write_text(text, encoding="utf-8")
    codes = {f.code for f in check_collection(root).findings}
    assert code in codes
    errors = schema_errors(schema, text)
    assert [e.validator for e in errors] == [keyword], [e.message for e in errors]


def test_impossible_day_is_left_to_huibian_check(tiny: tuple[Path, dict[str, Any]]) -> None:
    """JSON Schema patterns cannot know February has no 30th: documented, and check catches it."""
    root, schema = tiny
    text = report_text(extra="date: 2024-02-30\n")
    assert schema_errors(schema, text) == []
    (root / "reports" / "jtj").mkdir(exist_ok=True)
    (root / "reports" / "jtj" / "a.md").write_text(text, encoding="utf-8")
    assert [f.code for f in check_collection(root).findings] == ["M009"]


@pytest.mark.parametrize(
    "value",
    ["2024", "2024-H1", "2024-h2", "2024-Q3", "2024-q4", "2024-05", "2024-12", 2024, "2024-00", "2024-13", "2024-H0",
     "2024-Q5", "24-H1", "2024H1", "2024-1", "2024-H1 ", ""],
)
def test_period_pattern_agrees_with_parse_period(tiny: tuple[Path, dict[str, Any]], value: object) -> None:
    _, schema = tiny
    validator = jsonschema.Draft7Validator(schema["properties"]["period"])
    assert validator.is_valid(value) == (parse_period(value) is not None)
