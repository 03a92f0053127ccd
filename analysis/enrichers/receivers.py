"""The class of a method call's receiver, step by step through declared types.

`a.b.c()` resolves `a` first, then the field or getter `b` on a's class,
then looks `c` up on b's class (along its bases: `names.lookup_member`).
What a name's value is comes from, in order:

* the front end's lexical facts on the call: ``head_local`` (an untyped
  parameter or local of an enclosing function: nothing is known, and a
  same-named binding further out must not be used) and ``head_type`` (its
  declared type, resolved by type_names.py);
* `this` / `self` (the enclosing class) and `cls(...)`; `new X()` and
  `X()` of a class (an instance of X);
* a variable's HAS_TYPE (declared type) or INSTANCE_OF (constructor) edge,
  or, for a variable of this file bound to a call, the call's resolution:
  the RETURNS_TYPE edge of the function it calls, or the class it constructs;
* a function called (`make().run()`): its RETURNS_TYPE edge; a module's member.

Anything else (subscripts, calls on unknown values, an ambiguous or unknown
type) gives None: a receiver whose type is not known resolves to nothing.
Each class looked into is reported (`used`): the calls enricher records
USES_TYPE edges to them, so a member added to or removed from one of them
re-resolves the call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from graphwarden.analysis.enrichers.names import Deps, FileScope, lookup_member
from graphwarden.analysis.enrichers.type_names import TypeResolver
from graphwarden.analysis.enrichers.types import scope_of
from graphwarden.analysis.model import EdgeType, NodeType, id_path, str_attr
from graphwarden.analysis.summaries import SummaryNode

_DOT_SPACES = re.compile(r"\s*\.\s*")
#: Steps of a receiver followed at most (`a.b.c.d.e.f.g.h()`).
MAX_STEPS = 8
#: Local variables typed through their call at most this deep (`x = y.f(); y = x.g()`).
MAX_VARIABLE_DEPTH = 4


@dataclass(frozen=True)
class Step:
    name: str
    called: bool = False


@dataclass(frozen=True)
class Receiver:
    """A receiver taken apart: how its head is written, then the member steps."""

    #: "name" (an identifier, `this`, `self`, `cls`, `super`), "new" (`new X(...)`),
    #: "paren" (a parenthesised expression: a cast the front end typed).
    head_kind: str
    head: Step
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Typed:
    """A receiver's class, and the declaration whose type said so ("" when none did)."""

    cls: SummaryNode
    declared_by: str
    #: An instance of the class (False: the class object itself, `Cls.x`).
    instance: bool = True


def _ident_end(text: str, i: int) -> int:
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] in "_$#"):
        j += 1
    return j


def _close(text: str, i: int) -> int:
    """Index after the bracket group opening at `i` (-1 if unbalanced)."""
    depth = 0
    quote = ""
    for j in range(i, len(text)):
        ch = text[j]
        if quote:
            if ch == quote and text[j - 1] != "\\":
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return j + 1
    return -1


_PLAIN = re.compile(r"[\w$#]+(?:\.[\w$#]+)*\Z")


def parse_receiver(text: str) -> Receiver | None:
    """`this.a.b()`, `new X(1).y`, `(a as T).z` -> head and steps; None for anything else."""
    if _PLAIN.match(text):  # the common case: `self.repo`, `a.b.c`
        first, *rest = text.split(".")
        return Receiver("name", Step(first), tuple(Step(r) for r in rest))
    # A chain split over lines (`this.cache\n  .getAll()`) folds to spaces around dots.
    text = _DOT_SPACES.sub(".", text.replace("?.", ".").replace("!.", ".")).strip()
    if text.endswith("!"):
        text = text[:-1]
    i = 0
    if text.startswith("("):
        end = _close(text, 0)
        if end == -1:
            return None
        kind, head, i = "paren", Step(text[1 : end - 1]), end
    elif text.startswith("new "):
        i = 4
        j = i
        while j < len(text) and (text[j].isalnum() or text[j] in "_$."):
            j += 1
        if j == i or j >= len(text) or text[j] != "(":
            return None
        end = _close(text, j)
        if end == -1:
            return None
        kind, head, i = "new", Step(text[i:j], True), end
    else:
        j = _ident_end(text, 0)
        if j == 0:
            return None
        kind, head, i = "name", Step(text[:j]), j
    steps: list[Step] = []
    while i < len(text):
        ch = text[i]
        if ch == "(":
            end = _close(text, i)
            if end == -1:
                return None
            if steps:
                steps[-1] = Step(steps[-1].name, True)
            elif not head.called:
                head = Step(head.name, True)
            else:
                return None  # `f()()`
            i = end
        elif ch == "." and i + 1 < len(text):
            j = _ident_end(text, i + 1)
            if j == i + 1:
                return None
            steps.append(Step(text[i + 1 : j]))
            i = j
        else:
            return None  # subscripts, operators, templates...
        if len(steps) > MAX_STEPS:
            return None
    return Receiver(kind, head, tuple(steps))


#: Python decorators that make a method read like an attribute.
_PROPERTY_DECORATORS = frozenset(
    {"property", "cached_property", "functools.cached_property", "abc.abstractproperty"}
)


def _is_getter(method: SummaryNode) -> bool:
    """A JS `get x()` or a Python `@property`: its value is what it returns."""
    if str_attr(method.attrs, "accessor") == "get":
        return True
    decorators = method.attrs.get("decorators")
    return isinstance(decorators, list) and any(d in _PROPERTY_DECORATORS for d in decorators)


class Receivers:
    """Types receivers in one file against one snapshot (see module docstring)."""

    def __init__(
        self,
        scope: FileScope,
        types: TypeResolver,
        resolve_call: Callable[[SummaryNode, int], SummaryNode | None],
    ) -> None:
        self.scope = scope
        self.types = types
        #: How the calls enricher resolves one call (for locals bound to calls).
        self.resolve_call = resolve_call
        #: (scope path, callee text) -> the calls of this file with that callee there.
        self._calls: dict[tuple[str, str], list[SummaryNode]] | None = None
        #: Class attributes being typed through their call right now (cycle guard).
        self._typing: set[str] = set()
        #: (node id, edge type) -> the class it points at (one snapshot: fixed).
        self._edges: dict[tuple[str, EdgeType], Typed | None] = {}

    def receiver_class(
        self, where: str, call: SummaryNode, deps: Deps, used: list[str], depth: int = 0
    ) -> Typed | None:
        """The class of `call`'s receiver, or None when it is not known for sure."""
        text = str_attr(call.attrs, "receiver")
        if not text or call.attrs.get("head_local"):
            return None
        parsed = parse_receiver(text)
        if parsed is None:
            return None
        current = self._head(where, call, parsed, deps, depth)
        for step in parsed.steps:
            if current is None:
                return None
            current = self._member(current, step, deps, used, depth)
        if current is None or current.cls.type != NodeType.CLASS:
            return None
        return current

    def member_path(
        self, where: str, marker: str, deps: Deps, used: list[str], depth: int = 0
    ) -> SummaryNode | None:
        """The member a ``%{base}.a.b`` binding names (`const {write} = context`, then
        `write()`): the last step looked up, not its value."""
        path = parse_receiver(marker[1:])
        if path is None or not path.steps or any(s.called for s in path.steps):
            return None
        *through, last = path.steps
        current = self._marked_head(where, path, deps)
        for step in through:
            current = self._member(current, step, deps, used, depth) if current else None
        if current is None or current.cls.type != NodeType.CLASS:
            return None
        used.append(current.cls.id)
        return lookup_member(self.scope.snap, self.scope.idx, current.cls, last.name)

    def _marked_head(self, where: str, path: Receiver, deps: Deps) -> Typed | None:
        """The head of a ``%`` marker: ``this`` or ``(T)``."""
        if path.head.called:
            return None
        if path.head_kind == "paren":
            return self._declared(where, path.head.name, deps, "")
        if path.head.name == "this":
            cls = self.scope.enclosing_class(where)
            return Typed(cls, "") if cls is not None else None
        return None

    # -- the head ----------------------------------------------------------------------

    def _head(
        self, where: str, call: SummaryNode, r: Receiver, deps: Deps, depth: int
    ) -> Typed | None:
        scope = self.scope
        head_type = str_attr(call.attrs, "head_type")
        if r.head_kind == "paren":
            return self._declared(where, head_type, deps, "")
        if r.head_kind == "new":
            node = scope.resolve_dotted(where, r.head.name, deps)
            return Typed(node, "") if node is not None and node.type == NodeType.CLASS else None
        name = r.head.name
        if name in ("this", "self", "cls") and head_type is None:
            # `cls(...)` is an instance, `cls` the class: the same members (a
            # `this` with a declared type, `function (this: T)`, is typed below).
            cls = scope.enclosing_class(where)
            return Typed(cls, "") if cls is not None else None
        if name == "super":
            return None
        if head_type is not None and head_type.startswith("@"):
            return self._callback_parameter(where, head_type, deps, depth)
        if head_type is not None and head_type.startswith("&"):
            return self._from_calls(where, head_type[1:], "", depth + 1)
        if head_type is not None and head_type.startswith("%"):
            # `const {a} = this`, `const a = this.x.a`, `const {a} = typed`: a member.
            path = parse_receiver(head_type[1:])
            if path is None:
                return None
            current = self._marked_head(where, path, deps)
            for step in path.steps:
                current = self._member(current, step, deps, [], depth) if current else None
            return current
        if head_type is not None:
            return self._declared(where, head_type, deps, "")
        node = scope.lookup(where, name)
        return self._value(node, r.head.called, deps, depth)

    def _declared(
        self, where: str, text: str | None, deps: Deps, by: str, file: str | None = None
    ) -> Typed | None:
        if not text:
            return None
        cls = self.types.resolve(where, text, deps, file)
        return Typed(cls, by) if cls is not None else None

    def _callback_parameter(self, where: str, text: str, deps: Deps, depth: int) -> Typed | None:
        """A callback's parameter (`@{callee#n}:{arg}.{param}`): typed by what the call
        it is passed to declares for it (the callee's ``callback_params``)."""
        local_id, _, position = text[1:].rpartition(":")
        call = self.scope.s.get(f"{self.scope.file}->{NodeType.CALL}->{local_id}")
        if call is None or depth >= MAX_VARIABLE_DEPTH:
            return None
        target = self.resolve_call(call, depth + 1)
        if target is not None and target.type == NodeType.CLASS:
            target = lookup_member(self.scope.snap, self.scope.idx, target, "constructor")
        if target is None or target.type not in (NodeType.FUNCTION, NodeType.METHOD):
            return None
        params = target.attrs.get("callback_params")
        declared = params.get(position) if isinstance(params, dict) else None
        return self._declared(scope_of(target.id), declared, deps, target.id, target.file)

    def _value(
        self, node: SummaryNode | None, called: bool, deps: Deps, depth: int
    ) -> Typed | None:
        """The class of the value a name is bound to (called: of what calling it returns)."""
        if node is None:
            return None
        if node.type == NodeType.MODULE:
            return None if called else Typed(node, "")  # `mod.x.m()`: a step into it
        if node.type == NodeType.CLASS:
            return Typed(node, "", instance=called)  # `X().m()`, or `X.m()` on the class
        if node.type in (NodeType.FUNCTION, NodeType.METHOD):
            if not called:
                return None
            return self._edge(node, EdgeType.RETURNS_TYPE)
        if node.type != NodeType.VARIABLE or called:
            return None
        typed = self._edge(node, EdgeType.HAS_TYPE) or self._edge(node, EdgeType.INSTANCE_OF)
        if typed is not None:
            return typed
        callee = str_attr(node.attrs, "assigned_call")
        if callee and node.file == self.scope.file and depth < MAX_VARIABLE_DEPTH:
            return self._from_call(node, callee, depth + 1)
        return None

    def _edge(self, node: SummaryNode, etype: EdgeType) -> Typed | None:
        """The class a node's HAS_TYPE / INSTANCE_OF / RETURNS_TYPE edge points at."""
        key = (node.id, etype)
        if key in self._edges:
            return self._edges[key]
        found = None
        for e in self.scope.snap.edges_out(node.id, etype):
            target = self.scope.idx.node(self.scope.snap, e.dst)
            if target is not None and target.type == NodeType.CLASS:
                found = Typed(target, node.id)
                break
        self._edges[key] = found
        return found

    def _from_call(self, var: SummaryNode, callee: str, depth: int) -> Typed | None:
        """A local bound to a call: what every call of that callee text in its scope gives."""
        return self._from_calls(scope_of(var.id), callee, var.id, depth)

    def _from_calls(self, where: str, callee: str, by: str, depth: int) -> Typed | None:
        if depth > MAX_VARIABLE_DEPTH:
            return None
        calls = self._calls_by_callee().get((where, callee), [])
        resolved = [self.resolve_call(c, depth) for c in calls]
        targets = {t.id: t for t in resolved if t is not None}
        if len(targets) != 1 or None in resolved:
            return None  # calls of that text disagree (or one is unknown): no guess
        target = next(iter(targets.values()))
        if target.type == NodeType.CLASS:
            return Typed(target, by)
        if target.type in (NodeType.FUNCTION, NodeType.METHOD):
            typed = self._edge(target, EdgeType.RETURNS_TYPE)
            return Typed(typed.cls, by or target.id) if typed is not None else None
        return None

    def _calls_by_callee(self) -> dict[tuple[str, str], list[SummaryNode]]:
        if self._calls is None:
            self._calls = {}
            for n in self.scope.s.calls():
                callee = n.attrs.get("callee")
                if isinstance(callee, str):
                    # `file->CALL->{scope}->{leaf}`: the scope part, without parse_id.
                    where = n.id.split("->", 3)[2]
                    self._calls.setdefault((where, callee), []).append(n)
        return self._calls

    # -- the steps ---------------------------------------------------------------------

    def _member(
        self, current: Typed, step: Step, deps: Deps, used: list[str], depth: int
    ) -> Typed | None:
        cls = current.cls
        snap, idx = self.scope.snap, self.scope.idx
        if cls.type == NodeType.MODULE:
            node = self.scope.member_of_module(cls, step.name, deps)
            if node is not None and node.type == NodeType.MODULE and not step.called:
                return Typed(node, "")
            return self._value(node, step.called, deps, MAX_VARIABLE_DEPTH)
        used.append(cls.id)
        member = lookup_member(snap, idx, cls, step.name)
        if member is None:
            return None
        if member.type == NodeType.METHOD:
            getter = _is_getter(member)
            if step.called == getter:
                return None  # a method not called, or a getter called
            return self._edge(member, EdgeType.RETURNS_TYPE)
        if member.type == NodeType.CLASS:
            return Typed(member, "")
        if member.type == NodeType.VARIABLE and not step.called:
            typed = self._edge(member, EdgeType.HAS_TYPE) or self._edge(
                member, EdgeType.INSTANCE_OF
            )
            callee = str_attr(member.attrs, "assigned_call")
            if (
                typed is None
                and callee
                and member.file == self.scope.file
                and depth < MAX_VARIABLE_DEPTH
                and member.id not in self._typing
            ):
                # `self.log = self.get_logger()` in this file: what that call returns
                # (`self.x = self.x.copy()` must not chase itself).
                self._typing.add(member.id)
                try:
                    typed = self._from_member_calls(cls, member, callee, depth + 1)
                finally:
                    self._typing.discard(member.id)
            return typed
        return None

    def _from_member_calls(
        self, cls: SummaryNode, member: SummaryNode, callee: str, depth: int
    ) -> Typed | None:
        """A class attribute bound to a call in one of the class's methods: what every
        call of that callee text in them gives (None when they disagree)."""
        inside = id_path(cls.id) + "."
        resolved: list[SummaryNode | None] = []
        for (where, text), calls in self._calls_by_callee().items():
            if text == callee and where.startswith(inside):
                resolved += [self.resolve_call(c, depth) for c in calls]
        targets = {t.id: t for t in resolved if t is not None}
        if len(targets) != 1 or None in resolved:
            return None
        target = next(iter(targets.values()))
        if target.type == NodeType.CLASS:
            return Typed(target, member.id)
        if target.type in (NodeType.FUNCTION, NodeType.METHOD):
            typed = self._edge(target, EdgeType.RETURNS_TYPE)
            return Typed(typed.cls, member.id) if typed is not None else None
        return None
