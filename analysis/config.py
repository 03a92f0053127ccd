"""Workspace configuration: `graphwarden.toml`, or `[tool.graphwarden]` in pyproject.toml.

Configuration is data: it is parsed with `tomllib` and validated here, never
executed. Every problem becomes a `ConfigError` naming the file, the line and
what is wrong; `load_config` collects them all rather than stopping at the
first, so an editor can show every one on the config file at once.

Precedence (as ruff's own files): `graphwarden.toml` wins over
`[tool.graphwarden]` in pyproject.toml, and when a directory has both, the
ignored one is named in a warning (`Settings.warnings`). import-linter's
contracts (`.importlinter`, `setup.cfg`, `[tool.importlinter]`) are read
beside either (importlinter.py), unless `importlinter = false`.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphwarden.analysis import defaults
from graphwarden.analysis.config_locations import KeyPath, Locations, locate, nesting_past

# The registry's names (plain data: importing them loads no enricher).
from graphwarden.analysis.enrichers.registry import ENRICHER_NAMES
from graphwarden.analysis.safe_read import is_regular_file, read_text

CONFIG_FILES = defaults.CONFIG_FILES
#: Deepest nesting of arrays and inline tables read: far beyond any real
#: configuration, far below what would exhaust the stack of tomllib's parser.
MAX_TOML_NESTING = 100
#: Where our table is in a pyproject.toml.
TOOL_TABLE = ("tool", "graphwarden")
SEVERITIES = ("error", "warning", "info")

_TOP_LEVEL_KEYS = {
    "include",
    "exclude",
    "store",
    "enrichers",
    "max_file_bytes",
    "python_roots",
    "debounce_ms",
    "builtin_rules",
    "guarantees",
    "contracts",
    "importlinter",
    "taint",
}


@dataclass
class ConfigError(Exception):
    """A problem in a configuration file, with where it is."""

    file: str
    line: int  # 1-based; 0 when unknown
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass
class Settings:
    """Validated settings for one workspace (defaults when there is no config)."""

    root: Path
    config_file: Path | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    #: The store directory from the workspace's config (relative to the root).
    #: Untrusted: it must resolve inside the workspace (`store_location_error`).
    store: str = defaults.STORE_DIR
    #: A store directory the *user* chose (CLI --store, GRAPHWARDEN_STORE, an
    #: editor setting): may be anywhere, and wins over `store`.
    store_override: Path | None = None
    enrichers: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(ENRICHER_NAMES, True))
    max_file_bytes: int = defaults.MAX_FILE_BYTES
    #: Extra roots Python absolute imports resolve from (src-layout is found by itself).
    python_roots: list[str] = field(default_factory=list)
    #: setuptools `package-dir` of the workspace's pyproject.toml (dotted prefix ->
    #: folder): how the project installs its packages, so modules are named alike.
    package_dirs: dict[str, str] = field(default_factory=dict)
    debounce_ms: int = defaults.DEBOUNCE_MS
    builtin_rules: dict[str, bool] = field(default_factory=dict)
    #: Raw guarantee and contract tables, validated by analysis.guarantees.
    guarantees: list[dict[str, Any]] = field(default_factory=list)
    contracts: list[dict[str, Any]] = field(default_factory=list)
    #: The raw `[taint]` table, validated by analysis.dataflow.models.
    taint: dict[str, Any] = field(default_factory=dict)
    #: Source text of the config file, for line lookups by later validators.
    source_text: str = ""
    #: Key prefix of our table in the file ("tool.graphwarden." in pyproject.toml).
    table_prefix: str = ""
    #: Read import-linter's contracts too (`importlinter = false` turns it off).
    importlinter: bool = True
    #: Problems that do not stop anything (a configuration file that is ignored).
    warnings: list[ConfigError] = field(default_factory=list)
    _locations: Locations | None = field(default=None, repr=False, compare=False)
    _located_text: str | None = field(default=None, repr=False, compare=False)

    @property
    def store_path(self) -> Path:
        if self.store_override is not None:
            return self.store_override
        p = Path(self.store)
        return p if p.is_absolute() else self.root / p

    def store_location_error(self) -> ConfigError | None:
        """Why the store may not go where the workspace puts it (None when it may).

        A repository's own configuration (or a `.graphwarden` symlink it ships)
        must not direct our writes outside the repository: only the user can.
        """
        if self.store_override is not None:
            return None
        root = self.root.resolve()
        target = self.store_path.resolve()
        if target == root or not target.is_relative_to(root):
            rel = self.config_file.name if self.config_file else "graphwarden"
            line = self.line_of("store") if self.config_file else 0
            return ConfigError(
                rel,
                line,
                f"store {self.store!r} resolves to {target}, outside the workspace: a "
                "workspace's configuration may only put the store inside it; choose another "
                "place with --store, GRAPHWARDEN_STORE or the editor's storePath setting",
            )
        return None

    def locations(self) -> Locations:
        """Where the config file's keys and strings are written (scanned once)."""
        if self._locations is None or self._located_text is not self.source_text:
            self._locations = locate(self.source_text)
            self._located_text = self.source_text
        return self._locations

    def _path(self, path: KeyPath) -> KeyPath:
        """`path` inside our table, from the document's root."""
        return (*TOOL_TABLE, *path) if self.table_prefix else path

    def locate(self, *path: str | int) -> int:
        """1-based line of a key path inside our table (`"enrichers", "calls"`;
        `"guarantees", 2, "rule"`), else of its nearest written ancestor, else 1."""
        return self.locations().line(self._path(path)) or 1

    def string_line(self, inner: int, *path: str | int) -> int:
        """The file line of line `inner` (1-based) of the string value at `path`."""
        return self.locations().string_line(self._path(path), inner) or 1

    def line_of(self, key: str, occurrence: int = 0, section: str | None = None) -> int:
        """1-based line of `key` (of a table of `section` when given, of the table itself when
        `key` is ""): `section` names an array of tables ("guarantees"), `occurrence` picks
        its n-th entry, so errors in the third guarantee point at the third."""
        path: KeyPath = (section, occurrence) if section is not None else ()
        return self.locate(*path, *((key,) if key else ()))


#: A document's locations, for readers asking about several keys of one text.
_locate_cached = functools.lru_cache(maxsize=8)(locate)


def line_of(
    text: str, key: str, occurrence: int = 0, section: str | None = None, prefix: str = ""
) -> int:
    """1-based line of `key` in a TOML document, inside the table `prefix`
    ("tool.importlinter."): in the `occurrence`-th table of the array `section` when given
    (that table's header when `key` is ""). Else the line of its nearest written ancestor;
    0 when none is written."""
    path: KeyPath = (
        *(part for part in prefix.split(".") if part),
        *((section, occurrence) if section is not None else ()),
        *((key,) if key else ()),
    )
    return _locate_cached(text).line(path)


def has_tool_table(pyproject: Path, tool: str) -> bool:
    """Whether a pyproject.toml has a `[tool.<tool>]` table (a text search: no parse needed)."""
    if not is_regular_file(pyproject):
        return False
    try:
        text = read_text(pyproject)
    except OSError:
        return False
    return re.search(r"^\s*\[+\s*tool\." + re.escape(tool) + r"\b", text, re.MULTILINE) is not None


def config_files(directory: Path) -> list[tuple[Path, str]]:
    """Every graphwarden configuration in a directory, in precedence order, with its prefix."""
    found: list[tuple[Path, str]] = []
    gw = directory / "graphwarden.toml"
    if is_regular_file(gw):
        found.append((gw, ""))
    pp = directory / "pyproject.toml"
    if has_tool_table(pp, "graphwarden"):
        found.append((pp, "tool.graphwarden."))
    return found


def find_config(root: Path) -> tuple[Path | None, str]:
    """The config file of a workspace and the table prefix inside it."""
    found = config_files(root)
    return found[0] if found else (None, "")


def settings_line(pyproject: Path) -> int:
    """1-based line of the `[tool.graphwarden]` header in a pyproject.toml (0: not found)."""
    try:
        text = read_text(pyproject)
    except OSError:
        return 0
    for i, line in enumerate(text.splitlines()):
        if re.match(r"^\s*\[+\s*tool\.graphwarden\b", line):
            return i + 1
    return 0


def read_package_dirs(root: Path) -> dict[str, str]:
    """`[tool.setuptools.package-dir]` of the workspace's pyproject.toml ({} when absent).

    Read as data and used only for module naming; a pyproject that cannot be
    read or parsed simply has none (its own errors are reported elsewhere).
    """
    pp = root / "pyproject.toml"
    if not is_regular_file(pp):
        return {}
    try:
        text = read_text(pp)
        if nesting_past(text, MAX_TOML_NESTING):
            return {}
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    table = _table(data, "tool", "setuptools", "package-dir") or {}
    return {k: v for k, v in table.items() if isinstance(k, str) and isinstance(v, str)}


def _syntax_error_line(text: str, exc: tomllib.TOMLDecodeError) -> int:
    """The line of a TOML syntax error: the one tomllib names, or, for an error "at end of
    document" (an unclosed array or string), the document's last line with text."""
    m = re.search(r"line (\d+)", str(exc))
    if m:
        return int(m.group(1))
    return max(len(text.rstrip().split("\n")), 1)


def _table(data: dict[str, Any], *keys: str) -> dict[str, Any] | None:
    """The table at `keys` inside `data` (None if absent or if anything on the way is not a
    table: a workspace's pyproject.toml may hold `tool = 1` or `[[tool.graphwarden]]`)."""
    current: Any = data
    for key in keys:
        if not isinstance(current, dict):
            return None
        current = current.get(key)
    return current if isinstance(current, dict) else None


def load_config(root: str | Path) -> tuple[Settings, list[ConfigError]]:
    """Read and validate a workspace's configuration.

    Never raises for a bad file: the errors are returned, and the settings
    fall back to defaults for whatever could not be read.
    """
    root = Path(root).resolve()
    found = config_files(root)
    path, prefix = found[0] if found else (None, "")
    settings = Settings(root=root, config_file=path, table_prefix=prefix)
    settings.package_dirs = read_package_dirs(root)
    for ignored, _prefix in found[1:]:
        settings.warnings.append(
            ConfigError(
                ignored.name,
                settings_line(ignored),
                f"[tool.graphwarden] is ignored: {found[0][0].name} in the same directory takes "
                "precedence (keep one of the two)",
            )
        )
    if path is None:
        return settings, []
    rel = path.name
    try:
        text = read_text(path, errors="strict")
    except (OSError, UnicodeDecodeError) as exc:
        return settings, [ConfigError(rel, 0, f"cannot read: {exc}")]
    settings.source_text = text
    too_deep = nesting_past(text, MAX_TOML_NESTING)
    if too_deep:
        message = f"arrays and tables nested deeper than {MAX_TOML_NESTING} levels"
        return settings, [ConfigError(rel, too_deep, message)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return settings, [
            ConfigError(rel, _syntax_error_line(text, exc), f"TOML syntax error: {exc}")
        ]
    if prefix:
        tool = _table(data, "tool")
        if tool is None or "graphwarden" not in tool:
            # The header find_config saw was only text (inside a string): no
            # configuration, as in a pyproject.toml without it.
            return Settings(root=root, package_dirs=settings.package_dirs), []
        table = _table(data, *TOOL_TABLE)
        if table is None:
            where = settings.locate()
            return settings, [ConfigError(rel, where, "[tool.graphwarden] must be a table")]
        data = table
    errors: list[ConfigError] = []

    def err(key: str, message: str, *inside: str) -> None:
        errors.append(ConfigError(rel, settings.locate(key, *inside), message))

    for key in data:
        if key not in _TOP_LEVEL_KEYS:
            err(key, f"unknown key {key!r} (known: {', '.join(sorted(_TOP_LEVEL_KEYS))})")

    def str_list(key: str) -> list[str] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            err(key, f"{key!r} must be a list of strings")
            return None
        return value

    for key in ("include", "exclude", "python_roots"):
        value = str_list(key)
        if value is not None:
            setattr(settings, key, value)
    if "store" in data:
        store = data["store"]
        if isinstance(store, str) and store and "\0" not in store:
            settings.store = store
        else:
            err("store", "'store' must be a non-empty path string (no NUL character)")
    for key in ("max_file_bytes", "debounce_ms"):
        if key in data:
            value = data[key]
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                setattr(settings, key, value)
            else:
                err(key, f"{key!r} must be a non-negative integer")
    if "enrichers" in data:
        value = data["enrichers"]
        if not isinstance(value, dict):
            err("enrichers", "'enrichers' must be a table of name = true/false")
        else:
            for name, on in value.items():
                if name not in ENRICHER_NAMES:
                    known = ", ".join(ENRICHER_NAMES)
                    err("enrichers", f"unknown enricher {name!r} (known: {known})", name)
                elif not isinstance(on, bool):
                    err("enrichers", f"enricher {name!r} must be true or false", name)
                else:
                    settings.enrichers[name] = on
    if "builtin_rules" in data:
        value = data["builtin_rules"]
        if not isinstance(value, dict) or not all(isinstance(v, bool) for v in value.values()):
            err("builtin_rules", "'builtin_rules' must be a table of rule = true/false")
        else:
            settings.builtin_rules = dict(value)
    if "importlinter" in data:
        if isinstance(data["importlinter"], bool):
            settings.importlinter = data["importlinter"]
        else:
            err("importlinter", "'importlinter' must be true or false")
    for key in ("guarantees", "contracts"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            err(key, f"{key!r} must be an array of tables ([[{prefix}{key}]])")
        else:
            setattr(settings, key, value)
    if "taint" in data:
        if isinstance(data["taint"], dict):
            settings.taint = data["taint"]
        else:
            err("taint", f"'taint' must be a table ([{prefix}taint])")
    outside = settings.store_location_error() if "store" in data else None
    if outside is not None:
        errors.append(outside)
        settings.store = defaults.STORE_DIR
    return settings, errors
