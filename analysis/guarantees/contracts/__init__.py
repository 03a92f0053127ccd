"""Import contracts, one module per type (as import-linter): forbidden, layers,
independence, acyclic. `CONTRACT_TYPES` maps a config `type` to its class."""

from graphwarden.analysis.guarantees.contracts.acyclic import AcyclicContract
from graphwarden.analysis.guarantees.contracts.base import ConfigLocation, Contract, OptionError
from graphwarden.analysis.guarantees.contracts.forbidden import ForbiddenContract
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, build_import_graph
from graphwarden.analysis.guarantees.contracts.independence import IndependenceContract
from graphwarden.analysis.guarantees.contracts.layers import LayersContract

CONTRACT_TYPES: dict[str, type[Contract]] = {
    c.type_name: c
    for c in (ForbiddenContract, LayersContract, IndependenceContract, AcyclicContract)
}

__all__ = [
    "CONTRACT_TYPES",
    "AcyclicContract",
    "ConfigLocation",
    "Contract",
    "ForbiddenContract",
    "ImportGraph",
    "IndependenceContract",
    "LayersContract",
    "OptionError",
    "build_import_graph",
]
