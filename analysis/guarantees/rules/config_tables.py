"""Reading rule tables from the configuration, with every problem at its line.

The loaders of each rule type read their `[[guarantees]]` or `[[contracts]]`
table through a `RuleTableReader`, which checks what all tables share (a
unique name, a severity, text fields) and records each problem as a
`ConfigError` with the config file and line. Invariant: loading never
raises for a bad table; the problem is collected in `errors` and that rule
is skipped, so the rules that did load still run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from graphwarden.analysis.config import SEVERITIES, ConfigError, Settings
from graphwarden.analysis.guarantees.results import RuleInfo

#: Config sections holding rule tables, with what one table is called in messages.
_WHAT = {"guarantees": "guarantee", "contracts": "contract"}


class RuleTableReader:
    """Validation helpers over one configuration's rule tables, collecting `errors`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        #: The config file relative to the workspace ("" without one): where
        #: problems with a rule itself are reported.
        self.config_file = self._relative_config()
        self.errors: list[ConfigError] = []
        #: Problems that leave the rules running (a contract that had to be skipped).
        self.warnings: list[ConfigError] = []
        #: Rule names taken so far, with the file and line naming each: a name
        #: identifies a rule in every report.
        self.names: dict[str, tuple[str, int]] = {}

    def _relative_config(self) -> str:
        cf = self.settings.config_file
        if cf is None:
            return ""
        try:
            return Path(cf).resolve().relative_to(Path(self.settings.root).resolve()).as_posix()
        except ValueError:
            return Path(cf).as_posix()

    def error(self, line: int, message: str) -> None:
        self.errors.append(ConfigError(self.config_file or "graphwarden.toml", line, message))

    def line(self, key: str, occurrence: int, section: str) -> int:
        """1-based line of `key` in table number `occurrence` of `section` (0: unknown)."""
        return self.settings.line_of(key, occurrence, section)

    def name_clash(self, name: str, message: str) -> None:
        """Report `message` where the table that took `name` names it."""
        file, line = self.names[name]
        self.errors.append(ConfigError(file or "graphwarden.toml", line, message))

    def for_file(self, config_file: str, lines: Callable[[str], int]) -> RuleTableReader:
        """A reader of another file's tables (import-linter's), sharing names and problems.

        `lines(key)` is the 1-based line of an option of the table being read.
        """
        other = _OtherFileReader(self.settings, config_file, lines)
        other.errors, other.warnings, other.names = self.errors, self.warnings, self.names
        return other

    def common(self, i: int, table: dict[str, Any], section: str) -> tuple[str, str] | None:
        """(name, severity) of table `i` of `section`, or None after reporting what is wrong."""
        what = _WHAT[section]
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            self.error(self.line("", i, section), f"{what} #{i + 1} has no 'name'")
            return None
        if name in self.names:
            self.error(self.line("name", i, section), f"duplicate guarantee name {name!r}")
            return None
        self.names[name] = (self.config_file, self.line("name", i, section))
        severity = table.get("severity", "error")
        if severity not in SEVERITIES:
            self.error(
                self.line("severity", i, section),
                f"{what} {name!r}: bad severity {severity!r} (use {', '.join(SEVERITIES)})",
            )
            return None
        for key in ("description", "remediation", "instructions"):
            if key in table and not isinstance(table[key], str):
                self.error(self.line(key, i, section), f"{what} {name!r}: {key!r} must be a string")
                return None
        return name, severity

    @staticmethod
    def info(table: dict[str, Any], name: str, severity: str, kind: str, summary: str) -> RuleInfo:
        return RuleInfo(
            name,
            severity,
            table.get("description", "") or "",
            table.get("remediation", "") or "",
            kind=kind,
            summary=summary,
            instructions=table.get("instructions", "") or "",
        )

    def string_line(self, inner: int, occurrence: int, section: str, key: str) -> int:
        """Config line of line `inner` of the string `key` of table `occurrence` of `section`."""
        return self.settings.string_line(inner, section, occurrence, key)


class _OtherFileReader(RuleTableReader):
    """Reads one table of a file that is not graphwarden's configuration."""

    def __init__(self, settings: Settings, config_file: str, lines: Callable[[str], int]) -> None:
        super().__init__(settings)
        self.config_file = config_file
        self._lines = lines

    def line(self, key: str, occurrence: int, section: str) -> int:
        return self._lines(key)
