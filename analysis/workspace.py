"""The composition root: configuration -> orchestrator -> guarantee checker.

The command line, the language server and the agent interface open a
workspace the same way, here: read and validate its configuration, apply
what the *user* chose (a store elsewhere, enrichers switched off), open the
orchestrator on its store, and attach the guarantee checker. Adapters never
assemble these pieces themselves, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graphwarden.analysis.config import ConfigError, Settings, load_config
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.orchestrator import Orchestrator


@dataclass(frozen=True)
class UserChoices:
    """What the user (never the workspace) decided: flags, environment, editor settings."""

    #: A store directory anywhere (absolute, or relative to the workspace root).
    store: Path | None = None
    #: Enrichers switched on or off by name (unknown names are reported).
    enrichers: Mapping[str, bool] = field(default_factory=dict)
    #: Worker processes for analysis (None: one per core).
    workers: int | None = None
    #: Persist guarantee results in the store for the next process (`check`).
    persist_results: bool = False


@dataclass
class OpenWorkspace:
    """An orchestrator with its checker attached, and what its configuration got wrong."""

    orchestrator: Orchestrator
    checker: GuaranteeChecker
    #: Errors of the configuration file and of the rules in it (with file and line).
    config_errors: list[ConfigError]
    #: Problems that stop nothing: with the user's choices (an unknown
    #: enricher name), or a configuration file that is ignored.
    warnings: list[str]

    @property
    def notes(self) -> list[str]:
        """Where rules came from besides graphwarden's configuration (import-linter's)."""
        return list(self.checker.notes)

    @property
    def settings(self) -> Settings:
        return self.orchestrator.settings

    def close(self) -> None:
        self.orchestrator.close()


def workspace_settings(
    root: Path, choices: UserChoices
) -> tuple[Settings, list[ConfigError], list[str]]:
    """The workspace's validated settings with the user's choices applied."""
    settings, errors = load_config(root)
    warnings: list[str] = [str(w) for w in settings.warnings]
    if choices.store is not None:
        store = choices.store.expanduser()
        settings.store_override = store if store.is_absolute() else settings.root / store
    for name, on in choices.enrichers.items():
        if name in settings.enrichers:
            settings.enrichers[name] = on
        else:
            warnings.append(f"unknown enricher {name!r} (known: {', '.join(settings.enrichers)})")
    return settings, errors, warnings


def open_workspace(root: str | Path, choices: UserChoices | None = None) -> OpenWorkspace:
    """Open a workspace for indexing and checking.

    Raises `ConfigError` when the store may not go where the configuration
    puts it, `ForeignStoreError` for an LMDB environment graphwarden did not
    create, `EnricherCycleError` for enrichers that depend on each other in a
    cycle. Errors in the configuration file itself do not raise: they are in
    `config_errors`, and the defaults stand in for what could not be read.
    """
    choices = choices or UserChoices()
    settings, errors, warnings = workspace_settings(Path(root).resolve(), choices)
    orch = Orchestrator(settings.root, settings, workers=choices.workers)
    orch.config_errors = errors
    checker = GuaranteeChecker(settings, persist_results=choices.persist_results)
    orch.guarantee_hook = checker
    return OpenWorkspace(orch, checker, [*errors, *checker.load_errors], warnings)
