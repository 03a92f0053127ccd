"""Datalog parser and evaluator, against graphs committed into a real GraphStore."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphwarden.analysis.guarantees.datalog import (
    DatalogError,
    GraphFacts,
    LimitExceeded,
    evaluate,
    parse_program,
    run_query,
)
from graphwarden.analysis.model import Edge, Node
from graphwarden.analysis.store import GraphStore, Snapshot


def n(id_: str, type_: str, name: str, file: str = "a.py", **attrs: object) -> Node:
    return Node(id_, type_, name, file, (1, 0, 1, 5), "h", "s", dict(attrs))


@pytest.fixture
def snap(tmp_path: Path) -> Iterator[Snapshot]:
    store = GraphStore(tmp_path / "store")
    nodes = [
        n("a.py->MODULE", "MODULE", "a"),
        n("a.py->FUNCTION->f", "FUNCTION", "f", decorators=["cache", "staticmethod"]),
        n("a.py->FUNCTION->g", "FUNCTION", "g"),
        n("a.py->FUNCTION->h", "FUNCTION", "h"),
        n("a.py->CLASS->Repo", "CLASS", "Repo", bases=["Base"], sel=[3, 6, 3, 10]),
        n("a.py->CALL->f->eval#0", "CALL", "eval", callee="eval", args=1),
        n("a.py->CALL->g->f#0", "CALL", "f", callee="f", args=0),
        n("a.py->CALL->h->g#0", "CALL", "g", callee="g", args=0),
        n("a.py->IMPORT-><module>->os", "IMPORT", "os", source="os", level=0),
    ]
    edges = [
        Edge("a.py->MODULE", "CONTAINS", "a.py->FUNCTION->f"),
        Edge("a.py->MODULE", "CONTAINS", "a.py->FUNCTION->g"),
        Edge("a.py->MODULE", "CONTAINS", "a.py->FUNCTION->h"),
        Edge("a.py->FUNCTION->f", "CONTAINS", "a.py->CALL->f->eval#0"),
        Edge("a.py->FUNCTION->g", "CONTAINS", "a.py->CALL->g->f#0"),
        Edge("a.py->FUNCTION->h", "CONTAINS", "a.py->CALL->h->g#0"),
        Edge("a.py->CALL->g->f#0", "CALLS", "a.py->FUNCTION->f"),
        Edge("a.py->CALL->h->g#0", "CALLS", "a.py->FUNCTION->g"),
    ]
    store.commit_batch("a.py", nodes, edges)
    s = store.snapshot()
    yield s
    s.close()
    store.close()


def q(text: str, snap: Snapshot) -> list[dict[str, str]]:
    return run_query(text, snap)


# -- parser -----------------------------------------------------------------------------


def test_parse_rule_with_helpers_and_comments() -> None:
    p = parse_program(
        """
        % helpers first
        calls(A, B) :- edge(C, B, "CALLS"), edge(A, C, "CONTAINS").
        violation(X) :- node(X, "FUNCTION"), \\+ calls(_, X).  # never called
        """
    )
    assert {r.head.pred for r in p.rules} == {"calls", "violation"}
    assert p.strata[0] == [("calls", 2)]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('violation(X) :- nod(X, "CALL").', 1, "unknown predicate 'nod'"),
        ("violation(X) :- node(X).", 1, "node takes 2 arguments"),
        ('violation(X) :- node(Y, "CALL").', 1, "unsafe variable X"),
        (
            'violation(X) :- node(X, "CALL"), \\+ edge(X, Y, "CALLS"), Y != X.',
            1,
            "unsafe variable Y",
        ),
        ('violation(X) :-\n  node(X, "CALL")\n  attr(X, "name", "eval").', 3, "expected"),
        ('p(X) :- node(X, "CALL").', 1, "defines no violation"),
        (
            'violation(X) :- node(X, "CALL"), \\+ p(X).\np(X) :- node(X, "CALL"), \\+ p(X).',
            2,
            "unstratifiable",
        ),
        ('violation(X) :- node(X, "CALL"), "x.', 1, "unexpected character"),
        ("edge(X, Y, Z) :- node(X, Y), node(Z, Y).", 1, "built-in"),
        # Type constants and attribute keys are a closed vocabulary: a typo
        # would make a rule that never fires, so it fails with the nearest name.
        (
            'violation(X) :-\n  node(X, "CALLS").',
            2,
            'node: unknown node type "CALLS" (did you mean "CALL"?); "CALLS" is an edge type',
        ),
        (
            'violation(X) :- node(X, "CALL"), edge(X, Y, "CALLZ").',
            1,
            'edge: unknown edge type "CALLZ" (did you mean "CALLS"?)',
        ),
        (
            'violation(X) :- node(X, "CALL"), path(X, Y, "IMPORT").',
            1,
            'unknown edge type "IMPORT" (did you mean "IMPORTS"?)',
        ),
        (
            'violation(X) :- node(X, "CALL"), attr(X, "calee", "eval").',
            1,
            'attr: unknown attribute key "calee" (did you mean "callee"?)',
        ),
        ('violation(X) :- attr(X, "sel", _).', 1, '"sel" is a position'),
        (
            'violation(X) :- node(X, "A").\nq(X) :- node(X, "A").\nq(X, Y) :- node(X, Y).',
            3,
            "different arities",
        ),
    ],
)
def test_parse_errors_carry_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(DatalogError) as exc:
        parse_program(text)
    assert fragment in exc.value.message
    assert exc.value.line == line


def test_known_constants_load() -> None:
    # Every type and key the graph has is accepted, table keys with a sub-key too.
    parse_program(
        'violation(X) :- node(X, "CLASS"), attr(X, "keywords.metaclass", _), '
        'attr(X, "file", _), edge(X, _, "EXTENDS"), path(X, _, "CONTAINS").'
    )


def test_a_query_typo_names_no_internal_predicate(snap: Snapshot) -> None:
    with pytest.raises(DatalogError) as exc:
        q("?- nod(X).", snap)
    assert (
        exc.value.message
        == "unknown predicate 'nod' (known: arg, attr, edge, flows, name_word, node, path, taint, value)"
    )


def test_mentioned_types_drive_selective_rechecking() -> None:
    p = parse_program('violation(X) :- node(X, "CALL"), attr(X, "name", "eval").')
    assert p.mentioned_types() == ({"CALL"}, set())
    p = parse_program('violation(X) :- attr(X, "name", "eval").')
    assert p.mentioned_types()[0] is None
    p = parse_program('violation(X) :- node(X, "FUNCTION"), path(X, Y), node(Y, "CALL").')
    assert p.mentioned_types() == ({"FUNCTION", "CALL"}, None)


# -- evaluator ------------------------------------------------------------------------------


def test_node_and_attr_join(snap: Snapshot) -> None:
    rows = q('?- node(X, "CALL"), attr(X, "name", "eval").', snap)
    assert rows == [{"X": "a.py->CALL->f->eval#0"}]


def test_name_index_on_definitions(snap: Snapshot) -> None:
    facts = GraphFacts(snap)
    p = parse_program('violation(X) :- attr(X, "name", "Repo"), node(X, "CLASS").')
    rel = evaluate(p, facts)
    assert rel[("violation", 1)] == {("a.py->CLASS->Repo",)}
    # Planned through the name index, not a scan of the CLASS type.
    assert "CLASS" not in facts._by_type


def test_list_attrs_give_one_fact_per_element_and_positions_are_not_facts(snap: Snapshot) -> None:
    rows = q('?- attr("a.py->FUNCTION->f", "decorators", D).', snap)
    assert [r["D"] for r in rows] == ["cache", "staticmethod"]
    with pytest.raises(DatalogError, match="positions are never facts"):
        q('?- attr("a.py->CLASS->Repo", "sel", V).', snap)
    assert q('?- attr(X, "args", "1").', snap) == [{"X": "a.py->CALL->f->eval#0"}]


def test_edges_both_directions(snap: Snapshot) -> None:
    out = q('?- edge(C, "a.py->FUNCTION->f", "CALLS").', snap)
    assert out == [{"C": "a.py->CALL->g->f#0"}]
    out = q('?- edge("a.py->FUNCTION->g", C, T).', snap)
    assert out == [{"C": "a.py->CALL->g->f#0", "T": "CONTAINS"}]


def test_negation_with_wildcards(snap: Snapshot) -> None:
    rows = q(
        'called(F) :- edge(_, F, "CALLS").\n?- node(F, "FUNCTION"), \\+ called(F).',
        snap,
    )
    assert rows == [{"F": "a.py->FUNCTION->h"}]
    rows = q('?- node(F, "FUNCTION"), \\+ edge(_, F, "CALLS").', snap)
    assert rows == [{"F": "a.py->FUNCTION->h"}]


def test_recursive_helper_rules(snap: Snapshot) -> None:
    rows = q(
        'calls(A, B) :- edge(A, C, "CONTAINS"), edge(C, B, "CALLS").\n'
        "reaches(A, B) :- calls(A, B).\n"
        "reaches(A, C) :- reaches(A, B), calls(B, C).\n"
        '?- reaches("a.py->FUNCTION->h", T).',
        snap,
    )
    assert [r["T"] for r in rows] == ["a.py->FUNCTION->f", "a.py->FUNCTION->g"]


def test_path_transitive(snap: Snapshot) -> None:
    rows = q('?- path("a.py->FUNCTION->h", X), node(X, "CALL"), attr(X, "name", "eval").', snap)
    assert rows == [{"X": "a.py->CALL->f->eval#0"}]
    rows = q('?- path(X, "a.py->FUNCTION->f", "CALLS").', snap)
    assert rows == [{"X": "a.py->CALL->g->f#0"}]
    # Backwards from a bound destination through every edge type.
    rows = q('?- node(F, "FUNCTION"), path(F, "a.py->CALL->f->eval#0").', snap)
    assert sorted(r["F"] for r in rows) == [
        "a.py->FUNCTION->f",
        "a.py->FUNCTION->g",
        "a.py->FUNCTION->h",
    ]


def test_comparisons(snap: Snapshot) -> None:
    rows = q('?- node(X, "FUNCTION"), node(Y, "FUNCTION"), X != Y, attr(X, "name", "f").', snap)
    assert len(rows) == 2
    rows = q('?- node(X, "FUNCTION"), N = "g", attr(X, "name", N).', snap)
    assert rows == [{"X": "a.py->FUNCTION->g", "N": "g"}]


def test_query_with_no_variables_is_a_yes_no(snap: Snapshot) -> None:
    assert q('?- node("a.py->MODULE", "MODULE").', snap) == [{}]
    assert q('node("a.py->MODULE", "CLASS")', snap) == []


def test_result_cap_is_reported(snap: Snapshot) -> None:
    with pytest.raises(LimitExceeded):
        run_query("?- node(X, _), node(Y, _).", snap, limit=20)


def test_violation_with_message(snap: Snapshot) -> None:
    p = parse_program(
        'violation(X, "eval is forbidden") :- node(X, "CALL"), attr(X, "callee", "eval").'
    )
    rel = evaluate(p, GraphFacts(snap))
    assert rel[("violation", 2)] == {("a.py->CALL->f->eval#0", "eval is forbidden")}


def test_attr_callee_uses_the_name_index_and_stays_exact(tmp_path) -> None:
    from graphwarden.analysis.guarantees.datalog import run_query
    from graphwarden.analysis.orchestrator import Orchestrator

    root = tmp_path / "ws"
    root.mkdir()
    (root / "m.py").write_text(
        "import pickle\n\ndef f(b, other):\n"
        "    pickle.loads(b)\n    other.loads(b)\n    loads(b)\n    g(x.y)(b)\n"
    )
    orch = Orchestrator(root, workers=1, store_path=tmp_path / "store")
    try:
        orch.index_repository()
        with orch.snapshot() as snap:
            rows = run_query('?- node(X, "CALL"), attr(X, "callee", "pickle.loads").', snap)
            odd = run_query('?- node(X, "CALL"), attr(X, "callee", "g(x.y)").', snap)
        assert [r["X"] for r in rows] == ["m.py->CALL->f->pickle.loads#0"]
        assert [r["X"] for r in odd] == ["m.py->CALL->f->g(x.y)#0"]
    finally:
        orch.close()


def test_name_word_splits_identifiers_into_lower_case_words(snap: Snapshot) -> None:
    rows = q('?- name_word("resetToken_v2", W).', snap)
    assert [r["W"] for r in rows] == ["reset", "token", "v"]
    assert q('?- name_word("APIKey", "api"), name_word("APIKey", "key").', snap) == [{}]
    assert q('?- name_word("author", "auth").', snap) == []
    # Joined with the graph: functions whose name has the word "f" (only f itself).
    rows = q('?- node(X, "FUNCTION"), attr(X, "name", N), name_word(N, "f").', snap)
    assert rows == [{"X": "a.py->FUNCTION->f", "N": "f"}]
    with pytest.raises(LimitExceeded, match="name_word/2 needs its first argument bound"):
        q('?- name_word(N, "token").', snap)
