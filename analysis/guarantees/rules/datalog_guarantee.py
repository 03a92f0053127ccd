"""`[[guarantees]]`: a Datalog program defining `violation(X)` or `violation(X, Message)`.

Keys: name, severity, description, remediation, instructions, rule (the program text).
The program is parsed and validated on load, its errors reported at their
line inside the config file. A violation is reported at node X (its name,
when the node records where its name is written); when X is no workspace
node (an external module, a string) it is reported at the rule instead.
The rule depends on the node and edge types its program mentions
(`Program.mentioned_types`). Between checks it keeps the program's
relations and maintains them from the facts each cycle changed
(datalog/incremental.py says which programs can be, and how).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from graphwarden.analysis.guarantees.datalog import (
    VIOLATION,
    DatalogError,
    Program,
    Relations,
    evaluate,
    parse_program,
)
from graphwarden.analysis.guarantees.datalog.incremental import (
    IncrementalProgram,
    maintainable,
    worth_updating,
)
from graphwarden.analysis.guarantees.result_cache import definition_key
from graphwarden.analysis.guarantees.results import Violation, location_of
from graphwarden.analysis.guarantees.rules.base import CheckContext, CheckedRule, RuleState
from graphwarden.analysis.guarantees.rules.config_tables import RuleTableReader

#: A `violation` row as (node id, message).
Row = tuple[str, str]

GUARANTEE_KEYS = {"name", "severity", "description", "remediation", "instructions", "rule"}
_SECTION = "guarantees"


@dataclass(frozen=True, kw_only=True, eq=False)
class DatalogGuarantee(CheckedRule):
    reads_previous_revision: ClassVar[bool] = True
    program: Program
    #: The config file (workspace-relative): where violations at no node are reported.
    config_file: str

    @classmethod
    def from_table(
        cls, reader: RuleTableReader, i: int, table: dict[str, Any]
    ) -> DatalogGuarantee | None:
        """The guarantee of table `i`, or None after reporting what is wrong with it."""
        common = reader.common(i, table, _SECTION)
        if common is None:
            return None
        name, severity = common
        for key in sorted(set(table) - GUARANTEE_KEYS):
            known = ", ".join(sorted(GUARANTEE_KEYS))
            reader.error(
                reader.line(key, i, _SECTION),
                f"guarantee {name!r}: unknown key {key!r} (known: {known})",
            )
            return None
        text = table.get("rule")
        if not isinstance(text, str) or not text.strip():
            reader.error(reader.line("", i, _SECTION), f"guarantee {name!r} has no 'rule'")
            return None
        rule_line = reader.line("rule", i, _SECTION)
        try:
            program = parse_program(text)
        except DatalogError as exc:
            reader.error(
                reader.string_line(exc.line, i, _SECTION, "rule"),
                f"guarantee {name!r}: {exc.message}",
            )
            return None
        info = reader.info(table, name, severity, "datalog", " ".join(text.split()))
        nt, et = program.mentioned_types()
        return cls(
            info=info,
            node_types=frozenset(nt) if nt is not None else None,
            edge_types=frozenset(et) if et is not None else None,
            line=rule_line,
            key=definition_key(table, rule_line, name),
            program=program,
            config_file=reader.config_file,
        )

    def relocate(
        self, ctx: CheckContext, violations: list[Violation], state: RuleState | None
    ) -> list[Violation]:
        changed = ctx.delta.analysed_files if ctx.delta is not None else set()

        def moved(v: Violation) -> Violation:
            node = ctx.snapshot.node(v.node_id) if v.file in changed and v.node_id else None
            return replace(v, range=location_of(node)) if node is not None else v

        if isinstance(state, DatalogState):
            # The rendered violations are reused by later checks: move them there.
            for row, v in state.rendered.items():
                state.rendered[row] = moved(v)
            return [state.rendered[row] for row in sorted(state.rendered)]
        return [moved(v) for v in violations]

    def check(self, ctx: CheckContext) -> list[Violation]:
        violations, _state = self.evaluate(ctx, None)
        return violations

    def evaluate(
        self, ctx: CheckContext, state: RuleState | None
    ) -> tuple[list[Violation], RuleState | None]:
        """Maintained from the changed facts when the program allows (datalog/incremental.py)."""
        if not maintainable(self.program):
            return self._render(ctx, evaluate(self.program, ctx.facts), {}), None
        changes = ctx.fact_changes
        if (
            isinstance(state, DatalogState)
            and changes is not None
            and ctx.previous_facts is not None
            and worth_updating(changes)
        ):
            relations = state.program.update(ctx.previous_facts, ctx.facts, changes)
            return self._render(ctx, relations, state.rendered), state
        program = IncrementalProgram.start(self.program, ctx.facts)
        state = DatalogState(program, {})
        return self._render(ctx, program.relations, state.rendered), state

    def _render(
        self, ctx: CheckContext, rel: Relations, rendered: dict[Row, Violation]
    ) -> list[Violation]:
        """One violation per `violation` row; `rendered` keeps those made for the rows
        of earlier checks, which stand as they are unless their file was analysed
        again (only then can a node have moved)."""
        changed = ctx.delta.analysed_files if ctx.delta is not None else set()
        rows = [(r[0], "") for r in rel.get((VIOLATION, 1), ())]
        rows += [(r[0], r[1]) for r in rel.get((VIOLATION, 2), ())]
        out: list[Violation] = []
        kept: dict[Row, Violation] = {}
        for row in sorted(rows):
            v = rendered.get(row)
            if v is None or v.file in changed:
                v = self._violation(ctx, *row)
            kept[row] = v
            out.append(v)
        rendered.clear()
        rendered.update(kept)
        return out

    def _violation(self, ctx: CheckContext, node_id: str, msg: str) -> Violation:
        info = self.info
        node = ctx.facts.node(node_id)
        message = msg or info.description or f"violates guarantee {info.name!r}"
        if node is not None and node.file:
            file, rng = node.file, location_of(node)
        else:
            # Not a workspace node (an external module, a string): report on the rule.
            at = max(self.line - 1, 0)
            file, rng, message = self.config_file, (at, 0, at, 0), f"{message} ({node_id})"
        return Violation(
            info.name,
            info.severity,
            message,
            file,
            rng,
            description=info.description,
            remediation=info.remediation,
            node_id=node_id,
            kind="datalog",
            instructions=info.instructions,
        )


@dataclass
class DatalogState(RuleState):
    """A program's relations between checks, and the violations rendered from them."""

    program: IncrementalProgram
    rendered: dict[Row, Violation]
