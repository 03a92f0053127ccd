"""Dataflow: taint findings, tainted variables, flows across calls (the interpreter's output).

For one file (shard ``__enrichment__/dataflow/{file}``), from the flow facts
the front ends keep in every file's summary and the calls enricher's CALLS:

* ``first hop -TAINT-> sink`` with attrs ``classes`` (vulnerability
  classes), ``path`` (the semantic ids the data passed through, source
  first, sink last), ``source`` and ``sink`` (model labels), ``origin``
  (the source node, possibly in another file) and ``site`` (for a sink that
  is a return or a store: its index in the function's ``sites``). The edge
  starts at the first node of the path in this file: each finding belongs
  to the file whose body the data entered the path from (one context owns
  an edge), and a path that never touches this file is another file's;
* ``variable -TAINTED_BY-> first hop``: a variable or parameter of this file
  that holds user data (``source``, ``path``), for hover;
* ``argument -FLOWS_INTO-> parameter``: what a resolved call passes (the
  front end's ``FLOWS_INTO`` edges into the call, mapped onto the callee's
  parameters), so `flows` in Datalog crosses calls;
* ``module -USES_SUMMARY-> function | variable``: every body in another
  file the interpreter read for this file's result (``{"reads": "words"}``
  when it only asked whether the body can read a source: its identifiers
  and calls). It is what makes this
  "the enricher that reads bodies across files"
  (``reads_bodies_across_files``): a body-only edit of one of them puts
  this file into the blast radius (analysis/cycle/body_dependents.py).

Which bodies run, how, and what a summary is: analysis/dataflow/engine.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphwarden.analysis.dataflow import ir
from graphwarden.analysis.dataflow.engine import (
    Hit,
    analyse_file,
    forget_world,
    world_for,
)
from graphwarden.analysis.dataflow.models import Matcher, TaintSpec, load_spec
from graphwarden.analysis.enrichers.base import (
    Enricher,
    EnricherFileResult,
    EnricherMetadata,
    EnrichmentCancelled,
)
from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.model import (
    AttrValue,
    Edge,
    EdgeType,
    NodeType,
    definition_id,
    file_of_id,
    module_id,
    parse_id,
    scoped_id,
)
from graphwarden.analysis.store.keys import enrichment_context

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot

#: USES_SUMMARY attrs of a body of which only identifiers and calls were read.
READS_WORDS = {"reads": "words"}

_MATCHERS: dict[str, Matcher] = {}
_MATCHER_LOCK = threading.Lock()


def matcher_for(spec: TaintSpec) -> Matcher:
    """One indexed matcher per set of models (by digest and class switches)."""
    key = spec.digest + repr(sorted((k, v.enabled) for k, v in spec.classes.items()))
    with _MATCHER_LOCK:
        m = _MATCHERS.get(key)
        if m is None:
            m = _MATCHERS[key] = Matcher.of(spec)
    return m


def origin_parts(origin: str) -> tuple[str, str, str]:
    """(source label, qualified name, source node id) of an ``S|...`` origin."""
    parts = origin.split("|", 3)
    while len(parts) < 4:
        parts.append("")
    return parts[1], parts[2], parts[3]


class DataflowEnricher(Enricher):
    metadata = EnricherMetadata(
        name="dataflow",
        consumes=frozenset(
            {
                NodeType.CALL,
                NodeType.FUNCTION,
                NodeType.METHOD,
                NodeType.VARIABLE,
                EdgeType.CALLS,
                EdgeType.IMPORTS_FROM,
                EdgeType.INSTANCE_OF,
                EdgeType.EXTENDS,
                EdgeType.PASSES_ARGUMENT,
            }
        ),
        produces=frozenset(
            {
                EdgeType.TAINT,
                EdgeType.TAINTED_BY,
                EdgeType.FLOWS_INTO,
                EdgeType.USES_SUMMARY,
                EdgeType.ANALYSIS_STOPPED,
            }
        ),
        scope="file",
        reads_bodies_across_files=True,
        # A Django view's URL captures are what its routes convert (`<int:pk>`).
        reads_edges_into=frozenset({EdgeType.PASSES_ARGUMENT}),
    )

    def reads_bindings(self, file: str, snapshot: Snapshot, names: set[str]) -> bool:
        # The interpreter looks a name up through the file's imports where a
        # body mentions it (an expression, a call's head) or a parameter is
        # annotated with it (a validated model); a decorator without a call
        # is read as text, and adds no word (languages/python_flow.py).
        if "*" in names:
            return True
        idx = workspace_index(snapshot, self.settings)
        summary = idx.summary(snapshot, file)
        read = summary.derived.get("dataflow.names")
        if read is None:
            spec, _errors = load_spec(self.settings)
            ff = world_for(snapshot, idx, matcher_for(spec)).flows(file)
            found: set[str] = set()
            for fn in ff.bodies.values() if ff is not None else ():
                found |= fn.words
                found.update(
                    str(param[3]).removeprefix(ir.DEPENDS).split(".", 1)[0]
                    for param in fn.params
                    if len(param) > 3
                )
            read = summary.derived["dataflow.names"] = frozenset(found)
        return not read.isdisjoint(names)

    def warm(self) -> None:
        # Compiling Django's and the other packs' models takes about 0.3 s; an
        # index runs this enricher in the pool's processes, not the writer's.
        matcher_for(load_spec(self.settings)[0])

    def config_digest(self) -> str:
        """What the results depend on besides the snapshot: the models in force."""
        spec, _ = load_spec(self.settings)
        return matcher_key(spec)

    def process_file(
        self, file: str, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        spec, _errors = load_spec(self.settings)
        idx = workspace_index(snapshot, self.settings)
        world = world_for(snapshot, idx, matcher_for(spec))
        if world.flows(file) is None:
            return EnricherFileResult()

        def between_bodies() -> None:
            # A big module's bodies take hundreds of milliseconds together, and
            # one of them tens: the next edit must not wait for them (asked
            # between bodies and every few hundred statements inside one).
            if cancelled is not None and cancelled():
                raise EnrichmentCancelled

        try:
            result = analyse_file(
                world,
                file,
                between_bodies if cancelled is not None else None,
                spec.statement_budget,
            )
        except EnrichmentCancelled:
            forget_world(snapshot)
            raise
        edges: list[Edge] = []
        edges += _taint_edges(file, result.hits, snapshot.has_node)
        for var, (origin, hops) in sorted(result.tainted.items()):
            label, _qn, node = origin_parts(origin)
            first = next((h for h in hops if h), node)
            # Not for an attribute path (`flatpage.url`): no node has its id,
            # and an edge must leave a node of its shard's file (store/tables.py).
            if first and first != var and snapshot.has_node(var):
                edges.append(
                    Edge(var, EdgeType.TAINTED_BY, first, {"source": label, "path": list(hops)})
                )
        module = module_id(file)
        for dep in sorted(result.deps):
            if file_of_id(dep) not in ("", file):
                edges.append(Edge(module, EdgeType.USES_SUMMARY, dep))
        for dep in sorted(result.word_deps - result.deps):
            if file_of_id(dep) not in ("", file):
                edges.append(Edge(module, EdgeType.USES_SUMMARY, dep, dict(READS_WORDS)))
        edges += _argument_flows(world, file)
        edges += _stopped_edges(file, result.stopped, spec.statement_budget, snapshot.has_node)
        return EnricherFileResult(edges=edges)


@dataclass(frozen=True)
class StoppedAnalysis:
    """An entry whose data flow ran out of its statement budget (`[tool.graphwarden.taint]
    statement_budget`, a bound on pathological code): taint findings through it may be missing,
    though none reported is wrong. It stands until the file or what it reads
    changes (an ANALYSIS_STOPPED edge of the dataflow shard)."""

    file: str
    #: Its path in the file ("" for the module's top level).
    body: str
    #: Where it starts (0-based).
    line: int
    statements: int

    def to_json(self) -> list[str | int]:
        return [self.file, self.body, self.line, self.statements]

    @classmethod
    def from_json(cls, row: object) -> StoppedAnalysis | None:
        """A row `to_json` made (None for anything else: an older store's entry)."""
        if isinstance(row, list) and len(row) == 4:
            file, body, line, statements = row
            texts, numbers = (file, body), (line, statements)
            if all(isinstance(x, str) for x in texts) and all(isinstance(x, int) for x in numbers):
                return cls(file, body, line, statements)
        return None

    def __str__(self) -> str:
        where = self.body or "the top level"
        return (
            f"data flow of {where} in {self.file} stopped after {self.statements:,} "
            "statements: taint findings through it may be missing"
        )


def stopped_in(snap: Snapshot, file: str) -> list[StoppedAnalysis]:
    """The entries of `file` whose data flow stopped at its budget (its shard's
    ANALYSIS_STOPPED edges), by line. The cycle keeps the graph's list in the
    store (`ANALYSIS_STOPPED_META`) from the files it enriched."""
    context = enrichment_context(DataflowEnricher.metadata.name, file)
    if not snap.context_edge_ends(context, EdgeType.ANALYSIS_STOPPED):
        return []  # (the common case, without decoding the shard's attributes)
    out = []
    for e in snap.context_edges(context):
        if e.type != EdgeType.ANALYSIS_STOPPED:
            continue
        attrs = e.attrs or {}
        body, statements = attrs.get("body"), attrs.get("statements")
        node = snap.node(e.dst)
        out.append(
            StoppedAnalysis(
                file_of_id(e.src),
                body if isinstance(body, str) else "",
                node.range[0] if node is not None else 0,
                statements if isinstance(statements, int) else 0,
            )
        )
    return sorted(out, key=lambda s: (s.file, s.line, s.body))


def _stopped_edges(
    file: str, stopped: list[str], budget: int, exists: Callable[[str], bool]
) -> list[Edge]:
    """One ANALYSIS_STOPPED edge per entry that ran out of its budget: what `check`
    reports as an incomplete analysis (its findings through it may be missing)."""
    module = module_id(file)
    edges = []
    seen: set[str] = set()
    for path in stopped:
        # (A callback the top level runs later has no node: its module stands for it.)
        body = module
        for kind in (NodeType.FUNCTION, NodeType.METHOD):
            if path and exists(definition_id(file, kind, path)):
                body = definition_id(file, kind, path)
                break
        if body in seen:
            continue
        seen.add(body)
        edges.append(
            Edge(
                module,
                EdgeType.ANALYSIS_STOPPED,
                body,
                {"body": path, "statements": budget},
            )
        )
    return edges


def matcher_key(spec: TaintSpec) -> str:
    return spec.digest + repr(sorted((k, v.enabled) for k, v in spec.classes.items()))


def _taint_edges(file: str, hits: list[Hit], exists: Callable[[str], bool]) -> list[Edge]:
    """One TAINT edge per (first hop in this file that is a node, sink): its classes, and each
    class's sink label (`sinks`, parallel to `classes`, only when they differ:
    render_template_string is XSS and template injection); `hits` when the sink
    is a body with several sink statements (`"xss@3"`: class and site)."""
    by_key: dict[tuple[str, str], dict[str, AttrValue]] = {}
    classes_of: dict[tuple[str, str], list[str]] = {}
    labels_of: dict[tuple[str, str], list[str]] = {}
    #: "class@site" per statement of a body that is a sink (a return, a store).
    sites_of: dict[tuple[str, str], list[str]] = {}
    for h in hits:
        label, qn, node = origin_parts(h.origin)
        path = [x for x in h.hops if x]
        if h.site < 0 and (not path or path[-1] != h.sink):
            path.append(h.sink)
        # (A parameter assigned anew, `name = request.args["name"]`, is a hop
        # without a node of its own.)
        src = next((x for x in path if file_of_id(x) == file and exists(x)), None)
        if src is None and not path and file_of_id(h.sink) == file:
            # The source is read in the sink's own statement (`return
            # request.args["v"]`, `session["u"] = request.form["v"]`): an
            # attribute read has no node of its own, so the sink's site stands for it.
            src = h.sink
        if src is None:
            continue
        key = (src, h.sink)
        if key not in by_key:
            classes_of[key], labels_of[key] = [h.cls], [h.label]
            attrs: dict[str, AttrValue] = {
                "classes": classes_of[key],
                "path": path,
                "source": label or qn,
                "sink": h.label,
                "origin": node or (path[0] if path else h.sink),
            }
            if h.site >= 0:
                attrs["site"] = h.site
            by_key[key] = attrs
            sites_of[key] = [f"{h.cls}@{h.site}"]
        else:
            if h.cls not in classes_of[key]:
                classes_of[key].append(h.cls)
                labels_of[key].append(h.label)
            at = f"{h.cls}@{h.site}"
            if h.site >= 0 and at not in sites_of[key]:
                sites_of[key].append(at)
    edges = []
    for key, attrs in by_key.items():
        if len(set(labels_of[key])) > 1:
            attrs["sinks"] = labels_of[key]
        if len(sites_of[key]) > 1:
            # Sinks at several statements of one body (a session store and a
            # returned page): each is its own finding, at its own site.
            attrs["hits"] = sites_of[key]
        edges.append(Edge(key[0], EdgeType.TAINT, key[1], attrs))
    return edges


def _argument_flows(world: Any, file: str) -> list[Edge]:
    """`argument -FLOWS_INTO-> parameter` for the calls of this file that resolve.

    From each body's table of what its calls are passed (the front end's
    FLOWS_INTO edges, kept in the flow facts): nothing is read from the store
    but the call targets.
    """
    ff = world.flows(file)
    targets = world.targets(file)
    if ff is None or not targets:
        return []
    out: list[Edge] = []
    seen: set[tuple[str, str]] = set()
    prefix = file + "->"
    for fn in ff.bodies.values():
        for idx, slot, src_local in fn.call_args:
            call = f"{prefix}CALL->{fn.calls[idx]}" if 0 <= idx < len(fn.calls) else ""
            callee = targets.get(call)
            if callee is None or not isinstance(slot, str):
                continue
            found = world.body(callee)
            if found is None:
                continue
            cff, cfn = found
            params = cfn.params
            offset = 1 if params and parse_id(callee).kind == NodeType.METHOD and not cff.js else 0
            if slot.isdigit():
                i = int(slot) + offset
                if i >= len(params) or params[i][1] != ir.P_POSITIONAL:
                    continue
            elif slot == "receiver":
                if not offset:
                    continue
                i = 0
            else:
                i = next((j for j, p in enumerate(params) if p[0].lstrip("*") == slot), -1)
                if i < 0:
                    continue
            src = prefix + src_local
            param = scoped_id(cff.file, NodeType.PARAMETER, cfn.path, params[i][0])
            if (src, param) not in seen:
                seen.add((src, param))
                out.append(Edge(src, EdgeType.FLOWS_INTO, param, {"arg": slot}))
    return out
