"""Guarantees: Datalog rules, import contracts and built-in rules checked against the code graph.

`GuaranteeChecker` (checker.py) is the orchestrator's `GuaranteeHook`: it
loads the rules from the settings (one module per rule type in `rules/`),
checks those a commit affects and keeps their results (`result_cache.py`
persists them per store revision). The engines are `datalog/` and
`contracts/`; results are `Violation`s (results.py). Invariant: rules are
data; nothing from the workspace is ever imported or run.
"""
