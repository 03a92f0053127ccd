"""import-linter's configuration, read as it is: teams keep their contracts and switch.

import-linter looks for `setup.cfg` with an `[importlinter]` section, then
`.importlinter`, then `pyproject.toml` with `[tool.importlinter]`, and uses
the first it finds; so does this module. It reads the session options
(`root_package(s)`, `include_external_packages`,
`exclude_type_checking_imports`) and every contract, and hands each
contract's options on as written, with the file and the line of each option:
typing and checking them is the contract loader's job
(guarantees/rules/contract_rule.py), which knows each contract type.

What cannot be honoured is said, never dropped silently: custom contract
types (`contract_types`) are Python classes import-linter imports from the
workspace, and graphwarden never runs workspace code, so their contracts are
reported as skipped.

Configuration is data: INI is read with `configparser` (no interpolation),
TOML with `tomllib`; nothing is imported or executed.
"""

from __future__ import annotations

import configparser
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from graphwarden.analysis.config import ConfigError, has_tool_table, line_of
from graphwarden.analysis.safe_read import is_regular_file, read_text

#: Where import-linter looks, in its order: (file name, INI section or TOML table).
SOURCES = (("setup.cfg", "importlinter"), (".importlinter", "importlinter"))
PYPROJECT = "pyproject.toml"
#: Session options that shape every contract's import graph.
SESSION_OPTIONS = ("root_packages", "include_external_packages", "exclude_type_checking_imports")
#: A raw option value: INI gives strings (a list for a multi-line value), TOML anything.
RawValue = str | bool | int | list[str]


@dataclass
class ImportedContract:
    """One import-linter contract: its options as written, and where each is."""

    options: dict[str, RawValue]
    file: str
    #: 1-based line of the contract's section (its `[importlinter:contract:id]`).
    line: int
    #: 1-based line of each option (the section's line when unknown).
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


@dataclass
class ImportLinterConfig:
    """What an import-linter configuration holds, as graphwarden will check it."""

    file: str
    contracts: list[ImportedContract] = field(default_factory=list)
    #: The session options every contract gets (SESSION_OPTIONS, as written).
    session: dict[str, RawValue] = field(default_factory=dict)
    errors: list[ConfigError] = field(default_factory=list)
    warnings: list[ConfigError] = field(default_factory=list)
    #: Names of the custom contract types (`contract_types`): their contracts are skipped.
    custom_types: set[str] = field(default_factory=set)


def importlinter_files(directory: Path) -> list[Path]:
    """The files in `directory` holding an import-linter configuration, in its precedence."""
    found = []
    for name, section in SOURCES:
        path = directory / name
        if is_regular_file(path):
            try:
                text = read_text(path)
            except OSError:
                continue
            if re.search(r"^\s*\[" + re.escape(section) + r"\]", text, re.MULTILINE):
                found.append(path)
    if has_tool_table(directory / PYPROJECT, "importlinter"):
        found.append(directory / PYPROJECT)
    return found


def read_importlinter(root: Path) -> ImportLinterConfig | None:
    """The workspace's import-linter configuration (None when it has none)."""
    files = importlinter_files(root)
    if not files:
        return None
    path = files[0]
    try:
        text = read_text(path, errors="strict")
    except (OSError, UnicodeDecodeError) as exc:
        config = ImportLinterConfig(path.name)
        config.errors.append(ConfigError(path.name, 0, f"cannot read: {exc}"))
        return config
    if path.name == PYPROJECT:
        return _from_toml(path.name, text)
    return _from_ini(path.name, text)


def _from_ini(name: str, text: str) -> ImportLinterConfig:
    config = ImportLinterConfig(name)
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=name)
    except configparser.Error as exc:
        line = getattr(exc, "lineno", 0) or 0
        config.errors.append(ConfigError(name, line, f"INI syntax error: {exc.message}"))
        return config
    lines = text.splitlines()
    session = _clean_ini(dict(parser["importlinter"]))
    _session(config, session, _ini_key_lines(lines, "importlinter"))
    for section in parser.sections():
        if not section.startswith("importlinter:contract:"):
            continue
        key_lines = _ini_key_lines(lines, section)
        options: dict[str, RawValue] = _clean_ini(dict(parser[section]))
        options.setdefault("id", section.split(":", 2)[2])
        config.contracts.append(ImportedContract(options, name, key_lines.get("", 0), key_lines))
    return config


def _clean_ini(section: dict[str, str]) -> dict[str, RawValue]:
    """import-linter's reading: a multi-line value is a list of its non-blank lines."""
    out: dict[str, RawValue] = {}
    for key, value in section.items():
        if "\n" in value:
            out[key] = [v.strip() for v in value.strip().split("\n") if v.strip()]
        else:
            out[key] = value.strip()
    return out


def _ini_key_lines(lines: list[str], section: str) -> dict[str, int]:
    """1-based lines of a section's header ("") and of each of its keys."""
    out: dict[str, int] = {}
    header = re.compile(r"^\s*\[\s*" + re.escape(section) + r"\s*\]")
    key = re.compile(r"^([^\s=:#;\[][^=:]*?)\s*[=:]")
    inside = False
    for i, line in enumerate(lines):
        if header.match(line):
            inside = True
            out[""] = i + 1
            continue
        if inside:
            if line.lstrip().startswith("["):
                break
            m = key.match(line)
            if m:
                out.setdefault(m.group(1).strip().lower(), i + 1)
    return out


def _from_toml(name: str, text: str) -> ImportLinterConfig:
    config = ImportLinterConfig(name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        config.errors.append(
            ConfigError(name, int(m.group(1)) if m else 0, f"TOML syntax error: {exc}")
        )
        return config
    table = data.get("tool", {}).get("importlinter", {})
    if not isinstance(table, dict):
        config.errors.append(ConfigError(name, 0, "[tool.importlinter] must be a table"))
        return config
    session = {k: v for k, v in table.items() if k != "contracts"}
    prefix = "tool.importlinter."
    _session(
        config,
        {k: v for k, v in session.items() if _is_raw(v)},
        {k: line_of(text, k, prefix=prefix) for k in session} | {"": _header_line(text)},
    )
    contracts = table.get("contracts", [])
    if not isinstance(contracts, list) or not all(isinstance(c, dict) for c in contracts):
        config.errors.append(
            ConfigError(name, _header_line(text), "'contracts' must be an array of tables")
        )
        return config
    for i, contract in enumerate(contracts):
        header = line_of(text, "", i, "contracts", prefix)
        key_lines = {k: line_of(text, k, i, "contracts", prefix) for k in contract}
        options: dict[str, RawValue] = {}
        for key, value in contract.items():
            if _is_raw(value):
                options[key] = value
            else:
                config.errors.append(
                    ConfigError(name, key_lines.get(key, header), f"{key!r}: unsupported value")
                )
        config.contracts.append(ImportedContract(options, name, header, key_lines))
    return config


def _is_raw(value: object) -> bool:
    if isinstance(value, list):
        return all(isinstance(v, str) for v in value)
    return isinstance(value, str | bool | int)


def _header_line(text: str) -> int:
    for i, line in enumerate(text.splitlines()):
        if re.match(r"^\s*\[\s*tool\.importlinter\s*\]", line):
            return i + 1
    return 0


def _session(
    config: ImportLinterConfig, options: dict[str, RawValue], key_lines: dict[str, int]
) -> None:
    """Keep the session options that shape the graph; report what cannot be honoured."""
    roots = options.get("root_packages", options.get("root_package"))
    if roots is not None:
        config.session["root_packages"] = roots
    for key in SESSION_OPTIONS[1:]:
        if key in options:
            config.session[key] = options[key]
    custom = options.get("contract_types")
    if custom is not None:
        entries = custom if isinstance(custom, list) else [str(custom)]
        config.custom_types = {e.split(":", 1)[0].strip() for e in entries if e.strip()}
        config.warnings.append(
            ConfigError(
                config.file,
                key_lines.get("contract_types", key_lines.get("", 0)),
                "custom contract types are Python classes import-linter imports from the "
                "project; graphwarden never runs project code, so their contracts are skipped",
            )
        )
