"""The query API: `?- body.` against a snapshot, one dict of bindings per answer.

A query is compiled into an ordinary program: the helper rules written
before the last `?-`, plus one rule whose head `__query__` lists the shown
variables, so queries get the same validation, planning and limits as
guarantees. Invariant: answers are sorted and show only named variables
(not `_` nor variables starting with `_`), in order of first appearance.
"""

from __future__ import annotations

from graphwarden.analysis.guarantees.datalog.evaluator import evaluate
from graphwarden.analysis.guarantees.datalog.facts import DEFAULT_LIMIT, GraphFacts
from graphwarden.analysis.guarantees.datalog.parser import parse_query_text
from graphwarden.analysis.guarantees.datalog.program import Program
from graphwarden.analysis.guarantees.datalog.syntax import (
    Atom,
    AtomLiteral,
    Rule,
    Var,
)
from graphwarden.analysis.guarantees.datalog.validation import validate
from graphwarden.analysis.store import Snapshot

#: The predicate holding a query's answers (not a name a rule can write).
QUERY_HEAD = "__query__"


def parse_query(text: str) -> tuple[Program, list[str]]:
    """Parse `?- body.` or a bare body (helper rules may precede it).

    Returns a program whose `__query__` predicate holds the answers, and the
    names of the variables shown (in order of first appearance, without `_`).
    """
    # Rules first (anything up to the last `?-`), then the query body.
    rules, body = parse_query_text(text)
    names: list[str] = []
    for lit in body:
        terms = lit.atom.args if isinstance(lit, AtomLiteral) else (lit.left, lit.right)
        for t in terms:
            if isinstance(t, Var) and not t.name.startswith("_") and t.name not in names:
                names.append(t.name)
    head = Atom(QUERY_HEAD, tuple(Var(n) for n in names), 1)
    rules.append(Rule(head, body, body[0].line if body else 1))
    return validate(rules, require_violation=False), names


def run_query(text: str, snapshot: Snapshot, limit: int = DEFAULT_LIMIT) -> list[dict[str, str]]:
    """Run a Datalog query against a snapshot; one dict of variable bindings per answer.

    `text` is `?- body.` or a bare body, optionally preceded by helper rules.
    Raises DatalogError for a malformed query, LimitExceeded past the cap.
    """
    program, names = parse_query(text)
    rel = evaluate(program, GraphFacts(snapshot, limit))[(QUERY_HEAD, len(names))]
    return [dict(zip(names, row)) for row in sorted(rel)]
