"""Module naming: the one place that says what a file is called as a module.

Resolution (enrichers), contracts, hover, call hierarchy and the agent
interface all name modules through this file, so they always agree.

* Python: a file's dotted name under the most specific root that contains
  it. Roots, most specific first: setuptools ``package-dir`` mappings from
  ``pyproject.toml`` (``"pkg.sub" = "folder"`` names ``folder/x.py``
  ``pkg.sub.x``; ``"" = "src"`` is the src layout), ``python_roots`` from
  the configuration, ``src/`` when it holds Python files (src layout found by
  itself), then the workspace root. ``pkg/__init__.py`` is ``pkg``.
* JavaScript/TypeScript: modules are files, named by their workspace path.
  The canonical key of a path (what a specifier resolves to) is ``./`` + the
  path without its extension; an ``index`` file also answers to its folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graphwarden.analysis.languages.registry import EXTENSIONS, JAVASCRIPT, PYTHON, TYPESCRIPT

#: File extensions by language family, from the one extension table.
PY_EXTS: tuple[str, ...] = tuple(e for e, lang in EXTENSIONS.items() if lang == PYTHON)
ALL_JS_EXTS: tuple[str, ...] = tuple(
    e for e, lang in EXTENSIONS.items() if lang in (JAVASCRIPT, TYPESCRIPT)
)
#: Resolution order of extensions for a JS/TS specifier written without one.
JS_EXTS: tuple[str, ...] = (".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs")
#: A `.js`-family specifier may name a TypeScript source (TypeScript's own rule).
JS_TO_TS: dict[str, tuple[str, ...]] = {
    ".js": (".ts", ".tsx"),
    ".jsx": (".tsx",),
    ".mjs": (".mts",),
    ".cjs": (".cts",),
}


def is_python(file: str) -> bool:
    return file.endswith(PY_EXTS)


def is_javascript(file: str) -> bool:
    """JavaScript or TypeScript (any dialect)."""
    return file.endswith(ALL_JS_EXTS)


def strip_js_ext(path: str) -> str:
    if path.endswith(".d.ts"):
        return path[:-5]
    dot = path.rfind(".")
    slash = path.rfind("/")
    if dot > slash and path[dot:] in ALL_JS_EXTS:
        return path[:dot]
    return path


def js_key(path: str) -> str:
    """Canonical key of a workspace JS/TS path (no extension, `./` prefix)."""
    return "./" + strip_js_ext(path)


@dataclass(frozen=True, slots=True)
class PythonRoot:
    """A folder Python module names start from, and the dotted prefix they get there."""

    folder: str  # workspace-relative, "" for the workspace root
    prefix: str = ""  # "" except for package-dir mappings


@dataclass(frozen=True)
class ModuleNaming:
    """How one workspace names its modules (roots in priority order)."""

    roots: tuple[PythonRoot, ...] = (PythonRoot(""),)

    @classmethod
    def for_workspace(
        cls,
        files: Iterable[str],
        python_roots: Iterable[str] = (),
        package_dirs: Mapping[str, str] | None = None,
    ) -> ModuleNaming:
        """The roots of a workspace holding `files` (workspace-relative paths)."""
        roots: list[PythonRoot] = []

        def add(folder: str, prefix: str = "") -> None:
            folder = folder.strip("/").removeprefix("./")
            folder = "" if folder == "." else folder
            root = PythonRoot(folder, prefix)
            if root not in roots:
                roots.append(root)

        # Most specific (longest folder) package-dir mappings first.
        for prefix, folder in sorted(
            (package_dirs or {}).items(), key=lambda kv: (-len(kv[1]), kv[0])
        ):
            add(folder, prefix)
        for r in python_roots:
            add(r)
        if any(f.startswith("src/") and is_python(f) for f in files):
            add("src")
        add("")
        return cls(tuple(roots))

    def python_names(self, file: str) -> list[str]:
        """Every dotted name a Python file has, one per root containing it, by priority."""
        if not is_python(file):
            return []
        stem = file.rsplit(".", 1)[0]
        names = []
        for root in self.roots:
            if root.folder:
                if not stem.startswith(root.folder + "/") and stem != root.folder:
                    continue
                rel = stem[len(root.folder) + 1 :]
            else:
                rel = stem
            parts = rel.split("/") if rel else []
            if parts and parts[-1] == "__init__":
                parts = parts[:-1]
            if not all(p.isidentifier() for p in parts):
                continue
            dotted = ".".join(parts)
            if root.prefix:
                dotted = f"{root.prefix}.{dotted}" if dotted else root.prefix
            if dotted:
                names.append(dotted)
        return names

    def python_name(self, file: str) -> str | None:
        """A Python file's dotted name under its most specific (deepest) root, or None."""
        best: str | None = None
        depth = -1
        for root in self.roots:
            names = ModuleNaming((root,)).python_names(file)
            if names and len(root.folder) > depth:
                best, depth = names[0], len(root.folder)
        return best

    def module_name(self, file: str) -> str:
        """What users call a file as a module: dotted for Python, the path for JS/TS."""
        if is_python(file):
            name = self.python_name(file)
            if name is not None:
                return name
            stem = file.rsplit(".", 1)[0]
            return stem.removesuffix("/__init__").replace("/", ".")
        return strip_js_ext(file)

    def qualified_name(self, file: str, qualname: str) -> str:
        """A definition as users write it: `pkg.mod.Class.method`, or `src/x:Class.m` for JS."""
        module = self.module_name(file)
        if not qualname:
            return module
        sep = "." if is_python(file) else ":"
        return f"{module}{sep}{qualname}" if module else qualname
