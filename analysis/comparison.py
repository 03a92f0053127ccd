"""PR mode: the working tree against the merge base of a branch.

`graphwarden check --new-since main` reports only the violations a change
adds; `graphwarden impact --since main` says what the change reaches and
which guarantees change their verdict. Both need the graph of the merge
base, which `open_base` builds:

* the base's files come from git's objects (`git.py`): nothing is checked
  out over the user's tree and no worktree is registered;
* they are written, with the working tree's own configuration files (one
  set of rules judges both sides), under the workspace's store directory
  (`<store>/base/<commit>/`), the one place graphwarden writes; a later run
  at the same merge base re-indexes it incrementally, and other bases are
  removed;
* the base gets its own store there and is indexed like any workspace.

Violations are matched by fingerprint (rule, semantic node id, message: no
line numbers), counted, so a second identical violation is new even when
one existed before.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graphwarden.analysis.cycle.stats import Progress
from graphwarden.analysis.git import GitRepository
from graphwarden.analysis.guarantees.results import RuleInfo, Violation
from graphwarden.analysis.languages import language_of
from graphwarden.analysis.model import Node, NodeType
from graphwarden.analysis.navigation.blast_radius import blast_radius
from graphwarden.analysis.store import Snapshot
from graphwarden.analysis.workspace import OpenWorkspace, UserChoices, open_workspace

#: The working tree's configuration files, copied over the base's.
CONFIG_FILES = ("graphwarden.toml", "pyproject.toml", "setup.cfg", ".importlinter")
#: Files of the base that indexing reads besides sources (ignore rules, tsconfig paths).
_AUXILIARY = (".gitignore", "tsconfig.json", "package.json", "jsconfig.json")
SYMBOL_TYPES = frozenset(
    {NodeType.CLASS, NodeType.FUNCTION, NodeType.METHOD, NodeType.VARIABLE, NodeType.MODULE}
)
#: Symbols one impact report lists at most (a hub symbol reaches most of a repository).
MAX_REACHED = 500
_COMPLETE = "complete"


@dataclass
class Base:
    """The merge base of a ref, indexed: close it when done."""

    ref: str
    commit: str
    workspace: OpenWorkspace

    def close(self) -> None:
        self.workspace.close()


def _wanted(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return language_of(path) is not None or name in _AUXILIARY or name in CONFIG_FILES


def open_base(head: OpenWorkspace, ref: str, progress: Progress | None = None) -> Base:
    """Build (or bring up to date) and index the graph of `ref`'s merge base with HEAD.

    Raises `GitError` when the workspace is not in a git repository or the
    ref does not exist.
    """
    root = head.orchestrator.root
    repo = GitRepository(root)
    commit = repo.merge_base(ref)
    area = base_directory(head.settings.store_path)
    place = area / commit
    if area.is_dir():
        for old in area.iterdir():
            if old.name != commit:
                shutil.rmtree(old, ignore_errors=True)
    tree = place / "tree"
    if not (place / _COMPLETE).exists():
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir(parents=True)
        repo.export(commit, tree, _wanted)
        (place / _COMPLETE).write_text(commit + "\n")
    for name in CONFIG_FILES:
        # One configuration judges both sides: the working tree's.
        source, target = root / name, tree / name
        if source.is_file():
            shutil.copyfile(source, target)
        elif target.exists():
            target.unlink()
    choices = UserChoices(
        store=place / "store", workers=head.orchestrator.pool.workers, persist_results=True
    )
    workspace = open_workspace(tree, choices)
    try:
        workspace.orchestrator.index_repository(progress=progress)
    except BaseException:
        workspace.close()
        raise
    return Base(ref, commit, workspace)


def new_violations(
    head: Iterable[Violation], base: Iterable[Violation]
) -> tuple[list[Violation], int]:
    """(the head's violations the base does not have, how many it does have)."""
    known = Counter(v.fingerprint for v in base)
    new: list[Violation] = []
    existing = 0
    for v in sorted(head, key=Violation.sort_key):
        if known[v.fingerprint]:
            known[v.fingerprint] -= 1
            existing += 1
        else:
            new.append(v)
    return new, existing


# -- impact -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangedFile:
    path: str
    #: "added" | "modified" | "deleted"
    status: str


@dataclass(frozen=True)
class Symbol:
    """A definition, as a report names it."""

    file: str
    name: str  # the qualified name inside the file (`Repo.save`), or the module's name
    type: str

    @classmethod
    def of(cls, node: Node) -> Symbol:
        qualname = node.attrs.get("qualname")
        return cls(node.file, qualname if isinstance(qualname, str) else node.name, node.type)


@dataclass(frozen=True)
class Reached:
    """A symbol the change reaches, and the changed symbol it depends on."""

    symbol: Symbol
    via: Symbol


@dataclass
class RuleChange:
    """A guarantee whose results differ between the base and the working tree."""

    rule: RuleInfo
    before: int
    after: int
    new: list[Violation] = field(default_factory=list)
    fixed: list[Violation] = field(default_factory=list)

    @property
    def verdict_changed(self) -> bool:
        return (self.before == 0) != (self.after == 0)


@dataclass
class Impact:
    """What a change does: files, the symbols it changes and reaches, guarantees it flips."""

    ref: str
    commit: str
    changed_files: list[ChangedFile]
    changed_symbols: list[Symbol]
    reached: list[Reached]
    #: More symbols were reached than MAX_REACHED.
    truncated: bool
    rules: list[RuleChange]


def compute_impact(head: OpenWorkspace, base: Base) -> Impact:
    """Compare the indexed working tree with the indexed base."""
    with head.orchestrator.snapshot() as now, base.workspace.orchestrator.snapshot() as then:
        files = _changed_files(now, then)
        changed: list[Node] = []
        removed: list[Node] = []
        for f in files:
            new = {n.id: n for n in now.nodes_in_file(f.path) if n.type in SYMBOL_TYPES}
            old = {n.id: n for n in then.nodes_in_file(f.path) if n.type in SYMBOL_TYPES}
            for node_id, node in new.items():
                before = old.get(node_id)
                # A module's hash covers its definitions: it counts only when new.
                if before is None or (
                    before.content_hash != node.content_hash and node.type != NodeType.MODULE
                ):
                    changed.append(node)
            removed.extend(n for i, n in old.items() if i not in new)
        changed_ids = {n.id for n in changed} | {n.id for n in removed}
        reached, truncated = _reach(now, changed, changed_ids)
        more, more_truncated = _reach(then, removed, changed_ids | {r[0] for r in reached})
        symbols = sorted({Symbol.of(n) for n in [*changed, *removed]}, key=_symbol_key)
    return Impact(
        ref=base.ref,
        commit=base.commit,
        changed_files=files,
        changed_symbols=symbols,
        reached=sorted(
            (Reached(s, via) for _id, s, via in [*reached, *more]),
            key=lambda r: _symbol_key(r.symbol),
        ),
        truncated=truncated or more_truncated,
        rules=rule_changes(head.checker.violations, base.workspace.checker.violations, head),
    )


def _symbol_key(s: Symbol) -> tuple[str, str, str]:
    return (s.file, s.name, s.type)


def _changed_files(now: Snapshot, then: Snapshot) -> list[ChangedFile]:
    new = {r.path: r.content_hash for r in now.files()}
    old = {r.path: r.content_hash for r in then.files()}
    out = [ChangedFile(p, "added") for p in new if p not in old]
    out += [ChangedFile(p, "deleted") for p in old if p not in new]
    out += [ChangedFile(p, "modified") for p in new if p in old and new[p] != old[p]]
    return sorted(out, key=lambda c: c.path)


def _reach(
    snap: Snapshot, seeds: list[Node], skip: set[str]
) -> tuple[list[tuple[str, Symbol, Symbol]], bool]:
    """Definitions depending, transitively, on the seeds: (id, symbol, the seed it came from).

    The walk is navigation's blast radius (the one the editor's command shows),
    run per seed so each symbol reached names the change it depends on.
    """
    seen = set(skip)
    out: list[tuple[str, Symbol, Symbol]] = []
    truncated = False
    for seed in seeds:
        radius = blast_radius(snap, [seed], limit=MAX_REACHED + 1)
        truncated = truncated or radius.truncated
        for dep in radius.dependents:
            if dep.id in seen:
                continue
            if len(out) >= MAX_REACHED:
                return out, True
            seen.add(dep.id)
            out.append((dep.id, Symbol.of(dep), Symbol.of(seed)))
    return out, truncated


def rule_changes(
    head: list[Violation], base: list[Violation], workspace: OpenWorkspace
) -> list[RuleChange]:
    """Every rule whose violations differ between the base and the working tree."""
    infos = {r.name: r for r in workspace.checker.rule_infos}
    by_rule: dict[str, tuple[list[Violation], list[Violation]]] = {}
    for v in head:
        by_rule.setdefault(v.rule, ([], []))[0].append(v)
    for v in base:
        by_rule.setdefault(v.rule, ([], []))[1].append(v)
    out = []
    for name, (now, then) in sorted(by_rule.items()):
        new, _ = new_violations(now, then)
        fixed, _ = new_violations(then, now)
        if new or fixed:
            info = infos.get(name) or RuleInfo(name, now[0].severity if now else then[0].severity)
            out.append(RuleChange(info, len(then), len(now), new, fixed))
    return out


def base_directory(store_path: Path) -> Path:
    """Where PR mode keeps the merge base's files and store (inside the store directory)."""
    return store_path / "base"
