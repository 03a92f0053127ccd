"""Benchmark `graphwarden check` on Django with ten guarantees, beside lint-imports.

Copies the corpus to a temporary directory (the corpus is never modified),
writes a graphwarden.toml with five contracts and five Datalog rules and an
.importlinter with the equivalent import-linter contracts, then measures:

* cold check: full index + enrichment + every guarantee (in process);
* the guarantee stage of that cycle;
* warm `graphwarden check` (store present, nothing changed) as a subprocess,
  side by side with `lint-imports` running the equivalent contracts;
* the guarantee stage after a body-only edit (expected: 0 rules evaluated).

Prints one JSON object. Usage: python benchmarks/check_django.py [CORPUS]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path("/root/.cache/graphwarden-corpora/django")

CONFIG = """
[[contracts]]
name = "db-independent-of-contrib"
type = "forbidden"
source_modules = ["django.db"]
forbidden_modules = ["django.contrib"]

[[contracts]]
name = "utils-not-db"
type = "forbidden"
source_modules = ["django.utils"]
forbidden_modules = ["django.db"]

[[contracts]]
name = "core-layers"
type = "layers"
containers = ["django"]
layers = ["contrib", "db", "utils"]

[[contracts]]
name = "template-db-independent"
type = "independence"
modules = ["django.template", "django.db"]

[[contracts]]
name = "dispatch-acyclic"
type = "acyclic"
packages = ["django.dispatch", "django.urls"]

[[guarantees]]
name = "no-eval"
rule = 'violation(X) :- node(X, "CALL"), attr(X, "name", "eval").'

[[guarantees]]
name = "no-exec"
rule = 'violation(X) :- node(X, "CALL"), attr(X, "name", "exec").'

[[guarantees]]
name = "no-pickle-loads"
severity = "warning"
rule = 'violation(X) :- node(X, "CALL"), attr(X, "callee", "pickle.loads").'

[[guarantees]]
name = "no-print"
severity = "info"
rule = 'violation(X) :- node(X, "CALL"), attr(X, "callee", "print").'

[[guarantees]]
name = "uncalled-setup"
severity = "info"
rule = '''
called(F) :- edge(_, F, "CALLS").
violation(F) :- node(F, "FUNCTION"), attr(F, "name", "setup"), \\+ called(F).
'''
"""

IMPORTLINTER = """
[importlinter]
root_package = django

[importlinter:contract:db-independent-of-contrib]
name = db-independent-of-contrib
type = forbidden
source_modules = django.db
forbidden_modules = django.contrib
unmatched_ignore_imports_alerting = none

[importlinter:contract:utils-not-db]
name = utils-not-db
type = forbidden
source_modules = django.utils
forbidden_modules = django.db

[importlinter:contract:core-layers]
name = core-layers
type = layers
containers = django
layers =
    contrib
    db
    utils

[importlinter:contract:template-db-independent]
name = template-db-independent
type = independence
modules =
    django.template
    django.db
"""


def body_only_edit(root: Path) -> str:
    """Insert a plain statement before a `return` inside a function; returns the file."""
    rel = "django/utils/text.py"
    path = root / rel
    text = path.read_text()
    m = re.search(r"^( {8})return ", text, re.MULTILINE)
    assert m is not None
    text = text[: m.start()] + f"{m.group(1)}_gw_bench = 0\n" + text[m.start() :]
    path.write_text(text)
    return rel


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(json.dumps({"error": f"corpus not found: {corpus}"}))
        return 2
    from graphwarden.analysis.guarantees.checker import GuaranteeChecker
    from graphwarden.analysis.orchestrator import FileChange, Orchestrator

    bin_dir = Path(sys.executable).parent
    out: dict[str, object] = {"corpus": str(corpus), "rules": 10}
    with tempfile.TemporaryDirectory(prefix="gw-bench-") as tmp:
        root = Path(tmp) / "django"
        shutil.copytree(corpus, root, ignore=shutil.ignore_patterns(".graphwarden", ".git"))
        (root / "graphwarden.toml").write_text(CONFIG)
        (root / ".importlinter").write_text(IMPORTLINTER)

        # Cold: full index + enrichment + all guarantees.
        orch = Orchestrator(root)
        checker = GuaranteeChecker(orch.settings, persist_results=True)
        assert not checker.load_errors, [str(e) for e in checker.load_errors]
        orch.guarantee_hook = checker
        t0 = time.perf_counter()
        stats = orch.index_repository()
        out["cold_check_seconds"] = round(time.perf_counter() - t0, 3)
        out["files"] = stats.files
        out["cold_guarantee_stage_seconds"] = round(stats.stage_seconds.get("guarantees", 0.0), 3)
        out["cold_rules_evaluated"] = stats.guarantees_checked
        out["per_rule_seconds"] = {k: round(v, 3) for k, v in checker.last.per_rule_seconds.items()}
        counts: dict[str, int] = {}
        for v in checker.violations:
            counts[v.rule] = counts.get(v.rule, 0) + 1
        out["violations_by_rule"] = counts

        # Body-only edit: nothing a rule can observe changes.
        rel = body_only_edit(root)
        stats = orch.apply_changes([FileChange(rel)])
        out["body_edit_cycle_seconds"] = round(stats.seconds, 4)
        out["body_edit_guarantee_stage_seconds"] = round(
            stats.stage_seconds.get("guarantees", 0.0), 5
        )
        out["body_edit_rules_evaluated"] = stats.guarantees_checked
        orch.close()

        # Warm CLI check (store present, no change since the edit's cycle).
        gw = str(bin_dir / "graphwarden")
        t0 = time.perf_counter()
        proc = subprocess.run(
            [gw, "check", str(root), "--format", "json", "--fail-on", "never"],
            capture_output=True,
            text=True,
        )
        out["warm_check_seconds"] = round(time.perf_counter() - t0, 3)
        out["warm_check_exit"] = proc.returncode
        if proc.returncode == 0:
            warm = json.loads(proc.stdout)["stats"]
            out["warm_guarantee_stage_seconds"] = warm["guarantee_seconds"]

        # lint-imports on the same tree, equivalent contracts (no acyclic equivalent).
        env = {**os.environ, "PYTHONPATH": str(root)}
        t0 = time.perf_counter()
        proc = subprocess.run(
            [str(bin_dir / "lint-imports"), "--config", str(root / ".importlinter"), "--no-cache"],
            capture_output=True,
            text=True,
            cwd=root,
            env=env,
        )
        out["lint_imports_seconds"] = round(time.perf_counter() - t0, 3)
        out["lint_imports_exit"] = proc.returncode
        kept = re.findall(r"^(\S[^\n]*?) (KEPT|BROKEN)$", proc.stdout, re.MULTILINE)
        out["lint_imports_verdicts"] = {name: verdict for name, verdict in kept}
        ours = {
            name: ("BROKEN" if counts.get(name) else "KEPT")
            for name in (
                "db-independent-of-contrib",
                "utils-not-db",
                "core-layers",
                "template-db-independent",
            )
        }
        out["graphwarden_verdicts"] = ours
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
