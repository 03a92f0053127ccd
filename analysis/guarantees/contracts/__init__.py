"""Import contracts, one module per type: import-linter's (forbidden, layers,
independence, protected, private_modules, acyclic_siblings) and graphwarden's
own `acyclic`. `CONTRACT_TYPES` maps a config `type` to its class.

forbidden, layers, independence and acyclic report through a plan whose
searches are updated from each change of the live import graph
(incremental.py, chains.py). protected and private_modules look at direct
imports only (one pass over the importers of the modules they name: a
search that costs about what its update would), and acyclic_siblings
searches graphs collapsed per package, where one import between two
children stands for many (keeping them would need counts per collapsed
import, for a rare type): these are checked in full whenever the graph
changed.
"""

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
