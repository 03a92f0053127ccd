"""Reporters: SARIF validated against the 2.1.0 schema, GitHub annotations, text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from graphwarden.analysis.guarantees.results import RelatedLocation, RuleInfo, Violation
from graphwarden.cli.reporting import render_github, render_json, render_sarif, render_text

SCHEMA = Path(__file__).parent.parent / "data" / "sarif-2.1.0-rtm.5.json"


def sample() -> tuple[list[Violation], list[RuleInfo]]:
    chain = Violation(
        "db-not-contrib",
        "error",
        "django.db must not import django.contrib: a -> b -> c",
        "a.py",
        (2, 0, 2, 14),
        related=[
            RelatedLocation("a.py", (2, 0, 2, 14), "a imports b"),
            RelatedLocation("b.py", (0, 0, 0, 8), "b imports c"),
        ],
        description="db stays independent",
        remediation="move it",
        node_id="a.py->IMPORT-><module>->b",
        kind="contract",
    )
    ev = Violation(
        "no-eval", "warning", "eval, runs: code\nreally", "ü/m.py", (5, 11, 5, 15), kind="datalog"
    )
    cfg = Violation(
        "ghost", "info", "module missing", "graphwarden.toml", (3, 0, 3, 0), kind="config"
    )
    rules = [
        RuleInfo("db-not-contrib", "error", "db stays independent", "move it", "contract", "x"),
        RuleInfo("no-eval", "warning", "", "", "datalog", "violation(X) :- ..."),
        RuleInfo("unused", "error", "never fires", "", "builtin"),
    ]
    return [chain, ev, cfg], rules


def test_sarif_is_valid_and_complete(tmp_path: Path) -> None:
    violations, rules = sample()
    log = render_sarif(violations, rules, tmp_path)
    jsonschema.validate(log, json.loads(SCHEMA.read_text()))
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == ["db-not-contrib", "no-eval", "unused", "ghost"]
    db = run["tool"]["driver"]["rules"][0]
    assert db["help"]["text"] == "move it"
    assert db["defaultConfiguration"]["level"] == "error"
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == tmp_path.resolve().as_uri() + "/"
    first = run["results"][0]
    assert first["ruleId"] == "db-not-contrib"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "a.py", "uriBaseId": "SRCROOT"}
    assert loc["region"] == {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 15}
    assert len(first["codeFlows"][0]["threadFlows"][0]["locations"]) == 2
    assert len(first["relatedLocations"]) == 2
    assert first["partialFingerprints"]["graphwarden/v1"] == violations[0].fingerprint
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}


def test_fingerprints_ignore_lines() -> None:
    a = Violation("r", "error", "m", "f.py", (1, 0, 1, 1), node_id="f.py->CALL->f->eval#0")
    b = Violation("r", "error", "m", "f.py", (9, 4, 9, 5), node_id="f.py->CALL->f->eval#0")
    assert a.fingerprint == b.fingerprint


def test_github_annotations_escape() -> None:
    violations, _ = sample()
    out = render_github(violations).splitlines()
    assert out[0].startswith(
        "::error file=a.py,line=3,col=1,endLine=3,endColumn=15,title=db-not-contrib::"
    )
    assert "%0A  b.py:1: b imports c" in out[0]
    ev = next(line for line in out if "no-eval" in line)
    assert ev.startswith("::warning file=ü/m.py,line=6,col=12")
    assert ev.endswith("::eval, runs: code%0Areally")
    assert any(line.startswith("::notice file=graphwarden.toml") for line in out)


def test_text_grouped_by_file_without_colour() -> None:
    violations, _ = sample()
    text = render_text(violations, colour=False, hidden=2)
    assert "\x1b[" not in text
    assert "  a.py:3:1: error [db-not-contrib] django.db must not import django.contrib" in text
    assert "      b.py:1:1: b imports c" in text
    assert text.rstrip().endswith("(2 known violation(s) hidden by the baseline)")
    assert "\x1b[31m" in render_text(violations, colour=True)


def test_json() -> None:
    violations, _ = sample()
    data = json.loads(render_json(violations, hidden=1))
    assert data["summary"] == {"error": 1, "warning": 1, "info": 1, "hidden_by_baseline": 1}
    assert data["violations"][0]["related"][1]["file"] == "b.py"
