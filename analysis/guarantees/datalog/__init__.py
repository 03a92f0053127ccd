"""graphwarden's Datalog: rules over the code graph, interpreted by our own engine."""

from graphwarden.analysis.guarantees.datalog.evaluator import (
    DEFAULT_LIMIT,
    Evaluator,
    GraphFacts,
    LimitExceeded,
    evaluate,
    node_facts,
    run_query,
)
from graphwarden.analysis.guarantees.datalog.parser import (
    BUILTINS,
    VIOLATION,
    DatalogError,
    Program,
    parse_program,
    parse_query,
)

__all__ = [
    "BUILTINS",
    "DEFAULT_LIMIT",
    "VIOLATION",
    "DatalogError",
    "Evaluator",
    "GraphFacts",
    "LimitExceeded",
    "Program",
    "evaluate",
    "node_facts",
    "parse_program",
    "parse_query",
    "run_query",
]
