"""`layers`: a higher layer may import a lower one, never the reverse (import-linter semantics).

Options: layers (highest first; `"a | b"` puts independent siblings on one
layer, `"a : b"` siblings that may import each other; a name in parentheses,
`"(name)"`, is optional, so its absence is not reported), containers (parent
packages the layer names are relative to; wildcards allowed), exhaustive
(every child of every container must be a layer or in exhaustive_ignores),
closed_layers (names of layers that higher layers may not reach past: an
import chain from above a closed layer to below it must go through it, as
grimp's closed layers; import-linter's configuration has no syntax for them
yet), and the shared options (base.py).

For each pair of layers, the other layers are taken out of the graph: a
chain low -> middle -> high is the middle layer's violation, reported once
for the pair (middle, high), as import-linter does. A closed layer's pairs
(above it, below it) are searched the same way, downwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphwarden.analysis.guarantees.contracts.base import (
    ChainItem,
    Contract,
    OptionError,
    Options,
    PlanItem,
    option_strings,
)
from graphwarden.analysis.guarantees.contracts.chains import ChainSearch
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, ModuleGroup, Pair, expand
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.model import module_id


@dataclass(frozen=True)
class LayerSpec:
    """One entry of `layers`: its module names (relative to a container), how they relate."""

    names: tuple[str, ...]
    optional: frozenset[str]
    #: Siblings may not import each other (`|`), or may (`:`).
    independent: bool


def parse_layer(text: str) -> LayerSpec:
    """One layer string; ValueError for a layer import-linter would reject."""
    text = text.strip()
    if "|" in text and ":" in text:
        raise ValueError(f"layer {text!r} mixes '|' and ':'")
    sep = "|" if "|" in text else ":"
    names: list[str] = []
    optional: set[str] = set()
    for raw in (n.strip() for n in text.split(sep)):
        if not raw:
            continue
        name = raw[1:-1].strip() if raw.startswith("(") and raw.endswith(")") else raw
        if name != raw:
            optional.add(name)
        if name in names:
            raise ValueError(f"layer {text!r} repeats {name!r}")
        names.append(name)
    if not names:
        raise ValueError(f"layer {text!r} names no module")
    return LayerSpec(tuple(names), frozenset(optional), sep == "|")


def _contains(parent: str, child: str) -> bool:
    return child.startswith(parent + ".")


class LayersContract(Contract):
    type_name = "layers"
    required = {"layers": "str_list"}
    optional = {
        "containers": "str_list",
        "exhaustive": "bool",
        "exhaustive_ignores": "str_list",
        "closed_layers": "str_list",
    }
    summary = "layers {layers} (higher may import lower, never the reverse)"
    incremental = True

    @classmethod
    def extra_validation(cls, options: Options) -> None:
        specs = []
        for layer in option_strings(options, "layers"):
            try:
                specs.append(parse_layer(layer))
            except ValueError as exc:
                raise OptionError("layers", str(exc)) from exc
        if not specs:
            raise OptionError("layers", "'layers' needs at least one layer")
        names = [n for spec in specs for n in spec.names]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise OptionError("layers", f"modules in more than one layer: {', '.join(repeated)}")
        nested = sorted(f"{a} contains {b}" for a in names for b in names if _contains(a, b))
        if nested:
            raise OptionError("layers", f"layers cannot contain other layers: {', '.join(nested)}")
        if options.get("exhaustive") and not option_strings(options, "containers"):
            raise OptionError("exhaustive", "'exhaustive' needs 'containers'")
        unknown = sorted(set(option_strings(options, "closed_layers")) - set(names))
        if unknown:
            raise OptionError(
                "closed_layers", f"closed_layers names no layer: {', '.join(unknown)}"
            )

    def container_names(self, graph: ImportGraph) -> tuple[list[str], list[str]]:
        """(the containers the `containers` expressions match, sorted; those matching none).

        [""] stands for "no containers": the layer names are absolute.
        """
        exprs = self.strings("containers")
        found: set[str] = set()
        missing: list[str] = []
        for expr in exprs:
            got = expand(graph, expr, as_packages=False)
            if not got:
                missing.append(expr)
            found.update(g.name for g in got)
        return (sorted(found) if exprs else [""]), missing

    def plan(self, graph: ImportGraph, ignored: set[Pair]) -> list[PlanItem]:
        specs = [parse_layer(text) for text in self.strings("layers")]
        containers, missing = self.container_names(graph)
        out: list[PlanItem] = [
            self.missing(f"container {expr!r} does not exist") for expr in missing
        ]
        for container in containers:
            out.extend(self._plan_container(graph, container, specs, ignored))
        return out

    def _plan_container(
        self, graph: ImportGraph, container: str, specs: list[LayerSpec], ignored: set[Pair]
    ) -> list[PlanItem]:
        out: list[PlanItem] = []
        layers: list[list[ModuleGroup]] = []
        for spec in specs:
            groups: list[ModuleGroup] = []
            for n in spec.names:
                full = f"{container}.{n}" if container else n
                got = expand(graph, full)
                if not got and n not in spec.optional:
                    out.append(self.missing(f"layer module {full!r} does not exist"))
                groups.extend(got)
            layers.append(groups)
        everything = {m for groups in layers for g in groups for m in g.members}
        # (downstream, upstream): downstream must not import upstream.
        pairs: list[tuple[ModuleGroup, ModuleGroup]] = []
        for i, higher in enumerate(layers):
            for lower in layers[i + 1 :]:
                pairs.extend((lo, hi) for lo in lower for hi in higher)
            if specs[i].independent:
                pairs.extend((a, b) for a in higher for b in higher if a is not b)
        closed = set(self.strings("closed_layers"))
        seen = {(lo.name, hi.name) for lo, hi in pairs}
        for k, spec in enumerate(specs):
            if not closed & set(spec.names):
                continue
            # Above a closed layer, nothing may reach below it except through it.
            for above in layers[:k]:
                for below in layers[k + 1 :]:
                    for hi in above:
                        for lo in below:
                            if (hi.name, lo.name) not in seen:
                                seen.add((hi.name, lo.name))
                                pairs.append((hi, lo))
        for down, up in pairs:
            others = everything - down.members - up.members
            search = ChainSearch(down, up, ignored=ignored, removed_modules=others)
            out.append(ChainItem(search, down.name, up.name))
        if container and self.flag("exhaustive", False):
            declared = {n for spec in specs for n in spec.names}
            declared |= set(self.strings("exhaustive_ignores"))
            for child in sorted(graph.children(container)):
                if child.rsplit(".", 1)[-1] not in declared:
                    out.append(self._undeclared(graph, child))
        return out

    def _undeclared(self, graph: ImportGraph, module: str) -> Violation:
        """A child of a container that no layer names (the contract is exhaustive)."""
        return Violation(
            rule=self.info.name,
            severity=self.info.severity,
            message=f"{module} is not listed as a layer (the contract is exhaustive)",
            file=graph.modules.get(module, "") or self.where.file,
            range=(0, 0, 0, 0),
            description=self.info.description,
            remediation=self.info.remediation,
            node_id=module_id(graph.modules[module]) if graph.modules.get(module) else module,
            kind="contract",
            instructions=self.info.instructions,
        )
