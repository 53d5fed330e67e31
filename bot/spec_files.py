"""Reading a structure or plan file for `hfbot import` and `hfbot import-plan`, with line numbers.

The loader is stricter than PyYAML's safe loader in two ways that would otherwise pass unnoticed
or end in a traceback: a key given twice in one mapping (PyYAML keeps the last silently) and a
date that does not exist (`2024-02-30`, which PyYAML turns into a ValueError).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from governance.rules.file_problems import Place


class FileContentError(ConstructorError):
    """Valid YAML, but not what a structure or plan file may hold."""


class StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self._refuse_repeated_keys(node)
        return super().construct_mapping(node, deep=deep)

    def _refuse_repeated_keys(self, node: yaml.MappingNode) -> None:
        # Before merge keys (`<<: *defaults`) are flattened in: overriding a merged value is fine.
        lines: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = lines.get(key)
                lines.setdefault(key, key_node.start_mark.line + 1)
            except TypeError:
                continue  # an unhashable key: the safe loader refuses it with its own message
            if first is not None:
                raise FileContentError(
                    None, None, f"{key!r} is given twice (also on line {first})", key_node.start_mark
                )

    def construct_checked_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return SafeConstructor.construct_yaml_timestamp(self, node)
        except ValueError:
            raise FileContentError(
                None, None, f"{node.value!r} is not a date in the calendar", node.start_mark
            ) from None


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_checked_timestamp)


class UnreadableFile(Exception):
    """The file cannot be read as YAML; the message says why, the line where (when known)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class SpecFile:
    data: Any
    root: yaml.Node | None

    def line_of(self, place: Place) -> int | None:
        """The line of the value at `place`, or of the nearest entry around it that exists."""
        node = self.root
        for part in place:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1 if node is not None else None


def _child(node: yaml.Node | None, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]  # type: ignore[no-any-return]
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return value_node  # type: ignore[no-any-return]
    return None


def read_spec_file(path: Path) -> SpecFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except IsADirectoryError:
        raise UnreadableFile("is a folder, not a file") from None
    except UnicodeDecodeError:
        raise UnreadableFile("not a text file in UTF-8") from None
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from None
    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except FileContentError as error:
        raise UnreadableFile(str(error.problem), _line(error)) from None
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or str(error)
        raise UnreadableFile(f"not valid YAML: {problem}", _line(error)) from None
    finally:
        loader.dispose()
    return SpecFile(data, root)


def _line(error: yaml.YAMLError) -> int | None:
    mark = getattr(error, "problem_mark", None)
    return mark.line + 1 if mark is not None else None
