"""YAML in the house style, as contributors write content files: block mappings, flow style
for small records, folded long text, dates left plain."""

from __future__ import annotations

from typing import Any

import yaml


class Flow(dict):
    """Written in flow style, as content files write casualties and coordinates."""


class FlowList(list):
    """Written in flow style, as content files write aliases and tags."""


class Folded(str):
    """Long text, written as a folded block (``>-``)."""


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key, and writes dates plain (``date: 2020-09-28``), as
    contributors do: the loader reads every such value as text."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_Dumper.add_representer(
    Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)
_Dumper.add_representer(
    FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
_Dumper.add_representer(
    Folded, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style=">")
)


def dump(record: dict[str, Any]) -> str:
    return yaml.dump(
        record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )


def folded_if_long(value: str) -> str:
    """Short text plain, long text folded."""
    return Folded(value) if len(value) > 70 else value
