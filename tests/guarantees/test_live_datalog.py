"""Datalog guarantees maintained edit by edit (datalog/incremental.py, DRed).

A program is kept between checks and updated from the facts a cycle changed:
these tests edit a small project and check the verdicts after each cycle
for rules with a helper under negation and with recursion; the property
test in test_incremental_equivalence.py checks the same against a check
from scratch on generated projects.
"""

from __future__ import annotations

from collections.abc import Callable

from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.guarantees.datalog import parse_program
from graphwarden.analysis.guarantees.datalog.incremental import maintainable, predicate_groups
from graphwarden.analysis.orchestrator import FileChange, Orchestrator

Run = Callable[..., tuple[Orchestrator, GuaranteeChecker]]

CONFIG = """
[[guarantees]]
name = "uncalled-setup"
rule = '''
called(F) :- edge(_, F, "CALLS").
violation(F) :- node(F, "FUNCTION"), attr(F, "name", "setup"), \\+ called(F).
'''

[[guarantees]]
name = "module-cycle"
rule = '''
reach(X, Y) :- edge(X, Y, "IMPORTS"), node(Y, "MODULE").
reach(X, Z) :- reach(X, Y), edge(Y, Z, "IMPORTS").
violation(X) :- node(X, "MODULE"), reach(X, X).
'''
"""

FILES = {
    "app/__init__.py": "",
    "app/a.py": "def setup():\n    pass\n",
    "app/b.py": "from app.a import setup\n",
    "app/c.py": "import app.b\n",
}


def _flagged(checker: GuaranteeChecker, rule: str) -> list[str]:
    return sorted(v.node_id for v in checker.violations if v.rule == rule)


def test_helper_under_negation_follows_calls_added_and_removed(check_workspace: Run) -> None:
    orch, checker = check_workspace({**FILES, "graphwarden.toml": CONFIG})
    assert _flagged(checker, "uncalled-setup") == ["app/a.py->FUNCTION->setup"]
    orch.apply_changes([FileChange("app/b.py", b"from app.a import setup\nsetup()\n")])
    assert _flagged(checker, "uncalled-setup") == []
    orch.apply_changes([FileChange("app/b.py", FILES["app/b.py"].encode())])
    assert _flagged(checker, "uncalled-setup") == ["app/a.py->FUNCTION->setup"]


def test_recursive_rule_finds_and_loses_a_cycle_through_three_modules(
    check_workspace: Run,
) -> None:
    orch, checker = check_workspace({**FILES, "graphwarden.toml": CONFIG})
    assert _flagged(checker, "module-cycle") == []
    orch.apply_changes([FileChange("app/a.py", b"import app.c\ndef setup():\n    pass\n")])
    assert _flagged(checker, "module-cycle") == [
        "app/a.py->MODULE",
        "app/b.py->MODULE",
        "app/c.py->MODULE",
    ]
    # Breaking the cycle elsewhere than where it was closed.
    orch.apply_changes([FileChange("app/c.py", b"")])
    assert _flagged(checker, "module-cycle") == []


def test_which_programs_are_maintained() -> None:
    assert maintainable(parse_program('violation(X) :- node(X, "CALL").'))
    assert maintainable(parse_program('violation(C) :- node(C, "CALL"), value(C, "0", "md5").'))
    assert not maintainable(
        parse_program('violation(X) :- node(X, "CLASS"), path(X, Y, "EXTENDS").')
    )
    # A flow or a taint finding depends on facts no change names.
    assert not maintainable(parse_program('violation(X) :- node(X, "CALL"), flows(X, _).'))
    assert not maintainable(parse_program("violation(X) :- taint(_, X, _)."))


def test_a_constant_argument_changed_in_place_changes_the_verdict(check_workspace: Run) -> None:
    # The security pack's weak-hash reads value/3: only the call's constant
    # arguments change when "md5" becomes "sha256" (same call, same line).
    before = 'import hashlib\n\ndef digest(d):\n    return hashlib.new("md5", d)\n'
    orch, checker = check_workspace({"app/__init__.py": "", "app/h.py": before})
    assert _flagged(checker, "weak-hash") == ["app/h.py->CALL->digest->hashlib.new#0"]
    orch.apply_changes([FileChange("app/h.py", before.replace("md5", "sha256").encode())])
    assert _flagged(checker, "weak-hash") == []
    orch.apply_changes([FileChange("app/h.py", before.encode())])
    assert _flagged(checker, "weak-hash") == ["app/h.py->CALL->digest->hashlib.new#0"]


def test_a_flow_cut_in_the_middle_changes_the_verdict(check_workspace: Run) -> None:
    # weak-random follows the value (flows/2) to the name it lands in; the edit
    # changes only the step in between (`token` made from `k`, not from `n`).
    before = (
        "import random\n\ndef make():\n"
        "    n = random.random()\n    k = 7\n    token = str(n)\n    return token\n"
    )
    orch, checker = check_workspace({"app/__init__.py": "", "app/r.py": before})
    assert _flagged(checker, "weak-random") == ["app/r.py->CALL->make->random.random#0"]
    orch.apply_changes([FileChange("app/r.py", before.replace("str(n)", "str(k)").encode())])
    assert _flagged(checker, "weak-random") == []
    orch.apply_changes([FileChange("app/r.py", before.encode())])
    assert _flagged(checker, "weak-random") == ["app/r.py->CALL->make->random.random#0"]


def test_predicate_groups_put_a_recursive_pair_together_after_what_it_uses() -> None:
    program = parse_program(
        'base(X) :- node(X, "MODULE").\n'
        "even(X) :- base(X).\n"
        "even(X) :- odd(X).\n"
        "odd(X) :- even(X).\n"
        "violation(X) :- odd(X).\n"
    )
    assert predicate_groups(program) == [
        [("base", 1)],
        [("even", 1), ("odd", 1)],
        [("violation", 1)],
    ]


def test_rules_stay_right_across_a_reindex(check_workspace: Run) -> None:
    """A re-index replaces the store: the revision kept from the last check is
    another store's, and the next check starts from scratch."""
    orch, checker = check_workspace({**FILES, "graphwarden.toml": CONFIG})
    orch.reindex()
    assert _flagged(checker, "uncalled-setup") == ["app/a.py->FUNCTION->setup"]
    orch.apply_changes([FileChange("app/b.py", b"from app.a import setup\nsetup()\n")])
    assert _flagged(checker, "uncalled-setup") == []
