"""Contracts end to end (orchestrator + enrichers + checker), and agreement with import-linter.

The agreement tests run import-linter itself (its contract classes on a
grimp graph, and the `lint-imports` command) on the same package and compare
verdicts, and the chains or imports each side reports. import-linter is in
the test extras: its absence fails these tests, never skips them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.orchestrator import Orchestrator
from tests.guarantees.conftest import SHOP

Run = Callable[..., tuple[Orchestrator, GuaranteeChecker]]


def toml_contract(name: str, type_: str, **opts: Any) -> str:
    lines = ["[[contracts]]", f'name = "{name}"', f'type = "{type_}"']
    for k, v in opts.items():
        if isinstance(v, bool):
            lines.append(f"{k} = {'true' if v else 'false'}")
        else:
            lines.append(f"{k} = [{', '.join(repr(x).replace(chr(39), chr(34)) for x in v)}]")
    return "\n".join(lines) + "\n"


CONTRACTS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "data-not-ui",
        "forbidden",
        {"source_modules": ["shop.data"], "forbidden_modules": ["shop.ui"]},
    ),
    (
        "data-not-ui-direct",
        "forbidden",
        {
            "source_modules": ["shop.data"],
            "forbidden_modules": ["shop.ui"],
            "allow_indirect_imports": True,
        },
    ),
    (
        "util-not-data",
        "forbidden",
        {"source_modules": ["shop.util"], "forbidden_modules": ["shop.data"]},
    ),
    ("stack", "layers", {"layers": ["ui", "services", "data", "util"], "containers": ["shop"]}),
    ("ui-data-independent", "independence", {"modules": ["shop.ui", "shop.data"]}),
]


def chains_of(checker: GuaranteeChecker, rule: str) -> set[tuple[str, ...]]:
    out = set()
    for v in checker.violations:
        if v.rule == rule and v.kind == "contract":
            out.add(tuple(v.message.split(": ", 1)[1].split(" -> ")))
    return out


@pytest.fixture
def shop(check_workspace: Run) -> tuple[Orchestrator, GuaranteeChecker]:
    config = "\n".join(toml_contract(n, t, **o) for n, t, o in CONTRACTS)
    return check_workspace({**SHOP, "graphwarden.toml": config})


def test_forbidden_indirect_chain_with_locations(
    shop: tuple[Orchestrator, GuaranteeChecker],
) -> None:
    _orch, checker = shop
    assert chains_of(checker, "data-not-ui") == {
        # cache -> orders -> models -> ... contains this chain: import-linter drops it too.
        ("shop.data.models", "shop.util.helpers", "shop.ui.widgets"),
    }
    v = next(v for v in checker.violations if v.rule == "data-not-ui")
    assert v.file == "shop/data/models.py"
    assert v.range[0] == 0
    assert [r.file for r in v.related] == ["shop/data/models.py", "shop/util/helpers.py"]
    assert v.related[1].message == "shop.util.helpers imports shop.ui.widgets"


def test_forbidden_direct_only_and_kept(shop: tuple[Orchestrator, GuaranteeChecker]) -> None:
    _orch, checker = shop
    assert chains_of(checker, "data-not-ui-direct") == set()
    assert chains_of(checker, "util-not-data") == set()


def test_layers(shop: tuple[Orchestrator, GuaranteeChecker]) -> None:
    _orch, checker = shop
    assert chains_of(checker, "stack") == {
        ("shop.data.cache", "shop.services.orders"),
        ("shop.util.helpers", "shop.ui.widgets"),
    }


def test_independence(shop: tuple[Orchestrator, GuaranteeChecker]) -> None:
    _orch, checker = shop
    assert ("shop.data.models", "shop.util.helpers", "shop.ui.widgets") in chains_of(
        checker, "ui-data-independent"
    )


def test_acyclic_and_ignore_imports(check_workspace: Run) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg import b\n",
        "pkg/b.py": "from pkg import c\n",
        "pkg/c.py": "import pkg.a\n",
        "pkg/d.py": "import pkg.a\n",
        "graphwarden.toml": toml_contract("no-cycles", "acyclic", packages=["pkg"])
        + toml_contract(
            "no-cycles-ignored", "acyclic", packages=["pkg"], ignore_imports=["pkg.c -> pkg.a"]
        ),
    }
    _orch, checker = check_workspace(files)
    cyc = [v for v in checker.violations if v.rule == "no-cycles"]
    assert [v.message for v in cyc] == ["import cycle: pkg.a -> pkg.b -> pkg.c -> pkg.a"]
    assert len(cyc[0].related) == 3
    assert [v for v in checker.violations if v.rule == "no-cycles-ignored"] == []


def test_unmatched_ignore_and_missing_module_are_warnings(check_workspace: Run) -> None:
    files = {
        **SHOP,
        "graphwarden.toml": toml_contract(
            "ghost",
            "forbidden",
            source_modules=["shop.ghost"],
            forbidden_modules=["shop.ui"],
            ignore_imports=["shop.x -> shop.y"],
        ),
    }
    _orch, checker = check_workspace(files)
    msgs = sorted(v.message for v in checker.violations if v.rule == "ghost")
    assert msgs == [
        "contract 'ghost': ignore_imports entry 'shop.x -> shop.y' matches no import",
        "contract 'ghost': module 'shop.ghost' does not exist in the workspace",
    ]
    assert all(
        v.severity == "warning" and v.file == "graphwarden.toml"
        for v in checker.violations
        if v.rule == "ghost"
    )


def test_js_path_globs(check_workspace: Run) -> None:
    files = {
        "src/core/util.ts": "import { view } from '../ui/view';\nexport const u = view;\n",
        "src/ui/view.ts": "export const view = 1;\n",
        "graphwarden.toml": toml_contract(
            "core-not-ui", "forbidden", source_modules=["src/core/**"], forbidden_modules=["src/ui"]
        ),
    }
    _orch, checker = check_workspace(files)
    assert chains_of(checker, "core-not-ui") == {("src/core/util.ts", "src/ui/view.ts")}


# -- agreement with import-linter ----------------------------------------------------------


def _importlinter_chains(
    root: Path, type_: str, options: dict[str, Any]
) -> tuple[bool, set[tuple[str, ...]]]:
    import grimp
    from importlinter.configuration import configure
    from importlinter.contracts.forbidden import ForbiddenContract
    from importlinter.contracts.independence import IndependenceContract
    from importlinter.contracts.layers import LayersContract

    configure()
    classes = {
        "forbidden": ForbiddenContract,
        "layers": LayersContract,
        "independence": IndependenceContract,
    }
    opts = {k: (str(v) if isinstance(v, bool) else v) for k, v in options.items()}
    sys.path.insert(0, str(root))
    try:
        graph = grimp.build_graph("shop", cache_dir=None)
    finally:
        sys.path.remove(str(root))
        for mod in [m for m in sys.modules if m == "shop" or m.startswith("shop.")]:
            del sys.modules[mod]
    contract = classes[type_](
        name="x", session_options={"root_packages": ["shop"]}, contract_options=opts
    )
    check = contract.check(graph, verbose=False)
    chains: set[tuple[str, ...]] = set()

    def mods(hops: list[dict[str, Any]]) -> list[str]:
        return [hops[0]["importer"], *(h["imported"] for h in hops)]

    for data in check.metadata.get("invalid_chains", []):
        for chain in data["chains"]:
            if isinstance(chain, dict):  # independence: routes, as layers
                chains |= _route_chains(chain, mods)
            else:
                chains.add(tuple(mods(chain)))
    for dep in check.metadata.get("invalid_dependencies", []):
        for route in dep["routes"]:
            chains |= _route_chains(route, mods)
    return check.kept, chains


def _route_chains(route: dict[str, Any], mods: Callable[..., list[str]]) -> set[tuple[str, ...]]:
    base = mods(route["chain"])
    out = {tuple(base)}
    for first in route["extra_firsts"]:
        out.add((first["importer"], *base[1:]))
    for last in route["extra_lasts"]:
        out.add((*base[:-1], last["imported"]))
    return out


@pytest.mark.parametrize(("name", "type_", "options"), CONTRACTS)
def test_agrees_with_import_linter(
    shop: tuple[Orchestrator, GuaranteeChecker], name: str, type_: str, options: dict[str, Any]
) -> None:
    orch, checker = shop
    kept, their_chains = _importlinter_chains(orch.root, type_, options)
    ours = chains_of(checker, name)
    assert (not ours) == kept
    assert ours == their_chains


# -- import-linter's own configuration, every contract type and option ---------------------

#: A package with one case of each thing import-linter's contracts look for.
CORP = {
    "corp/__init__.py": "",
    "corp/api/__init__.py": "",
    # api reaches db directly, past the services layer.
    "corp/api/routes.py": "from corp.services import billing\nfrom corp.db import models\n",
    "corp/services/__init__.py": "",
    "corp/services/billing.py": "from corp.db import models\nfrom corp.services import _helpers\n",
    "corp/services/_helpers.py": "VALUE = 1\n",
    "corp/services/orders.py": "from corp.services._helpers import VALUE\n",
    "corp/db/__init__.py": "",
    # An upward import made only for the type checker.
    "corp/db/models.py": (
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from corp.api import routes\n"
    ),
    # A private module imported from outside its package.
    "corp/db/session.py": "import corp.services._helpers\nimport json\n",
    "corp/extra.py": "",
    "corp/a/__init__.py": "",
    "corp/a/x.py": "from corp.b import y\n",
    "corp/b/__init__.py": "",
    "corp/b/y.py": "from corp.a import x\n",
}

#: (id, session options, contract options) as an .importlinter file writes them.
IL_CASES: list[tuple[str, dict[str, str], dict[str, str | list[str]]]] = [
    ("protected", {}, {"protected_modules": "corp.db", "allowed_importers": "corp.services"}),
    (
        "protected-modules-only",
        {},
        {
            "protected_modules": "corp.services._helpers",
            "allowed_importers": "corp.services.billing",
            "as_packages": "False",
        },
    ),
    ("private", {}, {}),
    ("private-in-services", {}, {"packages_with_private_modules": "corp.api"}),
    ("siblings", {}, {"ancestors": "corp"}),
    (
        "siblings-type-checking",
        {"exclude_type_checking_imports": "True"},
        {"ancestors": "corp", "skip_descendants": "corp.a"},
    ),
    ("siblings-depth-0", {}, {"ancestors": "corp.*", "depth": "0"}),
    (
        "exhaustive",
        {},
        {
            "layers": ["api", "services", "db"],
            "containers": "corp",
            "exhaustive": "true",
            "exhaustive_ignores": ["a", "b"],
        },
    ),
    ("layers-type-checking", {}, {"layers": ["api", "services", "db"], "containers": "corp"}),
    (
        "layers-without-type-checking",
        {"exclude_type_checking_imports": "True"},
        {"layers": ["api", "services", "db"], "containers": "corp"},
    ),
    ("layers-optional", {}, {"layers": ["api", "(web)", "db : services"], "containers": "corp"}),
    (
        "forbidden-wildcard-ignore",
        {},
        {
            "source_modules": "corp.api",
            "forbidden_modules": "corp.db",
            "ignore_imports": ["corp.api.* -> corp.db.**", "corp.services.billing -> corp.db.*"],
        },
    ),
    (
        "forbidden-external",
        {"include_external_packages": "True"},
        {"source_modules": "corp.db", "forbidden_modules": "json"},
    ),
    (
        "forbidden-direct",
        {},
        {
            "source_modules": "corp.api",
            "forbidden_modules": "corp.db",
            "allow_indirect_imports": "True",
        },
    ),
    (
        "unmatched-ignore-error",
        {},
        {"modules": ["corp.api", "corp.extra"], "ignore_imports": "corp.api -> corp.nowhere"},
    ),
    (
        "unmatched-ignore-warn",
        {},
        {
            "modules": ["corp.api", "corp.extra"],
            "ignore_imports": "corp.api -> corp.nowhere",
            "unmatched_ignore_imports_alerting": "warn",
        },
    ),
    ("independence", {}, {"modules": ["corp.a", "corp.b", "corp.extra"]}),
]
IL_TYPES = {
    "protected": "protected",
    "protected-modules-only": "protected",
    "private": "private_modules",
    "private-in-services": "private_modules",
    "siblings": "acyclic_siblings",
    "siblings-type-checking": "acyclic_siblings",
    "siblings-depth-0": "acyclic_siblings",
    "exhaustive": "layers",
    "layers-type-checking": "layers",
    "layers-without-type-checking": "layers",
    "layers-optional": "layers",
    "forbidden-wildcard-ignore": "forbidden",
    "forbidden-external": "forbidden",
    "forbidden-direct": "forbidden",
    "unmatched-ignore-error": "independence",
    "unmatched-ignore-warn": "independence",
    "independence": "independence",
}


def importlinter_ini(session: dict[str, str], contracts: dict[str, dict[str, object]]) -> str:
    def value(v: object) -> str:
        return "\n    " + "\n    ".join(v) if isinstance(v, list) else str(v)

    lines = ["[importlinter]", "root_package = corp"]
    lines += [f"{k} = {v}" for k, v in session.items()]
    for cid, options in contracts.items():
        lines += ["", f"[importlinter:contract:{cid}]", f"name = {cid}"]
        lines += [f"{k} = {value(v)}" for k, v in options.items()]
    return "\n".join(lines) + "\n"


def _link_pairs(links: list[Any]) -> set[tuple[str, ...]]:
    return {(link["importer"], link["imported"]) for link in links}


def importlinter_verdict(
    root: Path, session: dict[str, str], type_: str, options: dict[str, Any]
) -> tuple[bool, set[tuple[str, ...]]]:
    """(kept, what it found) from import-linter's contract class on a grimp graph."""
    import grimp
    from importlinter.application.use_cases import _get_built_in_contract_types
    from importlinter.configuration import configure
    from importlinter.domain.helpers import MissingImport

    configure()
    classes = dict(_get_built_in_contract_types())
    sys.path.insert(0, str(root))
    try:
        graph = grimp.build_graph(
            "corp",
            include_external_packages=session.get("include_external_packages") == "True",
            exclude_type_checking_imports=session.get("exclude_type_checking_imports") == "True",
            cache_dir=None,
        )
    finally:
        sys.path.remove(str(root))
        for mod in [m for m in sys.modules if m == "corp" or m.startswith("corp.")]:
            del sys.modules[mod]
    contract = classes[type_](
        name="x",
        session_options={"root_packages": ["corp"], **session},
        contract_options=options,
    )
    try:
        check = contract.check(graph, verbose=False)
    except MissingImport:
        return False, set()
    found: set[tuple[str, ...]] = set()
    meta = check.metadata

    def mods(hops: list[dict[str, Any]]) -> list[str]:
        return [hops[0]["importer"], *(h["imported"] for h in hops)]

    for data in meta.get("invalid_chains", []):
        for chain in data["chains"]:
            found |= _route_chains(chain, mods) if isinstance(chain, dict) else {tuple(mods(chain))}
    for dep in meta.get("invalid_dependencies", []):
        for route in dep["routes"]:
            found |= _route_chains(route, mods)
    found |= {("undeclared", m) for m in meta.get("undeclared_modules", ())}
    for item in meta.get("illegal_imports", []):
        found |= (
            _link_pairs(item.illegal_links)
            if hasattr(item, "illegal_links")
            else _link_pairs([item])
        )
    found |= {("package", p) for p in meta.get("cycle_breakers_by_package", {})}
    return check.kept, found


def our_verdict(checker: GuaranteeChecker, name: str) -> tuple[bool, set[tuple[str, ...]]]:
    """(kept, what we found), in import-linter's terms."""
    found: set[tuple[str, ...]] = set()
    mine = [v for v in checker.violations if v.rule == name]
    for v in mine:
        if v.kind != "contract":
            continue
        head, _, rest = v.message.partition(": ")
        if v.message.startswith("import cycle between the children of "):
            found.add(("package", head.removeprefix("import cycle between the children of ")))
        elif v.message.endswith("(the contract is exhaustive)"):
            found.add(("undeclared", v.message.split(" ")[0]))
        elif rest.startswith(("it is protected", "it is private to")):
            found.add(tuple(head.split(" must not import ")))
        else:
            found.add(tuple(rest.split(" -> ")))
    return not any(v.severity == "error" for v in mine), found


@pytest.mark.parametrize(("case", "session", "options"), IL_CASES, ids=[c[0] for c in IL_CASES])
def test_importlinter_configuration_agrees_with_import_linter(
    check_workspace: Run, case: str, session: dict[str, str], options: dict[str, Any]
) -> None:
    type_ = IL_TYPES[case]
    ini = importlinter_ini(session, {case: {"type": type_, **options}})
    orch, checker = check_workspace({**CORP, ".importlinter": ini})
    assert checker.notes == [
        "read 1 contract(s) from .importlinter (import-linter's configuration; "
        "`importlinter = false` turns this off)"
    ]
    kept, theirs = importlinter_verdict(orch.root, session, type_, options)
    ours_kept, ours = our_verdict(checker, case)
    assert ours_kept == kept
    assert ours == theirs


def test_closed_layers_agree_with_grimp(check_workspace: Run) -> None:
    import grimp

    files = {
        **CORP,
        "graphwarden.toml": toml_contract(
            "closed",
            "layers",
            layers=["api", "services", "db"],
            containers=["corp"],
            closed_layers=["services"],
        ),
    }
    orch, checker = check_workspace(files)
    sys.path.insert(0, str(orch.root))
    try:
        graph = grimp.build_graph("corp", cache_dir=None)
    finally:
        sys.path.remove(str(orch.root))
        for mod in [m for m in sys.modules if m == "corp" or m.startswith("corp.")]:
            del sys.modules[mod]
    deps = graph.find_illegal_dependencies_for_layers(
        layers=[grimp.Layer("api"), grimp.Layer("services", closed=True), grimp.Layer("db")],
        containers={"corp"},
    )
    theirs = {
        (d.importer, d.imported, tuple(sorted(r.heads)), r.middle, tuple(sorted(r.tails)))
        for d in deps
        for r in d.routes
    }
    ours = {
        (
            v.message.split(" must not import ")[0],
            v.message.split(" must not import ")[1].split(":")[0],
        )
        for v in checker.violations
        if v.rule == "closed" and v.kind == "contract"
    }
    assert (
        {(i, j) for i, j, *_ in theirs}
        == ours
        == {
            ("corp.api", "corp.db"),  # past the closed services layer
            ("corp.db", "corp.api"),  # upwards (under TYPE_CHECKING, which counts here)
            ("corp.db", "corp.services"),  # upwards (session imports services._helpers)
        }
    )


def test_lint_imports_and_check_agree_on_a_whole_configuration(
    make_workspace: Callable[[dict[str, str | bytes]], Path],
) -> None:
    # lint-imports stops the whole run at an unmatched ignore (alerting "error"):
    # that case is compared above, on its own.
    contracts = {
        case: {"type": IL_TYPES[case], **opts}
        for case, sess, opts in IL_CASES
        if not sess and case != "unmatched-ignore-error"
    }
    root = make_workspace({**CORP, ".importlinter": importlinter_ini({}, contracts)})
    lint = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    verdicts = dict(re.findall(r"^(\S+) (KEPT|BROKEN)", lint.stdout, re.MULTILINE))
    assert set(verdicts) == set(contracts), lint.stdout + lint.stderr
    assert lint.returncode == 1  # some are broken
    check = subprocess.run(
        [sys.executable, "-I", "-m", "graphwarden", "check", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 1
    assert (
        f"graphwarden: note: read {len(contracts)} contract(s) from .importlinter" in check.stderr
    )
    broken = {v["rule"] for v in json.loads(check.stdout)["violations"] if v["severity"] == "error"}
    assert {c for c, verdict in verdicts.items() if verdict == "BROKEN"} == broken & set(contracts)


def test_instructions_reach_every_report(check_workspace: Run) -> None:
    ini = importlinter_ini(
        {},
        {
            "ab": {
                "type": "independence",
                "modules": ["corp.a", "corp.b"],
                "broken_contract_guidance": "Ask the architecture guild first.",
            }
        },
    )
    _orch, checker = check_workspace({**CORP, ".importlinter": ini})
    ab = [v for v in checker.violations if v.rule == "ab"]
    assert ab and all(v.instructions == "Ask the architecture guild first." for v in ab)
    assert [r.instructions for r in checker.rule_infos if r.name == "ab"] == [
        "Ask the architecture guild first."
    ]


@pytest.mark.parametrize(
    ("ini", "fragment"),
    [
        (
            "[importlinter]\nroot_package = corp\n\n[importlinter:contract:1]\nname = x\n"
            "type = layers\nlayers =\n    api\n    db\ncontainers = corp\nexhaustive = maybe\n",
            ".importlinter:11: contract 'x': 'exhaustive' must be true or false",
        ),
        (
            "[importlinter]\nroot_package = corp\n\n[importlinter:contract:1]\nname = x\n"
            "type = layers\nlayers =\n    api\n    db\nexhaustive = true\n",
            ".importlinter:10: contract 'x': 'exhaustive' needs 'containers'",
        ),
        (
            "[importlinter]\nroot_package = corp\n\n[importlinter:contract:1]\nname = x\n"
            "type = nope\n",
            ".importlinter:6: contract 'x': unknown contract type 'nope'",
        ),
    ],
)
def test_importlinter_configuration_errors_name_file_and_line(
    make_workspace: Callable[[dict[str, str | bytes]], Path], ini: str, fragment: str
) -> None:
    root = make_workspace({**CORP, ".importlinter": ini})
    out = subprocess.run(
        [sys.executable, "-I", "-m", "graphwarden", "check", str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 2
    assert fragment in out.stderr, out.stderr


def test_custom_contract_types_are_reported_not_run(check_workspace: Run) -> None:
    ini = (
        "[importlinter]\nroot_package = corp\ncontract_types =\n"
        "    mine: corp.checks.MyContract\n\n[importlinter:contract:1]\nname = x\ntype = mine\n"
    )
    _orch, checker = check_workspace({**CORP, ".importlinter": ini})
    [warning] = [v for v in checker.violations if v.file == ".importlinter"]
    assert warning.severity == "warning" and warning.range[0] == 2
    assert "graphwarden never runs project code" in warning.message
    assert not any(v.rule == "x" for v in checker.violations)
