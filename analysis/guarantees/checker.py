"""GuaranteeChecker: loads guarantees and contracts, and checks them after each cycle.

It is the orchestrator's `GuaranteeHook`. Every rule (Datalog guarantee,
contract, built-in) declares the node and edge types its result depends on;
after an incremental cycle only rules whose types changed are evaluated
again, the others keep their previous results. A body-only edit changes no
type (the store reports only what rules can observe), so it evaluates none.

Configuration is validated on load: every problem is a `ConfigError` with
the config file, the line and what is wrong, collected in `load_errors`;
the rules that did load still run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphwarden.analysis.config import SEVERITIES, ConfigError, Settings
from graphwarden.analysis.guarantees.builtin import BUILTIN_RULES
from graphwarden.analysis.guarantees.contracts import CONTRACT_TYPES, ConfigLocation, OptionError
from graphwarden.analysis.guarantees.contracts.graph import EDGE_TYPES as IMPORT_EDGE_TYPES
from graphwarden.analysis.guarantees.contracts.graph import NODE_TYPES as IMPORT_NODE_TYPES
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, build_import_graph
from graphwarden.analysis.guarantees.datalog import (
    VIOLATION,
    DatalogError,
    GraphFacts,
    LimitExceeded,
    Program,
    evaluate,
    parse_program,
)
from graphwarden.analysis.guarantees.results import RuleInfo, Violation, violation_from_json
from graphwarden.analysis.store import CommitDelta, Snapshot

log = logging.getLogger(__name__)

GUARANTEE_KEYS = {"name", "severity", "description", "remediation", "rule"}
#: Store meta key of the last results, so a warm start with no change evaluates nothing.
RESULTS_META_KEY = "guarantee_results"


class CheckContext:
    """Lazily built, shared views of one snapshot for all rules of one check."""

    def __init__(self, snapshot: Snapshot, settings: Settings | None) -> None:
        self.snapshot = snapshot
        self.settings = settings
        self._facts: GraphFacts | None = None
        self._graph: ImportGraph | None = None

    @property
    def facts(self) -> GraphFacts:
        if self._facts is None:
            self._facts = GraphFacts(self.snapshot)
        return self._facts

    @property
    def import_graph(self) -> ImportGraph:
        if self._graph is None:
            self._graph = build_import_graph(self.snapshot, self.settings)
        return self._graph


@dataclass
class LoadedRule:
    """One checkable rule with the types it depends on (None: any type)."""

    info: RuleInfo
    node_types: frozenset[str] | None
    edge_types: frozenset[str] | None
    run: Callable[[CheckContext], list[Violation]]
    #: 1-based line of the rule's table in the config file (0 for built-ins).
    line: int = 0
    #: Identity of the rule's definition: cached results are reused only for the same key.
    key: str = ""

    def affected_by(self, delta: CommitDelta) -> bool:
        nt, et = delta.changed_node_types, delta.changed_edge_types
        if nt and (self.node_types is None or self.node_types & nt):
            return True
        return bool(et and (self.edge_types is None or self.edge_types & et))


@dataclass
class CheckStats:
    rules_evaluated: int = 0
    seconds: float = 0.0
    per_rule_seconds: dict[str, float] = field(default_factory=dict)


def _rule_key(rule: LoadedRule | None, table: dict[str, Any]) -> str:
    """Hash of everything a rule's results depend on besides the graph."""
    from graphwarden.analysis import __version__

    data = [__version__, table, rule.line if rule else 0, rule.info.name if rule else ""]
    blob = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.blake2b(blob, digest_size=12).hexdigest()


class GuaranteeChecker:
    """Loads and validates a workspace's guarantees; checks them as the orchestrator's hook."""

    def __init__(self, settings: Settings, persist_results: bool = False) -> None:
        self.settings = settings
        #: Save results in the store after each check, so a later process at
        #: the same revision (a warm `graphwarden check`) evaluates nothing.
        #: Off for the language server: it would write on every keystroke.
        self.persist_results = persist_results
        self.rules: list[LoadedRule] = []
        self.load_errors: list[ConfigError] = []
        self._results: dict[str, list[Violation]] = {}
        self.last = CheckStats()
        self._config_rel = self._relative_config()
        self._load()

    # -- loading ------------------------------------------------------------------------

    def _relative_config(self) -> str:
        cf = self.settings.config_file
        if cf is None:
            return ""
        try:
            return Path(cf).resolve().relative_to(Path(self.settings.root).resolve()).as_posix()
        except ValueError:
            return Path(cf).as_posix()

    def _error(self, line: int, message: str) -> None:
        self.load_errors.append(ConfigError(self._config_rel or "graphwarden.toml", line, message))

    def _line(self, key: str, occurrence: int, section: str) -> int:
        return self.settings.line_of(key, occurrence, section)

    def _load(self) -> None:
        names: set[str] = set()
        for i, table in enumerate(self.settings.guarantees):
            rule = self._load_guarantee(i, table, names)
            if rule is not None:
                rule.key = _rule_key(rule, table)
                self.rules.append(rule)
        for i, table in enumerate(self.settings.contracts):
            rule = self._load_contract(i, table, names)
            if rule is not None:
                rule.key = _rule_key(rule, table)
                self.rules.append(rule)
        switches = self.settings.builtin_rules
        for key in switches:
            if key not in BUILTIN_RULES:
                known = ", ".join(sorted(BUILTIN_RULES))
                self._error(
                    self.settings.line_of(key) or self.settings.line_of("builtin_rules"),
                    f"unknown built-in rule {key!r} (known: {known})",
                )
        for name, b in BUILTIN_RULES.items():
            if switches.get(name, b.default_on):
                if name in names:
                    self._error(0, f"guarantee name {name!r} is the name of a built-in rule")
                self.rules.append(
                    LoadedRule(
                        b.info,
                        b.node_types,
                        b.edge_types,
                        b.run,
                        key=_rule_key(None, {"builtin": name}),
                    )
                )

    def _common(
        self, i: int, table: dict[str, Any], section: str, names: set[str]
    ) -> tuple[str, str] | None:
        what = "guarantee" if section == "guarantees" else "contract"
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            self._error(self._line("", i, section), f"{what} #{i + 1} has no 'name'")
            return None
        if name in names:
            self._error(self._line("name", i, section), f"duplicate guarantee name {name!r}")
            return None
        names.add(name)
        severity = table.get("severity", "error")
        if severity not in SEVERITIES:
            self._error(
                self._line("severity", i, section),
                f"{what} {name!r}: bad severity {severity!r} (use {', '.join(SEVERITIES)})",
            )
            return None
        for key in ("description", "remediation"):
            if key in table and not isinstance(table[key], str):
                self._error(
                    self._line(key, i, section), f"{what} {name!r}: {key!r} must be a string"
                )
                return None
        return name, severity

    def _info(
        self, table: dict[str, Any], name: str, severity: str, kind: str, summary: str
    ) -> RuleInfo:
        return RuleInfo(
            name,
            severity,
            table.get("description", "") or "",
            table.get("remediation", "") or "",
            kind=kind,
            summary=summary,
        )

    def _load_guarantee(self, i: int, table: dict[str, Any], names: set[str]) -> LoadedRule | None:
        common = self._common(i, table, "guarantees", names)
        if common is None:
            return None
        name, severity = common
        for key in sorted(set(table) - GUARANTEE_KEYS):
            known = ", ".join(sorted(GUARANTEE_KEYS))
            self._error(
                self._line(key, i, "guarantees"),
                f"guarantee {name!r}: unknown key {key!r} (known: {known})",
            )
            return None
        text = table.get("rule")
        if not isinstance(text, str) or not text.strip():
            self._error(self._line("", i, "guarantees"), f"guarantee {name!r} has no 'rule'")
            return None
        rule_line = self._line("rule", i, "guarantees")
        try:
            program = parse_program(text)
        except DatalogError as exc:
            self._error(
                self._rule_text_line(rule_line, exc.line), f"guarantee {name!r}: {exc.message}"
            )
            return None
        info = self._info(table, name, severity, "datalog", " ".join(text.split()))
        nt, et = program.mentioned_types()
        return LoadedRule(
            info,
            frozenset(nt) if nt is not None else None,
            frozenset(et) if et is not None else None,
            lambda ctx, p=program, inf=info, ln=rule_line: self._run_datalog(ctx, p, inf, ln),
            rule_line,
        )

    def _rule_text_line(self, rule_line: int, inner: int) -> int:
        """Config line of line `inner` of a rule string starting on `rule_line`."""
        if not rule_line:
            return 0
        lines = self.settings.source_text.splitlines()
        first = lines[rule_line - 1] if rule_line - 1 < len(lines) else ""
        after = first.split("=", 1)[1].strip() if "=" in first else ""
        # TOML drops the newline right after an opening ''' or """.
        starts_next = after in ("'''", '"""')
        return rule_line + inner - 1 + (1 if starts_next else 0)

    def _load_contract(self, i: int, table: dict[str, Any], names: set[str]) -> LoadedRule | None:
        common = self._common(i, table, "contracts", names)
        if common is None:
            return None
        name, severity = common
        type_ = table.get("type")
        cls = CONTRACT_TYPES.get(type_) if isinstance(type_, str) else None
        if cls is None:
            known = " | ".join(CONTRACT_TYPES)
            self._error(
                self._line("type" if "type" in table else "", i, "contracts"),
                f"contract {name!r}: unknown contract type {type_!r} (use {known})"
                if type_ is not None
                else f"contract {name!r} has no 'type' ({known})",
            )
            return None
        try:
            options = cls.validate_options(table)
        except OptionError as exc:
            self._error(self._line(exc.key, i, "contracts"), f"contract {name!r}: {exc.message}")
            return None
        line = self._line("", i, "contracts")
        summary = (
            cls.summary.format(
                **{k: ", ".join(v) if isinstance(v, list) else v for k, v in options.items()}
            )
            if cls.summary
            else ""
        )
        info = self._info(table, name, severity, "contract", summary)
        contract = cls(info, options, ConfigLocation(self._config_rel, line))
        return LoadedRule(
            info,
            IMPORT_NODE_TYPES,
            IMPORT_EDGE_TYPES,
            lambda ctx, c=contract: c.check(ctx.import_graph),
            line,
        )

    # -- running ------------------------------------------------------------------------

    def _run_datalog(
        self, ctx: CheckContext, program: Program, info: RuleInfo, line: int
    ) -> list[Violation]:
        rel = evaluate(program, ctx.facts)
        out: list[Violation] = []
        rows = [(r[0], "") for r in rel.get((VIOLATION, 1), ())]
        rows += [(r[0], r[1]) for r in rel.get((VIOLATION, 2), ())]
        for node_id, msg in sorted(rows):
            node = ctx.facts.node(node_id)
            message = msg or info.description or f"violates guarantee {info.name!r}"
            if node is not None and node.file:
                sel = node.attrs.get("sel")
                rng = tuple(sel) if isinstance(sel, list) and len(sel) == 4 else node.range
                out.append(
                    Violation(
                        info.name,
                        info.severity,
                        message,
                        node.file,
                        rng,  # type: ignore[arg-type]
                        description=info.description,
                        remediation=info.remediation,
                        node_id=node_id,
                        kind="datalog",
                    )
                )
            else:
                # Not a workspace node (an external module, a string): report on the rule.
                out.append(
                    Violation(
                        info.name,
                        info.severity,
                        f"{message} ({node_id})",
                        self._config_rel,
                        (max(line - 1, 0), 0, max(line - 1, 0), 0),
                        description=info.description,
                        remediation=info.remediation,
                        node_id=node_id,
                        kind="datalog",
                    )
                )
        return out

    def check(self, snapshot: Snapshot, delta: CommitDelta | None) -> int:
        """Evaluate the rules a delta affects (all when `delta` is None); returns how many."""
        t0 = time.perf_counter()
        ctx = CheckContext(snapshot, self.settings)
        stats = CheckStats()
        cached = (
            self._cached_results(snapshot) if self.persist_results and not self._results else {}
        )
        for rule in self.rules:
            name = rule.info.name
            if rule.key in cached:
                # Computed for exactly this revision by an earlier process.
                self._results[name] = cached[rule.key]
                continue
            if delta is not None and name in self._results and not rule.affected_by(delta):
                continue
            t = time.perf_counter()
            try:
                self._results[name] = rule.run(ctx)
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
        if self.persist_results and (stats.rules_evaluated or len(cached) != len(self.rules)):
            self._save_results(snapshot)
        stats.seconds = time.perf_counter() - t0
        self.last = stats
        return stats.rules_evaluated

    def _rule_problem(self, rule: LoadedRule, severity: str, message: str) -> Violation:
        """A result located at the rule in the config file (it could not run)."""
        line = max(rule.line - 1, 0)
        return Violation(
            rule.info.name, severity, message, self._config_rel, (line, 0, line, 0), kind="config"
        )

    def _cached_results(self, snapshot: Snapshot) -> dict[str, list[Violation]]:
        try:
            data = snapshot.store.get_meta(RESULTS_META_KEY)
            if not isinstance(data, dict) or data.get("revision") != snapshot.revision:
                return {}
            return {k: [violation_from_json(v) for v in vs] for k, vs in data["rules"].items()}
        except Exception:  # a cache must never break a check: evaluate instead
            log.debug("ignoring unreadable cached guarantee results", exc_info=True)
            return {}

    def _save_results(self, snapshot: Snapshot) -> None:
        rules = {
            r.key: [v.to_json() for v in self._results.get(r.info.name, ())] for r in self.rules
        }
        try:
            snapshot.store.set_meta(
                RESULTS_META_KEY, {"revision": snapshot.revision, "rules": rules}
            )
        except Exception:
            log.debug("could not cache guarantee results", exc_info=True)

    # -- results ---------------------------------------------------------------------------

    @property
    def violations(self) -> list[Violation]:
        """Every current violation, sorted by file and position."""
        out = [v for rule in self.rules for v in self._results.get(rule.info.name, ())]
        return sorted(out, key=Violation.sort_key)

    def violations_in(self, file: str) -> list[Violation]:
        return [v for v in self.violations if v.file == file]

    @property
    def rule_infos(self) -> list[RuleInfo]:
        return [r.info for r in self.rules]
