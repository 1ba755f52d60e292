"""A JSON Schema of report front matter, for editors (completion, hover help, squiggles).

Generated from `huibian.schema.FIELDS` — the declaration the validator in `huibian.report` uses —
plus the collection (unit and kind ids, allowed tags), so nothing is maintained twice.

Draft-07 is used because it is the newest draft that VS Code's JSON and YAML language services
support fully (2019-09/2020-12 are only partly supported there). `enumDescriptions` and
`markdownEnumDescriptions` are VS Code extensions to JSON Schema: validators ignore them, the
editor shows them next to each completion item.
"""

from __future__ import annotations

from typing import Any

from huibian.collection import Collection
from huibian.schema import FIELDS, FieldSpec

DRAFT = "http://json-schema.org/draft-07/schema#"

# Same language as `huibian.periods.parse_period` (which also upper-cases, so `2024-h1` is fine).
PERIOD_PATTERN = r"^\s*[0-9]{4}(-([Hh][12]|[Qq][1-4]|0[1-9]|1[0-2]))?\s*$"
# Same shape as `huibian.report._DATE`; impossible days (2024-02-30) are left to `huibian check`.
DATE_PATTERN = r"^\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\s*$"
RULE_CODE_PATTERN = r"^[A-Z][0-9]{3}$"

# YAML turns `title: 2024` into a number; the validator accepts numbers as text, so does the schema.
_TEXT_TYPES = ["string", "number"]


def front_matter_schema(collection: Collection | None) -> dict[str, Any]:
    """The JSON Schema (draft-07) of one report's front matter in this collection."""
    properties = {spec.name: _property(spec, collection) for spec in FIELDS}
    title = collection.title if collection else "工作报告"
    return {
        "$schema": DRAFT,
        "title": f"{title}：报告元数据",
        "description": "报告开头 --- 与 --- 之间的元数据（YAML）。由 huibian schema 生成，请勿手工修改；"
                       "修改 reports/collection.yml 后重新生成。",
        "type": "object",
        "properties": properties,
        "required": [spec.name for spec in FIELDS if spec.required],
        "additionalProperties": False,
    }


def _property(spec: FieldSpec, collection: Collection | None) -> dict[str, Any]:
    prop: dict[str, Any] = {"title": spec.title, "description": spec.description}
    if spec.name in ("unit", "kind") and collection is not None:
        prop.update(_id_enum(spec.name, collection))
    elif spec.type == "text":
        prop["type"] = _TEXT_TYPES
        if spec.required:
            prop["minLength"] = 1
    elif spec.type == "period":
        prop["anyOf"] = [
            {"type": "string", "pattern": PERIOD_PATTERN},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ]
    elif spec.type == "date":
        prop["type"] = "string"
        prop["pattern"] = DATE_PATTERN
    elif spec.type == "choice":
        prop["type"] = "string"
        prop["enum"] = list(spec.choices)
    elif spec.type == "list":
        prop["type"] = "array"
        prop["items"] = _list_items(spec.name, collection)
    else:  # a new FieldSpec type must be taught here; fail loudly in tests, not silently in editors
        raise ValueError(f"unknown field type {spec.type!r} of {spec.name!r}")
    if spec.example and spec.type not in ("list",):
        prop["examples"] = [spec.example]
    if spec.required:
        prop["description"] += "（必填）"
    return prop


def _id_enum(name: str, collection: Collection) -> dict[str, Any]:
    if name == "unit":
        items = [(u.id, u.name) for u in collection.units_in_order()]
    else:
        items = [(k.id, k.name) for k in collection.kinds.values()]
    names = [label for _, label in items]
    return {
        "type": "string",
        "enum": [ident for ident, _ in items],
        "enumDescriptions": names,
        "markdownEnumDescriptions": names,
    }


def _list_items(name: str, collection: Collection | None) -> dict[str, Any]:
    if name == "tags" and collection is not None and collection.tags:
        return {"type": "string", "enum": list(collection.tags)}
    if name == "ignore":
        return {"type": "string", "pattern": RULE_CODE_PATTERN}
    return {"type": _TEXT_TYPES}
