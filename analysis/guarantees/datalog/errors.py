"""The two ways a Datalog rule fails, shared by every stage of the engine.

A rule is either malformed (`DatalogError`: found while parsing or
validating, before any graph is read, and carrying the line inside the rule
text so the loader can point at the config file) or too broad for the graph
it runs on (`LimitExceeded`: found while evaluating). Nothing else a rule does
may raise: the checker reports any other exception as a bug.
"""

from __future__ import annotations


class DatalogError(Exception):
    """A parse or validation error, with the 1-based line inside the rule text."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class LimitExceeded(Exception):
    """A relation or join grew past the cap: the rule is too broad for this graph."""
