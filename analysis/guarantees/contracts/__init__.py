"""Import contracts, one module per type: import-linter's (forbidden, layers,
independence, protected, private_modules, acyclic_siblings) and graphwarden's
own `acyclic`. `CONTRACT_TYPES` maps a config `type` to its class."""

from graphwarden.analysis.guarantees.contracts.acyclic import AcyclicContract
from graphwarden.analysis.guarantees.contracts.acyclic_siblings import AcyclicSiblingsContract
from graphwarden.analysis.guarantees.contracts.base import ConfigLocation, Contract, OptionError
from graphwarden.analysis.guarantees.contracts.forbidden import ForbiddenContract
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, build_import_graph
from graphwarden.analysis.guarantees.contracts.independence import IndependenceContract
from graphwarden.analysis.guarantees.contracts.layers import LayersContract
from graphwarden.analysis.guarantees.contracts.private_modules import PrivateModulesContract
from graphwarden.analysis.guarantees.contracts.protected import ProtectedContract

CONTRACT_TYPES: dict[str, type[Contract]] = {
    c.type_name: c
    for c in (
        ForbiddenContract,
        LayersContract,
        IndependenceContract,
        ProtectedContract,
        PrivateModulesContract,
        AcyclicSiblingsContract,
        AcyclicContract,
    )
}

__all__ = [
    "CONTRACT_TYPES",
    "AcyclicContract",
    "AcyclicSiblingsContract",
    "ConfigLocation",
    "Contract",
    "ForbiddenContract",
    "ImportGraph",
    "IndependenceContract",
    "LayersContract",
    "OptionError",
    "PrivateModulesContract",
    "ProtectedContract",
    "build_import_graph",
]
