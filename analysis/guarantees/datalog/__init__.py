"""graphwarden's Datalog: rules over the code graph, interpreted by our own engine.

Text goes through parser.py (syntax.py's tree) and validation.py
(stratification.py) into a `Program`; evaluator.py computes it bottom-up
over facts.py's index-backed view of a snapshot, asking predicates.py how
to plan and answer each built-in; query.py is the `?- ...` API. Rules are
data: nothing from the workspace is ever imported or run.
"""

from graphwarden.analysis.guarantees.datalog.errors import DatalogError, LimitExceeded
from graphwarden.analysis.guarantees.datalog.evaluator import Evaluator, Relations, evaluate
from graphwarden.analysis.guarantees.datalog.facts import (
    DEFAULT_LIMIT,
    GraphFacts,
    attr_facts,
    has_attr_fact,
)
from graphwarden.analysis.guarantees.datalog.parser import parse_program
from graphwarden.analysis.guarantees.datalog.predicates import BUILTINS, COMPARISONS, PREDICATES
from graphwarden.analysis.guarantees.datalog.program import VIOLATION, Program
from graphwarden.analysis.guarantees.datalog.query import QUERY_HEAD, parse_query, run_query

__all__ = [
    "BUILTINS",
    "COMPARISONS",
    "DEFAULT_LIMIT",
    "PREDICATES",
    "QUERY_HEAD",
    "VIOLATION",
    "DatalogError",
    "Evaluator",
    "GraphFacts",
    "LimitExceeded",
    "Program",
    "Relations",
    "attr_facts",
    "evaluate",
    "has_attr_fact",
    "parse_program",
    "parse_query",
    "run_query",
]
