"""Layers of a `layers` contract as bands: which band each module is drawn in.

The layer names are expanded against the import graph exactly as the
contract expands them when it checks (`parse_layer`, `expand`, relative to
each container), so a band holds the modules the contract holds to that
layer. Siblings of one layer (``"a | b"``, ``"a : b"``) share its band.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, expand
from graphwarden.analysis.guarantees.contracts.layers import LayersContract, parse_layer
from graphwarden.analysis.guarantees.rules.base import CheckedRule
from graphwarden.analysis.guarantees.rules.contract_rule import ContractRule
from graphwarden.analysis.pictures.model import Band


class UnknownContract(ValueError):
    """The named contract is not a configured `layers` contract."""


def layers_contract(rules: Sequence[CheckedRule], name: str | None) -> LayersContract | None:
    """The `layers` contract called `name`; without a name, the first one configured (if any)."""
    found = [
        r.contract
        for r in rules
        if isinstance(r, ContractRule) and isinstance(r.contract, LayersContract)
    ]
    if name is None:
        return found[0] if found else None
    for contract in found:
        if contract.info.name == name:
            return contract
    known = ", ".join(c.info.name for c in found) or "none configured"
    raise UnknownContract(f"no layers contract named {name!r} (layers contracts: {known})")


def layer_bands(graph: ImportGraph, contract: LayersContract) -> tuple[list[Band], dict[str, int]]:
    """The contract's layers, highest first, and the band index of every module in one."""
    texts = contract.strings("layers")
    bands = [Band(i, text.strip()) for i, text in enumerate(texts)]
    band_of: dict[str, int] = {}
    containers, _missing = contract.container_names(graph)
    for container in containers:
        for i, text in enumerate(texts):
            for name in parse_layer(text).names:
                full = f"{container}.{name}" if container else name
                for group in expand(graph, full):
                    for module in group.members:
                        # A module named by two layers belongs to the higher one,
                        # the first the contract lists.
                        band_of.setdefault(module, i)
    return bands, band_of
