"""Parser and validator for graphwarden's Datalog dialect.

Grammar (one program = rules; a query = one body)::

    program  := rule*
    rule     := atom ( ":-" body )? "."
    body     := literal ( "," literal )*
    literal  := atom | ("\\+" | "not") atom | term ("=" | "!=") term
    atom     := name "(" term ( "," term )* ")"
    term     := Variable | "_" | "string" | integer

Variables start with an upper-case letter or "_"; a lone "_" is a wildcard
(every occurrence is a fresh variable). Comments run from "%" or "#" to the
end of the line. Rules are data: this module only builds a syntax tree and
checks it (known predicates, arities, safety, stratification); nothing from
the workspace is ever executed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Predicates the engine provides, with their arities (a name may have several).
BUILTINS: dict[str, frozenset[int]] = {
    "node": frozenset({2}),
    "edge": frozenset({3}),
    "attr": frozenset({3}),
    "path": frozenset({2, 3}),
}
#: The predicate a guarantee defines: violation(X) or violation(X, Message).
VIOLATION = "violation"


class DatalogError(Exception):
    """A parse or validation error, with the 1-based line inside the rule text."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Var:
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Const:
    value: str

    def __str__(self) -> str:
        return '"' + self.value.replace("\\", "\\\\").replace('"', '\\"') + '"'


Term = Var | Const


@dataclass(frozen=True, slots=True)
class Atom:
    pred: str
    args: tuple[Term, ...]
    line: int = 1

    @property
    def key(self) -> tuple[str, int]:
        return (self.pred, len(self.args))

    def vars(self) -> set[str]:
        return {a.name for a in self.args if isinstance(a, Var)}

    def __str__(self) -> str:
        return f"{self.pred}({', '.join(map(str, self.args))})"


@dataclass(frozen=True, slots=True)
class Literal:
    """A body element: an atom (possibly negated) or a comparison (`=`, `!=`)."""

    atom: Atom | None = None
    negated: bool = False
    op: str | None = None
    left: Term | None = None
    right: Term | None = None
    line: int = 1

    def vars(self) -> set[str]:
        if self.atom is not None:
            return self.atom.vars()
        return {t.name for t in (self.left, self.right) if isinstance(t, Var)}


@dataclass(slots=True)
class Rule:
    head: Atom
    body: list[Literal]
    line: int = 1

    def __str__(self) -> str:
        if not self.body:
            return f"{self.head}."
        return f"{self.head} :- ..."


def typed_variables(rule: Rule) -> dict[str, str]:
    """Variables a rule pins to a node type with a positive `node(X, "TYPE")`."""
    typed: dict[str, str] = {}
    for lit in rule.body:
        a = lit.atom
        if (
            a is not None
            and a.pred == "node"
            and not lit.negated
            and isinstance(a.args[0], Var)
            and isinstance(a.args[1], Const)
        ):
            typed[a.args[0].name] = a.args[1].value
    return typed


@dataclass
class Program:
    """Validated rules, grouped into strata (lists of predicate keys, lowest first)."""

    rules: list[Rule]
    strata: list[list[tuple[str, int]]] = field(default_factory=list)

    @property
    def idb(self) -> set[tuple[str, int]]:
        return {r.head.key for r in self.rules}

    def mentioned_types(self) -> tuple[set[str] | None, set[str] | None]:
        """(node types, edge types) the program's facts depend on; None means any.

        Used to re-check a rule only when a type it mentions changed: a
        variable type argument, `attr` on an untyped node, or `path/2` (all
        edge types) widen the set to everything.
        """
        node_types: set[str] | None = set()
        edge_types: set[str] | None = set()
        for rule in self.rules:
            typed = typed_variables(rule)
            for lit in rule.body:
                a = lit.atom
                if a is None:
                    continue
                if a.pred == "node":
                    t = a.args[1]
                    if isinstance(t, Const) and node_types is not None:
                        node_types.add(t.value)
                    elif not isinstance(t, Const):
                        node_types = None
                elif a.pred == "attr":
                    x = a.args[0]
                    if isinstance(x, Var) and x.name in typed:
                        if node_types is not None:
                            node_types.add(typed[x.name])
                    else:
                        node_types = None
                elif a.pred in ("edge", "path"):
                    t = a.args[2] if len(a.args) == 3 else None
                    if isinstance(t, Const):
                        if edge_types is not None:
                            edge_types.add(t.value)
                    else:
                        edge_types = None
        return node_types, edge_types


# -- tokenizer -------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r]+)
  | (?P<nl>\n)
  | (?P<comment>[%\#][^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<neck>:-)
  | (?P<query>\?-)
  | (?P<naf>\\\+)
  | (?P<ne>!=)
  | (?P<eq>=)
  | (?P<int>-?\d+)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[(),.])
    """,
    re.VERBOSE,
)
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'"}


@dataclass(slots=True)
class _Tok:
    kind: str
    text: str
    line: int


def tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    line = 1
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise DatalogError(f"unexpected character {text[pos]!r}", line)
        kind = m.lastgroup or ""
        value = m.group()
        pos = m.end()
        if kind == "nl":
            line += 1
            continue
        if kind in ("ws", "comment"):
            continue
        if kind == "string":
            value = re.sub(r"\\(.)", lambda e: _ESCAPES.get(e.group(1), e.group(1)), value[1:-1])
        toks.append(_Tok(kind, value, line))
    toks.append(_Tok("eof", "", line))
    return toks


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = tokenize(text)
        self.i = 0
        self._fresh = 0

    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def take(self, kind: str, text: str | None = None) -> _Tok:
        t = self.tok
        if t.kind != kind or (text is not None and t.text != text):
            want = repr(text) if text else kind
            got = repr(t.text) if t.kind != "eof" else "end of input"
            raise DatalogError(f"expected {want}, found {got}", t.line)
        self.i += 1
        return t

    def at(self, kind: str, text: str | None = None) -> bool:
        return self.tok.kind == kind and (text is None or self.tok.text == text)

    def term(self) -> Term:
        t = self.tok
        if t.kind == "string" or t.kind == "int":
            self.i += 1
            return Const(t.text)
        if t.kind == "ident":
            self.i += 1
            if t.text == "_":
                self._fresh += 1
                return Var(f"_#{self._fresh}")
            if t.text[0].isupper() or t.text[0] == "_":
                return Var(t.text)
            raise DatalogError(
                f"{t.text!r} is not a term: variables start with an upper-case letter, "
                'constants are "quoted strings"',
                t.line,
            )
        got = repr(t.text) if t.kind != "eof" else "end of input"
        raise DatalogError(f"expected a variable or a string, found {got}", t.line)

    def atom(self) -> Atom:
        name = self.take("ident")
        if name.text[0].isupper() or name.text[0] == "_":
            raise DatalogError(
                f"predicate names start with a lower-case letter: {name.text!r}", name.line
            )
        self.take("punct", "(")
        args = [self.term()]
        while self.at("punct", ","):
            self.i += 1
            args.append(self.term())
        self.take("punct", ")")
        return Atom(name.text, tuple(args), name.line)

    def literal(self) -> Literal:
        line = self.tok.line
        if self.at("naf") or (self.at("ident", "not") and self.toks[self.i + 1].kind == "ident"):
            self.i += 1
            return Literal(atom=self.atom(), negated=True, line=line)
        if self.at("ident") and self.toks[self.i + 1].text == "(":
            return Literal(atom=self.atom(), line=line)
        left = self.term()
        if not (self.at("eq") or self.at("ne")):
            raise DatalogError("expected a predicate call or a comparison (=, !=)", line)
        op = self.tok.text
        self.i += 1
        return Literal(op=op, left=left, right=self.term(), line=line)

    def body(self) -> list[Literal]:
        lits = [self.literal()]
        while self.at("punct", ","):
            self.i += 1
            lits.append(self.literal())
        return lits

    def rules(self) -> list[Rule]:
        out: list[Rule] = []
        while not self.at("eof"):
            head = self.atom()
            body: list[Literal] = []
            if self.at("neck"):
                self.i += 1
                body = self.body()
            self.take("punct", ".")
            out.append(Rule(head, body, head.line))
        return out


# -- validation ---------------------------------------------------------------------


def _check(rules: list[Rule], require_violation: bool) -> Program:
    defined: dict[str, set[int]] = {}
    for r in rules:
        if r.head.pred in BUILTINS:
            raise DatalogError(
                f"cannot define rules for built-in predicate {r.head.pred!r}", r.line
            )
        arities = defined.setdefault(r.head.pred, set())
        if arities and len(r.head.args) not in arities:
            raise DatalogError(
                f"predicate {r.head.pred!r} is defined with different arities "
                f"{sorted(arities | {len(r.head.args)})}",
                r.line,
            )
        arities.add(len(r.head.args))
    if require_violation:
        v = defined.get(VIOLATION)
        if not v:
            raise DatalogError("the rule defines no violation(X) :- ... clause", 1)
        if not v <= {1, 2}:
            raise DatalogError("violation takes 1 argument (the node) or 2 (node, message)", 1)
    for r in rules:
        for lit in r.body:
            a = lit.atom
            if a is None:
                continue
            if a.pred in BUILTINS:
                if len(a.args) not in BUILTINS[a.pred]:
                    want = " or ".join(str(n) for n in sorted(BUILTINS[a.pred]))
                    raise DatalogError(
                        f"{a.pred} takes {want} arguments, not {len(a.args)}", lit.line
                    )
            elif a.pred in defined:
                (arity,) = defined[a.pred]
                if len(a.args) != arity:
                    raise DatalogError(
                        f"{a.pred} is defined with {arity} arguments, used with {len(a.args)}",
                        lit.line,
                    )
            else:
                known = sorted({*BUILTINS, *defined})
                raise DatalogError(
                    f"unknown predicate {a.pred!r} (known: {', '.join(known)})", lit.line
                )
        _check_safety(r)
    return Program(rules, _stratify(rules))


def _check_safety(r: Rule) -> None:
    """Every variable must be bound by a positive atom: no infinite answers."""
    bound: set[str] = set()
    for lit in r.body:
        if lit.atom is not None and not lit.negated:
            bound |= lit.atom.vars()
    # `X = "const"` or `X = Y` with Y bound also binds X.
    changed = True
    while changed:
        changed = False
        for lit in r.body:
            if lit.op == "=":
                lv, rv = lit.left, lit.right
                for a, b in ((lv, rv), (rv, lv)):
                    b_bound = isinstance(b, Const) or (isinstance(b, Var) and b.name in bound)
                    if isinstance(a, Var) and a.name not in bound and b_bound:
                        bound.add(a.name)
                        changed = True
    for lit in r.body:
        if lit.atom is not None and not lit.negated:
            continue
        for v in sorted(lit.vars()):
            if v not in bound and not v.startswith("_#"):
                what = "negated atom" if lit.negated else "comparison"
                raise DatalogError(
                    f"unsafe variable {v}: it appears in a {what} but in no positive atom "
                    "of the rule body",
                    lit.line,
                )
            if v.startswith("_#") and lit.op is not None:
                raise DatalogError("a wildcard '_' cannot be compared", lit.line)
    for v in sorted(r.head.vars()):
        if v not in bound:
            shown = "_" if v.startswith("_#") else v
            raise DatalogError(
                f"unsafe variable {shown} in the head of {r.head.pred}: "
                "it must appear in a positive atom of the body",
                r.line,
            )


def _stratify(rules: list[Rule]) -> list[list[tuple[str, int]]]:
    """Order IDB predicates so negation only looks at completed lower strata."""
    idb = {r.head.key for r in rules}
    deps: dict[tuple[str, int], set[tuple[tuple[str, int], bool, int]]] = {k: set() for k in idb}
    for r in rules:
        for lit in r.body:
            if lit.atom is not None and lit.atom.key in idb:
                deps[r.head.key].add((lit.atom.key, lit.negated, lit.line))
    # A negative edge inside a strongly connected component is recursion
    # through negation: no stratification, no well-defined answer.
    comp = _components({p: {q for q, _n, _l in ds} for p, ds in deps.items()})
    for r in rules:
        for lit in r.body:
            a = lit.atom
            if lit.negated and a is not None and a.key in idb and comp[a.key] == comp[r.head.key]:
                via = "itself" if a.key == r.head.key else f"{r.head.pred} again"
                raise DatalogError(
                    f"unstratifiable: {r.head.pred} depends on \\+ {a.pred}, which depends on "
                    f"{via} (recursion through negation)",
                    lit.line,
                )
    # stratum(p) >= stratum(q) for positive deps, > for negative; converges
    # because no cycle has a negative edge.
    stratum = dict.fromkeys(idb, 0)
    changed = True
    while changed:
        changed = False
        for p, ds in deps.items():
            for q, neg, _line in ds:
                need = stratum[q] + (1 if neg else 0)
                if stratum[p] < need:
                    stratum[p] = need
                    changed = True
    out: list[list[tuple[str, int]]] = [[] for _ in range(max(stratum.values(), default=0) + 1)]
    for k in sorted(idb):
        out[stratum[k]].append(k)
    return out


def _components(succ: dict[tuple[str, int], set[tuple[str, int]]]) -> dict[tuple[str, int], int]:
    """Strongly connected component number of each predicate (Kosaraju, iterative)."""
    order: list[tuple[str, int]] = []
    seen: set[tuple[str, int]] = set()
    for root in sorted(succ):
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(sorted(succ[root])))]
        while stack:
            v, it = stack[-1]
            nxt = next((w for w in it if w not in seen), None)
            if nxt is None:
                stack.pop()
                order.append(v)
            else:
                seen.add(nxt)
                stack.append((nxt, iter(sorted(succ[nxt]))))
    pred: dict[tuple[str, int], set[tuple[str, int]]] = {k: set() for k in succ}
    for v, ws in succ.items():
        for w in ws:
            pred[w].add(v)
    comp: dict[tuple[str, int], int] = {}
    for i, root in enumerate(reversed(order)):
        if root in comp:
            continue
        todo = [root]
        comp[root] = i
        while todo:
            v = todo.pop()
            for w in pred[v]:
                if w not in comp:
                    comp[w] = i
                    todo.append(w)
    return comp


def parse_program(text: str, *, require_violation: bool = True) -> Program:
    """Parse and validate a guarantee's rule text; raises DatalogError with the line."""
    rules = _Parser(text).rules()
    if not rules:
        raise DatalogError("empty rule", 1)
    return _check(rules, require_violation)


QUERY_HEAD = "__query__"


def parse_query(text: str) -> tuple[Program, list[str]]:
    """Parse `?- body.` or a bare body (helper rules may precede it).

    Returns a program whose `__query__` predicate holds the answers, and the
    names of the variables shown (in order of first appearance, without `_`).
    """
    stripped = text.strip()
    # Rules first (anything up to the last `?-`), then the query body.
    idx = stripped.rfind("?-")
    rules_text, body_text = (stripped[:idx], stripped[idx + 2 :]) if idx >= 0 else ("", stripped)
    rules = _Parser(rules_text).rules() if rules_text.strip() else []
    p = _Parser(body_text)
    offset = rules_text.count("\n")
    for t in p.toks:
        t.line += offset
    body = p.body()
    if p.at("punct", "."):
        p.i += 1
    if not p.at("eof"):
        raise DatalogError(f"unexpected {p.tok.text!r} after the query", p.tok.line)
    names: list[str] = []
    for lit in body:
        terms = lit.atom.args if lit.atom is not None else (lit.left, lit.right)
        for t in terms:
            if isinstance(t, Var) and not t.name.startswith("_") and t.name not in names:
                names.append(t.name)
    head = Atom(QUERY_HEAD, tuple(Var(n) for n in names), 1)
    rules.append(Rule(head, body, body[0].line if body else 1))
    return _check(rules, require_violation=False), names
