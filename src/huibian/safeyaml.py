"""Safe YAML loading that remembers the line of every key.

Only plain scalars, lists and mappings are built (PyYAML's safe constructors, C parser when
available). Timestamps stay strings so that an impossible date gets our own message instead of
a ValueError. Aliases are counted so that an alias bomb fails at once.
"""

from __future__ import annotations

from typing import Any

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class YamlProblem(Exception):
    """A YAML document we refuse, with a Chinese reason and a 1-based line within the text."""

    def __init__(self, message: str, line: int, col: int = 1, unsafe: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.unsafe = unsafe


class Mapping(dict[str, Any]):
    """A dict that knows the 1-based line and column of each of its keys."""

    line: int = 1
    key_lines: dict[str, tuple[int, int]]


class Sequence(list[Any]):
    """A list that knows the 1-based line of each item."""

    line: int = 1
    item_lines: list[int]


def load(text: str, allow_aliases: bool = False, max_nodes: int = 20_000) -> Any:
    """Parse one YAML document into plain Python values with line information.

    Raises `YamlProblem` for syntax errors, unsupported tags, aliases (unless allowed) and
    documents with more than `max_nodes` values.
    """
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            col = mark.column + 1 if mark else 1
            raise YamlProblem(_explain(exc), line, col) from None
        except yaml.YAMLError as exc:
            raise YamlProblem(str(exc), 1) from None
        if node is None:
            return None
        budget = [max_nodes]
        return _convert(loader, node, allow_aliases, budget, set())
    finally:
        loader.dispose()


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "无法解析"
    known = {
        "mapping values are not allowed": "这里不能出现冒号“: ”（缺少冒号，或值里有冒号时请给整个值加引号）",
        "could not find expected ':'": "缺少冒号“:”（每行应写作“字段: 值”）",
        "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
        "found undefined alias": "使用了未定义的别名（*）",
    }
    for english, chinese in known.items():
        if problem.startswith(english):
            return chinese
    return f"无法解析（{problem}）"


def _convert(loader: Any, node: yaml.Node, allow_aliases: bool, budget: list[int], seen: set[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlProblem("内容过多或嵌套过深（可能是别名炸弹）", node.start_mark.line + 1, unsafe=True)
    if id(node) in seen and not allow_aliases:
        raise YamlProblem("不允许使用锚点和别名（& 和 *）", node.start_mark.line + 1, unsafe=True)
    seen.add(id(node))
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if node.tag not in _PLAIN_TAGS:
        raise YamlProblem(f"不支持的标签 {node.tag}", line, col, unsafe=True)
    if isinstance(node, yaml.MappingNode):
        mapping = Mapping()
        mapping.line = line
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = _convert(loader, key_node, allow_aliases, budget, seen)
            key = str(key) if not isinstance(key, str) else key
            if key in mapping:
                raise YamlProblem(f"字段“{key}”重复出现", key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            mapping[key] = _convert(loader, value_node, allow_aliases, budget, seen)
            mapping.key_lines[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence = Sequence()
        sequence.line = line
        sequence.item_lines = []
        for item in node.value:
            sequence.append(_convert(loader, item, allow_aliases, budget, seen))
            sequence.item_lines.append(item.start_mark.line + 1)
        return sequence
    if node.tag == "tag:yaml.org,2002:str":
        return node.value  # what the constructor would return, without its bookkeeping
    return loader.construct_object(node, deep=True)


def key_position(mapping: Any, key: str, default: tuple[int, int] = (1, 1)) -> tuple[int, int]:
    """Line and column of `key` in a `Mapping`, or `default`."""
    if isinstance(mapping, Mapping):
        return mapping.key_lines.get(key, (mapping.line, 1))
    return default
