"""`layers`: a higher layer may import a lower one, never the reverse (import-linter semantics).

Options: layers (highest first; `"a | b"` puts independent siblings on one
layer, `"a : b"` siblings that may import each other; `"(name)"` marks a
layer optional, so its absence is not a warning), containers (parent
packages the layer names are relative to), ignore_imports.

For each pair of layers, the other layers are taken out of the graph: a
chain low -> middle -> high is the middle layer's violation, reported once
for the pair (middle, high), as import-linter does.
"""

from __future__ import annotations

from graphwarden.analysis.guarantees.contracts.base import (
    Contract,
    LabelledChains,
    OptionError,
    Options,
    PlanItem,
    option_strings,
)
from graphwarden.analysis.guarantees.contracts.chains import ChainSearch
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, ModuleGroup, Pair, expand


def parse_layer(text: str) -> tuple[list[str], bool, bool]:
    """(sibling names, independent, optional) of one layer string."""
    text = text.strip()
    optional = text.startswith("(") and text.endswith(")")
    if optional:
        text = text[1:-1].strip()
    if "|" in text and ":" in text:
        raise ValueError(f"layer {text!r} mixes '|' and ':'")
    sep = "|" if "|" in text else ":"
    names = [n.strip() for n in text.split(sep) if n.strip()]
    return names, sep == "|", optional


class LayersContract(Contract):
    type_name = "layers"
    required = {"layers": "str_list"}
    optional = {"containers": "str_list"}
    summary = "layers {layers} (higher may import lower, never the reverse)"

    @classmethod
    def extra_validation(cls, options: Options) -> None:
        layers = option_strings(options, "layers")
        for layer in layers:
            try:
                parse_layer(layer)
            except ValueError as exc:
                raise OptionError("layers", str(exc)) from exc
        if len(layers) < 2:
            raise OptionError("layers", "'layers' needs at least two layers")

    def plan(self, graph: ImportGraph, ignored: set[Pair]) -> list[PlanItem]:
        out: list[PlanItem] = []
        containers = self.strings("containers") or [""]
        for container in containers:
            if container and not expand(graph, container):
                out.append(self.config_warning(f"container {container!r} does not exist"))
                continue
            layers: list[list[ModuleGroup]] = []
            independent: list[bool] = []
            for text in self.strings("layers"):
                names, indep, optional = parse_layer(text)
                groups: list[ModuleGroup] = []
                for n in names:
                    full = f"{container}.{n}" if container else n
                    got = expand(graph, full)
                    if not got and not optional:
                        out.append(self.config_warning(f"layer module {full!r} does not exist"))
                    groups.extend(got)
                layers.append(groups)
                independent.append(indep)
            everything = {m for groups in layers for g in groups for m in g.members}
            pairs: list[tuple[ModuleGroup, ModuleGroup]] = []
            for i, higher in enumerate(layers):
                for lower in layers[i + 1 :]:
                    pairs.extend((lo, hi) for lo in lower for hi in higher)
                if independent[i]:
                    pairs.extend((a, b) for a in higher for b in higher if a is not b)
            for lo, hi in pairs:
                others = everything - lo.members - hi.members
                search = ChainSearch(lo, hi, ignored=ignored, removed_modules=others)
                out.append(LabelledChains(search, lo.name, hi.name))
        return out
