"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF consumers.

* ruleId is the guarantee, contract or built-in name (stable across runs);
  the driver's rule table carries shortDescription, fullDescription, help
  (with the remediation) and defaultConfiguration.level.
* URIs are workspace-relative with `uriBaseId: SRCROOT`, and
  `originalUriBaseIds` says what SRCROOT is.
* partialFingerprints carry graphwarden's line-free fingerprint, so code
  scanning keeps tracking an alert when code above it moves.
* An import chain is both relatedLocations and a codeFlow (one step per hop);
  so is a taint path (source, each variable, parameter and call, sink).
* Security rules carry their CWE the way CodeQL does: ``properties.tags``
  with ``security`` and ``external/cwe/cwe-89``, and ``security-severity``
  (a CVSS-like score code scanning ranks alerts by).
* Columns are Unicode code points (`columnKind`), 1-based like lines.
* A rule's instructions (to whoever breaks it) close its `help`, and each
  result carries them in `properties.instructions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graphwarden.analysis import __version__
from graphwarden.analysis.cycle.stats import EnricherFailure
from graphwarden.analysis.enrichers.dataflow import StoppedAnalysis
from graphwarden.analysis.guarantees.results import RelatedLocation, RuleInfo, Violation

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "graphwarden/v1"


def _region(rng: tuple[int, int, int, int]) -> dict[str, int]:
    sl, sc, el, ec = rng
    region = {"startLine": sl + 1, "startColumn": sc + 1, "endLine": max(el, sl) + 1}
    if (el, ec) > (sl, sc):
        region["endColumn"] = ec + 1
    return region


def _physical(file: str, rng: tuple[int, int, int, int]) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": file, "uriBaseId": "SRCROOT"},
        "region": _region(rng),
    }


def _related(i: int, r: RelatedLocation) -> dict[str, Any]:
    return {"id": i, "physicalLocation": _physical(r.file, r.range), "message": {"text": r.message}}


def _rule(info: RuleInfo) -> dict[str, Any]:
    short = info.description.split("\n")[0] if info.description else info.summary or info.name
    full = info.description or info.summary or info.name
    if info.summary and info.summary != full:
        full = f"{full} ({info.summary})" if info.description else info.summary
    help_text = info.remediation or full
    if info.instructions:
        help_text = f"{help_text}\n\nInstructions: {info.instructions}"
    return {
        "id": info.name,
        "name": info.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": f"**{info.name}**: {full}\n\n{help_text}"},
        "defaultConfiguration": {"level": _LEVEL.get(info.severity, "error")},
        "properties": _rule_properties(info),
    }


def _rule_properties(info: RuleInfo) -> dict[str, Any]:
    props: dict[str, Any] = {"kind": info.kind}
    if info.tags:
        props["tags"] = list(info.tags)
    if info.security_severity is not None:
        props["security-severity"] = f"{info.security_severity:.1f}"
        props["precision"] = "high"
        props["problem.severity"] = _LEVEL.get(info.severity, "error")
    return props


def _invocation(
    failures: Sequence[EnricherFailure], stopped: Sequence[StoppedAnalysis]
) -> dict[str, Any]:
    notes = []
    for f in failures:
        note: dict[str, Any] = {
            "level": "error",
            "message": {"text": f"analysis failed: {f}"},
            "descriptor": {"id": f.enricher},
        }
        if f.file:
            note["locations"] = [
                {"physicalLocation": {"artifactLocation": {"uri": f.file, "uriBaseId": "SRCROOT"}}}
            ]
        notes.append(note)
    for s in stopped:
        # A warning, not a failure: what was reported holds, some may be missing.
        notes.append(
            {
                "level": "warning",
                "message": {"text": str(s)},
                "descriptor": {"id": "dataflow-budget"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": s.file, "uriBaseId": "SRCROOT"},
                            "region": {"startLine": s.line + 1},
                        }
                    }
                ],
            }
        )
    return {"executionSuccessful": not failures, "toolExecutionNotifications": notes}


def render_sarif(
    violations: list[Violation],
    rules: list[RuleInfo],
    root: Path,
    failures: Sequence[EnricherFailure] = (),
    stopped: Sequence[StoppedAnalysis] = (),
) -> dict[str, Any]:
    """One SARIF log (a dict; json.dumps it) with one run; `failures` make its
    invocation unsuccessful, one error notification each; each of `stopped` is a
    warning notification."""
    infos = {r.name: r for r in rules}
    for v in violations:
        if v.rule not in infos:
            infos[v.rule] = RuleInfo(
                v.rule,
                v.severity,
                v.description,
                v.remediation,
                v.kind,
                instructions=v.instructions,
            )
    order = list(infos)
    index = {name: i for i, name in enumerate(order)}
    results = []
    for v in sorted(violations, key=Violation.sort_key):
        res: dict[str, Any] = {
            "ruleId": v.rule,
            "ruleIndex": index[v.rule],
            "level": _LEVEL.get(v.severity, "error"),
            "message": {"text": v.message},
            "partialFingerprints": {FINGERPRINT_KEY: v.fingerprint},
        }
        if v.file:
            res["locations"] = [{"physicalLocation": _physical(v.file, v.range)}]
        if v.related:
            res["relatedLocations"] = [_related(i + 1, r) for i, r in enumerate(v.related)]
            res["codeFlows"] = [
                {
                    "message": {"text": "taint path" if v.kind == "taint" else "import chain"},
                    "threadFlows": [
                        {
                            "locations": [
                                {
                                    "location": {
                                        "physicalLocation": _physical(r.file, r.range),
                                        "message": {"text": r.message},
                                    },
                                    "executionOrder": i + 1,
                                }
                                for i, r in enumerate(v.related)
                            ]
                        }
                    ],
                }
            ]
        properties = {}
        if v.node_id:
            properties["nodeId"] = v.node_id
        if v.instructions:
            properties["instructions"] = v.instructions
        if properties:
            res["properties"] = properties
        results.append(res)
    base = Path(root).resolve().as_uri().rstrip("/") + "/"
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "graphwarden",
                        "version": __version__,
                        "rules": [_rule(infos[name]) for name in order],
                    }
                },
                "originalUriBaseIds": {"SRCROOT": {"uri": base}},
                "columnKind": "unicodeCodePoints",
                "invocations": [_invocation(failures, stopped)],
                "results": results,
            }
        ],
    }
