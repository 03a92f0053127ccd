"""GuaranteeChecker: loads the configured rules and checks them after each cycle.

It is the orchestrator's `GuaranteeHook`, and only coordinates: each rule
type loads and checks itself (`rules/`), results are cached in the store by
`result_cache`. Every rule declares the node and edge types its result
depends on; after an incremental cycle only rules whose types changed are
evaluated again, the others keep their previous results. A body-only edit
changes no type (the store reports only what rules can observe), so it
evaluates none; but it can move code (a line added above), so the kept
results in the files the cycle changed are moved to where their nodes now
are (`relocate`), or diagnostics and suppressions would point at old lines.

Between checks the checker keeps what lets rules update their results
instead of computing them again: the live import graph, refreshed from the
files each cycle changed (contracts/live_graph.py; contracts run again only
when a direct import appeared, went or moved), and each rule's own
`RuleState`, handed back to it on the next check.

Configuration is validated on load: every problem is a `ConfigError` with
the config file, the line and what is wrong, collected in `load_errors`;
the rules that did load still run. import-linter's configuration, when the
workspace has one, adds its contracts (`notes` says so); what of it cannot
be checked is a warning among the results, never dropped silently.
Invariant: one rule's failure (too broad, or a bug) becomes a result located
at that rule, never hides the others'.

Results pass through the workspace's inline suppressions (suppressions.py)
before anyone sees them, so the command line, `watch` and the language
server all honour `# graphwarden: ignore[rule]` the same way.
"""

from __future__ import annotations

import copy
import logging
import time
from dataclasses import dataclass, field

from graphwarden.analysis.config import ConfigError, Settings
from graphwarden.analysis.guarantees import result_cache
from graphwarden.analysis.guarantees.contracts.live_graph import LiveImportGraph
from graphwarden.analysis.guarantees.datalog import LimitExceeded
from graphwarden.analysis.guarantees.results import (
    RuleInfo,
    Violation,
)
from graphwarden.analysis.guarantees.rules import (
    CheckContext,
    CheckedRule,
    ContractRule,
    DatalogGuarantee,
    RuleState,
    RuleTableReader,
    enabled_builtin_rules,
)
from graphwarden.analysis.guarantees.rules.taint_rule import taint_rules
from graphwarden.analysis.guarantees.suppressions import SuppressionIndex
from graphwarden.analysis.importlinter import read_importlinter
from graphwarden.analysis.store import CommitDelta, Snapshot

log = logging.getLogger(__name__)


@dataclass
class CheckStats:
    rules_evaluated: int = 0
    seconds: float = 0.0
    per_rule_seconds: dict[str, float] = field(default_factory=dict)
    #: Bringing the live import graph up to date (part of `seconds`).
    import_graph_seconds: float = 0.0


class GuaranteeChecker:
    """Loads and validates a workspace's guarantees; checks them as the orchestrator's hook."""

    def __init__(self, settings: Settings, persist_results: bool = False) -> None:
        self.settings = settings
        #: Save results in the store after each check, so a later process at
        #: the same revision (a warm `graphwarden check`) evaluates nothing.
        #: Off for the language server: it would write on every keystroke.
        self.persist_results = persist_results
        reader = RuleTableReader(settings)
        self.rules: list[CheckedRule] = []
        for i, table in enumerate(settings.guarantees):
            guarantee = DatalogGuarantee.from_table(reader, i, table)
            if guarantee is not None:
                self.rules.append(guarantee)
        for i, table in enumerate(settings.contracts):
            contract = ContractRule.from_table(reader, i, table)
            if contract is not None:
                self.rules.append(contract)
        #: What the user should know about where rules came from.
        self.notes: list[str] = []
        linter = read_importlinter(settings.root) if settings.importlinter else None
        if linter is not None:
            loaded = 0
            for imported in linter.contracts:
                contract = ContractRule.from_imported(reader, linter, imported)
                if contract is not None:
                    self.rules.append(contract)
                    loaded += 1
            reader.errors.extend(linter.errors)
            reader.warnings.extend(linter.warnings)
            self.notes.append(
                f"read {loaded} contract(s) from {linter.file} (import-linter's configuration; "
                "`importlinter = false` turns this off)"
            )
        self.rules.extend(enabled_builtin_rules(reader))
        self.rules.extend(
            taint_rules(reader)
        )  # rules/taint_rule.py: one per class, the security pack
        self.load_errors: list[ConfigError] = reader.errors
        #: Problems that leave every rule running, reported among the results.
        self.load_warnings: list[ConfigError] = reader.warnings
        self._config_file = reader.config_file
        self._results: dict[str, list[Violation]] = {}
        self.suppressions = SuppressionIndex()
        #: What `violations` shows, computed once per check (None: not yet).
        self._visible: list[Violation] | None = None
        self._states: dict[str, RuleState] = {}
        self._live = LiveImportGraph(settings)
        self._graph_rules = any(r.reads_import_graph for r in self.rules)
        #: The revision of the last check, kept open (a read snapshot) when a
        #: rule updates from the facts changed since: the old state it needs.
        self._keep_previous = any(r.reads_previous_revision for r in self.rules)
        self._previous: Snapshot | None = None
        self.last = CheckStats()
        #: The revision of the last check (None: never checked).
        self.checked_revision: int | None = None

    # -- running ------------------------------------------------------------------------

    def check(self, snapshot: Snapshot, delta: CommitDelta | None) -> int:
        """Evaluate the rules a delta affects (all when `delta` is None); returns how many."""
        t0 = time.perf_counter()
        stats = CheckStats()
        self.suppressions.refresh(snapshot, delta)
        self._visible = None
        cached = (
            result_cache.load_results(snapshot)
            if self.persist_results and not self._results
            else {}
        )
        if delta is None:
            self._states.clear()
        change = None
        if self._graph_rules:
            t = time.perf_counter()
            change = self._live.refresh(snapshot, delta)
            stats.import_graph_seconds = time.perf_counter() - t
        previous = self._previous
        if previous is not None and previous.store.env is not snapshot.store.env:
            # Another store (re-opened): nothing to compare with. A speculative
            # store (analysis/store/speculative.py) shares its store's environment.
            previous = None
        ctx = CheckContext(
            snapshot,
            self.settings,
            delta=delta,
            import_graph=self._live.graph if change is not None else None,
            graph_change=change,
            previous=previous,
        )
        for rule in self.rules:
            name = rule.info.name
            if rule.key in cached:
                # Computed for exactly this revision by an earlier process.
                self._results[name] = cached[rule.key]
                self._states.pop(name, None)
                continue
            if delta is not None and name in self._results and not rule.needs_check(ctx):
                kept = self._results[name]
                moved = delta.analysed_files
                if any(v.file in moved or any(r.file in moved for r in v.related) for v in kept):
                    self._results[name] = rule.relocate(ctx, kept, self._states.get(name))
                continue
            self._evaluate(rule, ctx, stats)
        if self.persist_results and (stats.rules_evaluated or len(cached) != len(self.rules)):
            result_cache.save_results(
                snapshot, {r.key: self._results.get(r.info.name, []) for r in self.rules}
            )
        if self._keep_previous:
            self._keep(snapshot)
        stats.seconds = time.perf_counter() - t0
        self.last = stats
        self.checked_revision = snapshot.revision
        return stats.rules_evaluated

    def _evaluate(self, rule: CheckedRule, ctx: CheckContext, stats: CheckStats) -> None:
        """Evaluate one rule into `_results` (its state kept for the next check)."""
        name = rule.info.name
        t = time.perf_counter()
        state = self._states.pop(name, None)
        try:
            self._results[name], new_state = rule.evaluate(ctx, state)
            if new_state is not None:
                self._states[name] = new_state
        except LimitExceeded as exc:
            self._results[name] = [
                self._rule_problem(
                    rule, "warning", f"guarantee {name!r} was stopped: {exc} (narrow the rule)"
                )
            ]
        except Exception as exc:  # one rule's failure must not hide the others' results
            log.exception("guarantee %s failed", name)
            self._results[name] = [
                self._rule_problem(
                    rule, "error", f"guarantee {name!r} could not be checked: {exc!r}"
                )
            ]
        stats.per_rule_seconds[name] = time.perf_counter() - t
        stats.rules_evaluated += 1

    def check_import_graph(self, snapshot: Snapshot, delta: CommitDelta) -> bool:
        """Before enrichment: the rules over the import graph, whose results `violations`
        shows at once; whether what it shows changed.

        The import graph is a function of the files' import statements, which
        the analysis commit already holds (contracts/live_graph.py), so a
        contract broken by an edit is known a whole enrichment before the
        other rules' results (the language server publishes it then). The
        other rules' results stay as last shown until the cycle's `check`,
        which finds the graph current and keeps these. Nothing happens before
        a first check (there is nothing shown to update)."""
        if not self._graph_rules or not self._results:
            return False
        before = self.violations
        change = self._live.refresh(snapshot, delta)
        if change.empty:
            return False
        self.suppressions.refresh(snapshot, delta)
        ctx = CheckContext(
            snapshot,
            self.settings,
            delta=delta,
            import_graph=self._live.graph,
            graph_change=change,
            previous=None,
        )
        stats = CheckStats()
        graph_rules = [
            r for r in self.rules if r.reads_import_graph and r.info.name in self._results
        ]
        for rule in graph_rules:
            if rule.needs_check(ctx):
                self._evaluate(rule, ctx, stats)
        names = {r.info.name for r in graph_rules}
        # The other rules' results as shown (their files' suppressions applied
        # then); the new ones through the suppressions as they now are.
        fresh = [v for r in graph_rules for v in self._results.get(r.info.name, ())]
        shown = [v for v in before if v.rule not in names]
        shown.extend(v for v in fresh if not self.suppressions.hides(v))
        self._visible = sorted(shown, key=Violation.sort_key)
        return self._visible != before

    def speculative_copy(self) -> GuaranteeChecker:
        """A checker with this one's kept state, to check a what-if and be thrown away.

        Rules and settings are shared (never changed by a check); results,
        rule states, suppressions and the live import graph are copied, so
        checking the copy leaves this checker as it was. The copy reads this
        checker's previous-revision snapshot but never closes or replaces it,
        and never writes results into the store.
        """
        previous = self._previous
        memo: dict[int, object] = {id(self.settings): self.settings, id(previous): previous}
        memo.update((id(rule), rule) for rule in self.rules)
        twin = copy.deepcopy(self, memo)
        twin.persist_results = False
        twin._keep_previous = False
        return twin

    def _keep(self, snapshot: Snapshot) -> None:
        """Hold this check's revision open until the next check (its old state).

        A read snapshot pins one revision's pages: between two cycles that is
        one cycle's worth of writes, the bound the store's design allows.
        """
        if self._previous is not None:
            self._previous.close()
            self._previous = None
        kept = Snapshot(snapshot.store)
        if kept.revision == snapshot.revision:
            self._previous = kept
        else:  # something committed since: its changes would be missed
            kept.close()

    def _rule_problem(self, rule: CheckedRule, severity: str, message: str) -> Violation:
        """A result located at the rule in the config file (it could not run)."""
        line = max(rule.line - 1, 0)
        return Violation(
            rule.info.name, severity, message, self._config_file, (line, 0, line, 0), kind="config"
        )

    # -- results ---------------------------------------------------------------------------

    @property
    def violations(self) -> list[Violation]:
        """Every current violation, inline suppressions applied, sorted by file and position."""
        if self._visible is None:
            found = [v for rule in self.rules for v in self._results.get(rule.info.name, ())]
            found.extend(self._warning(w) for w in self.load_warnings)
            self._visible = self.suppressions.apply(found, (r.info.name for r in self.rules))
        return list(self._visible)

    def _warning(self, problem: ConfigError) -> Violation:
        """A configuration problem that stopped nothing, as a result (so every report has it)."""
        line = max(problem.line - 1, 0)
        return Violation(
            "configuration",
            "warning",
            problem.message,
            problem.file,
            (line, 0, line, 0),
            kind="config",
        )

    def violations_in(self, file: str) -> list[Violation]:
        return [v for v in self.violations if v.file == file]

    @property
    def rule_infos(self) -> list[RuleInfo]:
        return [r.info for r in self.rules]
