"""Guarantees: Datalog rules and import contracts checked against the code graph.

`GuaranteeChecker` (checker.py) loads and validates them from the settings and
is the orchestrator's `GuaranteeHook`; results are `Violation`s (results.py).
"""
