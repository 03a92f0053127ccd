"""Python declared types: the facts the types and calls enrichers read.

What it records (every annotation erased by `type_text.erase_py`:
`Optional[T]`, `T | None`, string annotations, generics to their base):

* ``returns`` on functions and methods: the return annotation;
* ``declared_type`` on variables: the annotation (module level, class
  level: dataclass and NamedTuple fields and plain `x: T` declarations,
  ``self.x: T = ...``), or the declared type of the parameter or local it
  is assigned from (``self.repo = repo`` where ``repo: Repo``);
* on each call, what the first name of its callee is bound to *lexically*
  inside the enclosing functions, which only the front end can see:
  ``head_type`` for a parameter or local with a declared type (an
  ``except E as e`` binds `e` to `E`), ``head_local`` for a local whose type
  is unknown (an untyped parameter, a loop or `with` target, a lambda or
  comprehension variable, any other assignment). A call whose head is
  local never resolves through a same-named binding further out.

Names imported under ``if TYPE_CHECKING:`` are ordinary module-level imports
in the graph already, so annotations naming them resolve like any name.

The first parameter of a method (``self`` / ``cls``) is left unbound: the
enrichers know it as the enclosing class. The environment is a stack of
frames popped by position like the builder's scopes: no recursion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tree_sitter as ts

from graphwarden.analysis.languages.base import GraphBuilder
from graphwarden.analysis.languages.type_frames import FrameStack
from graphwarden.analysis.languages.type_text import element_py, erase_py
from graphwarden.analysis.model import NodeAttrs

#: Marks a binding whose type is unknown in a frame.
UNKNOWN = ""
#: Marks a local bound to a call: a VARIABLE node the enrichers type from it.
VARIABLE = "="
_STATIC = ("staticmethod",)


@dataclass
class _Frame:
    end_byte: int
    names: dict[str, str] = field(default_factory=dict)
    #: Parameters of a named function (graph PARAMETER nodes); empty for lambdas.
    graph_params: frozenset[str] = frozenset()
    #: Locals whose declared type is a collection: what iterating them gives.
    elements: dict[str, str] = field(default_factory=dict)


class PyTypes(FrameStack[_Frame]):
    """Declared-type facts of one Python file, made during the front end's sweep."""

    def __init__(self, b: GraphBuilder) -> None:
        super().__init__()
        self.b = b

    # -- frames ------------------------------------------------------------------------

    def bind(self, name: str, erased: str | None) -> None:
        """A local binding in the innermost function (nothing at module or class level).

        A name bound twice in one function with different types (a loop
        variable reassigned, `x = f(); x = x.copy()`) is of unknown type: its
        VARIABLE records only the first binding, which would be a guess.
        """
        if self._frames:
            names = self._frames[-1].names
            value = erased or UNKNOWN
            previous = names.get(name)
            if previous is not None and (previous != value or value == VARIABLE):
                value = UNKNOWN
            names[name] = value

    def bind_targets(self, target: ts.Node | None, erased: str | None = None) -> None:
        """Every name a target binds (`a, (b, c)`), typed only when it is one name."""
        if target is None:
            return
        if target.type == "identifier":
            self.bind(self.b.src.text(target), erased)
            return
        erased = None if erased == VARIABLE else erased
        todo = [target]
        while todo:
            n = todo.pop()
            if n.type == "identifier":
                self.bind(self.b.src.text(n), None)
            elif n.type in (
                "pattern_list",
                "tuple_pattern",
                "list_pattern",
                "tuple",
                "list",
                "as_pattern_target",
                "list_splat_pattern",
                "parenthesized_expression",
            ):
                todo.extend(n.named_children)

    def enter_function(self, fn: ts.Node, is_method: bool, decorators: list[str]) -> None:
        """Open a function's frame: its parameters with their declared types."""
        frame = _Frame(fn.end_byte)
        params = fn.child_by_field_name("parameters")
        skip_first = is_method and not any(d in _STATIC for d in decorators)
        for i, p in enumerate(params.named_children if params is not None else ()):
            if i == 0 and skip_first:
                continue
            name, annotation = self._parameter(p)
            if name:
                frame.names[name] = erase_py(annotation) or UNKNOWN
                element = element_py(annotation)
                if element:
                    frame.elements[name] = element
        frame.graph_params = frozenset(frame.names)
        self._frames.append(frame)

    def enter_comprehension(self, node: ts.Node) -> None:
        """A comprehension's own scope: its loop variables, of unknown type."""
        self._frames.append(_Frame(node.end_byte))
        for clause in node.named_children:
            if clause.type == "for_in_clause":
                self.bind_targets(clause.child_by_field_name("left"))

    def enter_lambda(self, node: ts.Node) -> None:
        frame = _Frame(node.end_byte)
        params = node.child_by_field_name("parameters")
        for p in params.named_children if params is not None else ():
            name, _ = self._parameter(p)
            if name:
                frame.names[name] = UNKNOWN
        self._frames.append(frame)

    def _parameter(self, p: ts.Node) -> tuple[str | None, str | None]:
        """(name, annotation text) of one parameter node."""
        src = self.b.src
        annotation = p.child_by_field_name("type")
        ann = src.text(annotation) if annotation is not None else None
        node: ts.Node | None = p
        if p.type in ("default_parameter", "typed_default_parameter"):
            node = p.child_by_field_name("name")
        elif p.type == "typed_parameter":
            node = p.named_children[0] if p.named_child_count else None
        if node is not None and node.type in ("list_splat_pattern", "dictionary_splat_pattern"):
            # `*args: T` is a tuple of T, `**kw: T` a dict: not a T.
            node = node.named_children[0] if node.named_child_count else None
            ann = None
        if node is None or node.type != "identifier":
            return None, None
        return src.text(node), ann

    # -- definitions -------------------------------------------------------------------

    def function_attrs(self, fn: ts.Node) -> NodeAttrs:
        """``returns`` of a function or method."""
        ret = fn.child_by_field_name("return_type")
        erased = erase_py(self.b.src.text(ret)) if ret is not None else None
        return {"returns": erased} if erased else {}

    def value_type(self, value: ts.Node | None) -> str | None:
        """The declared type of a value that is a typed parameter or local."""
        if value is not None and value.type == "identifier":
            return self._lookup(self.b.src.text(value)) or None
        return None

    def assignment(
        self, left: ts.Node | None, right: ts.Node | None, annotation: ts.Node | None
    ) -> str | None:
        """Bind an assignment's names in the function; the declared type it gives them
        (`right` is the value: of `a = b = v`, `v`)."""
        declared = erase_py(self.b.src.text(annotation)) if annotation is not None else None
        if declared is None:
            declared = self.value_type(right)
        if left is not None and left.type == "identifier" and annotation is not None:
            element = element_py(self.b.src.text(annotation))
            if element and self._frames:
                self._frames[-1].elements[self.b.src.text(left)] = element
        if left is not None and left.type != "attribute":
            if right is not None and right.type == "call" and declared is None:
                # `x = f()`: a local VARIABLE the enrichers type from its call.
                self.bind_targets(left, VARIABLE)
            else:
                self.bind_targets(left, declared)
        return declared

    def for_loop(self, node: ts.Node) -> None:
        """`for x in xs:`: x is an element of xs when xs's annotation says which."""
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        element = None
        if right is not None and right.type == "identifier":
            frame = self._binder(self.b.src.text(right))
            element = frame.elements.get(self.b.src.text(right)) if frame else None
        self.bind_targets(left, element)

    def as_pattern(self, node: ts.Node) -> None:
        """`with x as y`, `except E as e` (typed `E`), `case ... as z`."""
        alias = node.child_by_field_name("alias")
        if alias is None:
            return
        declared = None
        parent = node.parent
        if parent is not None and parent.type == "except_clause" and node.named_child_count:
            declared = erase_py(self.b.src.text(node.named_children[0]))
        target = alias.named_children[0] if alias.named_child_count == 1 else alias
        self.bind_targets(target, declared)

    # -- calls -------------------------------------------------------------------------

    def call_attrs(self, callee: str) -> NodeAttrs:
        """``head_type`` / ``head_local`` of a callee's first name (see module docstring)."""
        if not self._frames:
            return {}  # module level: no function binds anything
        # The head from the callee's text (cheaper than walking the tree):
        # `a.b(c).d` -> `a`; a callee starting with anything else has no name head.
        end = len(callee)
        for stop in ".([ ":
            i = callee.find(stop)
            if i != -1 and i < end:
                end = i
        name = callee[:end]
        if not name.isidentifier():
            return {}
        frame = self._binder(name)
        bound = frame.names[name] if frame is not None else None
        if frame is None or bound is None or bound == VARIABLE:
            return {}
        attrs: NodeAttrs = {"head_type": bound} if bound else {"head_local": True}
        if name in frame.graph_params:
            attrs["head_param"] = True
        return attrs
