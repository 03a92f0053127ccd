"""What a front end's output must be for any bytes: a valid shard of the graph.

`graph_problems(file, data)` analyses one file and lists every way its
records break the model's invariants (an empty list: valid):

- node ids are unique, belong to the file and say the node's type;
- every edge is structural or data flow inside a body, unique, and joins
  two nodes of the file (front ends make no external or placeholder nodes:
  those are the enrichers');
- the nodes form one tree under the MODULE node (one structural parent edge
  each);
- every range (nodes, positions kept as attributes: name selections and
  data-flow sites, parse errors) lies inside the file and is ordered, and a
  node's positions lie inside its range;
- the output is linear in the input: no more nodes than bytes (plus the
  module); every binding takes at least two bytes of source;
- ids never contain line numbers: the same bytes one line lower give the
  same records, every range one line lower (for files that parse: the
  parser's error recovery weighs skipped lines);
- the analysis is a function of the path and the bytes (a second run agrees).
"""

from __future__ import annotations

from collections import Counter

from graphwarden.analysis.languages import analyse_bytes
from graphwarden.analysis.model import (
    FLOW_EDGES,
    MODULE_SCOPE,
    POSITION_KEYS,
    STRUCTURAL_EDGES,
    Edge,
    FileAnalysis,
    Node,
    NodeType,
    ParseError,
    Range,
    id_path,
    module_id,
    parse_id,
)

_BOM = b"\xef\xbb\xbf"
#: What one file's analysis may hold: structure, and data flow inside its bodies.
FRONT_END_EDGES = STRUCTURAL_EDGES | FLOW_EDGES
#: Enough problems to see what is wrong; a broken file would list thousands.
MAX_PROBLEMS = 20


def line_lengths(data: bytes) -> list[int]:
    """Code points per line, as the front ends count them (lines end at b"\\n" only)."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    return [len(line.decode("utf-8", "replace")) for line in data.split(b"\n")]


def _range_problem(rng: object, lengths: list[int]) -> str | None:
    if not (isinstance(rng, tuple | list) and len(rng) == 4 and all(type(x) is int for x in rng)):
        return f"not a range of four integers: {rng!r}"
    sl, sc, el, ec = rng
    if min(rng) < 0:
        return f"negative position in {rng!r}"
    if (sl, sc) > (el, ec):
        return f"range ends before it starts: {rng!r}"
    if el >= len(lengths):
        return f"range {rng!r} ends past the last line ({len(lengths) - 1})"
    if sc > lengths[sl] or ec > lengths[el]:
        return f"range {rng!r} has a column past its line's end"
    return None


def structural_problems(file: str, data: bytes, fa: FileAnalysis) -> list[str]:
    """Invariants of one analysis on its own (no second run)."""
    out: list[str] = []
    lengths = line_lengths(data)
    if len(fa.nodes) > len(data) + 1:
        out.append(f"{len(fa.nodes)} nodes from {len(data)} bytes: output not linear in input")
    ids = Counter(n.id for n in fa.nodes)
    out += [f"duplicate node id {i!r} ({c} times)" for i, c in ids.items() if c > 1]
    module = module_id(file)
    if module not in ids:
        out.append(f"no MODULE node {module!r}")
    for n in fa.nodes:
        if n.file != file:
            out.append(f"node {n.id!r} says it is in {n.file!r}")
        try:
            parts = parse_id(n.id)
        except ValueError as exc:
            out.append(f"node id {n.id!r} does not parse: {exc}")
            continue
        if parts.file != file or parts.kind != n.type:
            out.append(f"node id {n.id!r} parses as {parts.file!r}/{parts.kind} for a {n.type}")
        if n.type == NodeType.EXTERNAL_MODULE:
            out.append(f"a front end made an external node {n.id!r}")
        if (p := _range_problem(n.range, lengths)) is not None:
            out.append(f"node {n.id!r}: {p}")
        for key in sorted(POSITION_KEYS):
            value = n.attrs.get(key)
            if value is None:
                continue
            if not isinstance(value, list) or not value or len(value) % 4:
                out.append(f"node {n.id!r} {key}: not ranges of four integers: {value!r}")
                continue
            for k in range(0, len(value), 4):
                rng = value[k : k + 4]
                if (p := _range_problem(rng, lengths)) is not None:
                    out.append(f"node {n.id!r} {key}: {p}")
                elif not _inside(rng, n.range):
                    out.append(f"node {n.id!r}: its {key} {rng!r} is outside its range {n.range!r}")
    for e, c in Counter(_edge_key(e) for e in fa.edges).items():
        if c > 1:
            out.append(f"duplicate edge {e!r}")
    parents: Counter[str] = Counter()
    for e in fa.edges:
        if e.type not in FRONT_END_EDGES:
            out.append(f"a front end made a {e.type} edge: {e!r}")
        for end in (e.src, e.dst):
            if end not in ids:
                out.append(f"edge {e.src!r} -{e.type}-> {e.dst!r}: {end!r} is no node of the file")
        if e.type in STRUCTURAL_EDGES:
            parents[e.dst] += 1
    for n in fa.nodes:
        want = 0 if n.id == module else 1
        if parents[n.id] != want:
            out.append(f"node {n.id!r} has {parents[n.id]} parent edges, not {want}")
    out += _scope_problems(fa, module)
    for pe in fa.parse_errors:
        if pe.file != file:
            out.append(f"parse error {pe!r} names another file")
        if (p := _range_problem(pe.range, lengths)) is not None:
            out.append(f"parse error {pe.message!r}: {p}")
    return out


def _edge_key(e: Edge) -> tuple[object, ...]:
    # Two flows from one value into one call differ by argument (f(x, x)).
    return (e.src, e.type, e.dst, tuple(sorted((e.attrs or {}).items())))


#: Kinds whose id names its scope (or owner) in a part of its own.
_SCOPED = frozenset({NodeType.PARAMETER, NodeType.CALL, NodeType.IMPORT})


def _scope_problems(fa: FileAnalysis, module: str) -> list[str]:
    """Each id names where it is: readers find a node's scope or owner from its id alone.

    A PARAMETER, CALL or IMPORT id's scope part is its parent's id path
    ("<module>" at module level); a member's id path is its parent's, a dot,
    and one segment of its own (`owner_path` gives the parent back). The
    locals of an anonymous function (a JavaScript callback) are named inside
    it, by order (`handler.λ1.cmd`), and declared by the scope around it:
    their owner is the path without its `λ` segments (as the data-flow
    engine reads it).
    """
    out: list[str] = []
    types = {n.id: n.type for n in fa.nodes}
    for e in fa.edges:
        if e.type not in STRUCTURAL_EDGES or e.src not in types or e.dst not in types:
            continue
        try:
            child = parse_id(e.dst)
        except ValueError:
            continue  # reported with the node
        parent_path = "" if e.src == module else id_path(e.src)
        if child.kind in _SCOPED:
            want = parent_path or MODULE_SCOPE
            if child.path != want:
                out.append(f"id {e.dst!r} names scope {child.path!r}, its parent is {want!r}")
        elif _named_owner(child.owner_path) != parent_path:
            out.append(
                f"id {e.dst!r} names owner {child.owner_path!r}, its parent is {parent_path!r}"
            )
    return out


def _named_owner(path: str) -> str:
    """An owner path without its anonymous functions' segments (`a.λ1.λ2` -> `a`)."""
    while path and path.rsplit(".", 1)[-1].startswith("λ"):
        path = path.rsplit(".", 1)[0] if "." in path else ""
    return path


def _inside(inner: list[int] | Range, outer: Range) -> bool:
    return (outer[0], outer[1]) <= (inner[0], inner[1]) and (inner[2], inner[3]) <= (
        outer[2],
        outer[3],
    )


def _shifted(r: Range | list[int]) -> tuple[int, ...]:
    return (r[0] + 1, r[1], r[2] + 1, r[3])


def _node_key(n: Node, shift: bool) -> tuple[object, ...]:
    attrs = dict(n.attrs)
    positions = []
    for key in sorted(POSITION_KEYS):
        value = attrs.pop(key, None)
        if shift and isinstance(value, list):
            value = [x for k in range(0, len(value), 4) for x in _shifted(value[k : k + 4])]
        positions.append(value)
    rng = _shifted(n.range) if shift else n.range
    return (n.id, n.type, n.name, rng, n.content_hash, n.signature_hash, attrs, positions)


def _error_key(pe: ParseError, shift: bool) -> tuple[object, ...]:
    # The byte offset in an invalid-UTF-8 message moves with the text.
    message = "invalid UTF-8" if pe.message.startswith("invalid UTF-8") else pe.message
    return (_shifted(pe.range) if shift else pe.range, message)


def _records(fa: FileAnalysis, shift: bool = False) -> tuple[object, ...]:
    return (
        [_node_key(n, shift) for n in fa.nodes],
        [_edge_key(e) for e in fa.edges],
        [_error_key(pe, shift) for pe in fa.parse_errors],
        fa.skipped_reason,
    )


def _can_shift(file: str, data: bytes) -> bool:
    """Whether a blank first line leaves the file's syntax as it was.

    Not before a BOM (it only counts at the very start), a JavaScript
    hashbang (only valid on the first line), or in a file whose size is at
    the limit.
    """
    if data.startswith(_BOM):
        return False
    return not (data.startswith(b"#!") and not file.endswith((".py", ".pyi")))


def graph_problems(file: str, data: bytes) -> list[str]:
    """Every invariant `analyse_bytes(file, data)` breaks (empty: none)."""
    fa = analyse_bytes(file, data)
    out = structural_problems(file, data, fa)
    again = analyse_bytes(file, data)
    if _records(again) != _records(fa):
        out.append("a second analysis of the same bytes gave other records")
    if fa.skipped_reason is None and _can_shift(file, data):
        lower = analyse_bytes(file, b"\n" + data)
        want, got = _records(fa, shift=True), _records(lower)
        # Tree-sitter's error recovery weighs skipped lines: one line lower, a
        # broken file may be recovered another way. Compared where it parsed.
        if not fa.parse_errors and not lower.parse_errors and want != got:
            out.append(
                "one blank line above changed more than the ranges: " + _first_difference(want, got)
            )
    return out[:MAX_PROBLEMS]


def _first_difference(want: tuple[object, ...], got: tuple[object, ...]) -> str:
    names = ("nodes", "edges", "parse errors", "skipped")
    for name, a, b in zip(names, want, got, strict=True):
        if a == b:
            continue
        if isinstance(a, list) and isinstance(b, list):
            for x, y in zip(a, b, strict=False):
                if x != y:
                    return f"{name}: expected {x!r}, got {y!r}"
            return f"{name}: {len(a)} expected, {len(b)} got"
        return f"{name}: expected {a!r}, got {b!r}"
    return "no difference"
