"""Text to syntax tree: the tokenizer and recursive-descent parser of our Datalog.

Grammar (one program = rules; a query = one body)::

    program  := rule*
    rule     := atom ( ":-" body )? "."
    body     := literal ( "," literal )*
    literal  := atom | ("\\+" | "not") atom | term ("=" | "!=") term
    atom     := name "(" term ( "," term )* ")"
    term     := Variable | "_" | "string" | integer

Variables start with an upper-case letter or "_"; a lone "_" is a wildcard
(every occurrence is a fresh variable). Comments run from "%" or "#" to the
end of the line. Rules are data: this module only builds a syntax tree
(validation.py then checks it); nothing from the workspace is ever executed.
Invariant: every token, and so every atom, literal and rule, carries the
line it was written on, so each later error can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphwarden.analysis.guarantees.datalog.errors import DatalogError
from graphwarden.analysis.guarantees.datalog.program import Program
from graphwarden.analysis.guarantees.datalog.syntax import (
    Atom,
    AtomLiteral,
    ComparisonLiteral,
    Const,
    Literal,
    Rule,
    Term,
    Var,
    wildcard,
)
from graphwarden.analysis.guarantees.datalog.validation import validate

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
class Token:
    kind: str
    text: str
    line: int


def tokenize(text: str, first_line: int = 1) -> list[Token]:
    """The tokens of `text` (whitespace and comments dropped), ending with an "eof" token."""
    toks: list[Token] = []
    line = first_line
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
        toks.append(Token(kind, value, line))
    toks.append(Token("eof", "", line))
    return toks


class _Parser:
    def __init__(self, toks: list[Token]) -> None:
        #: Ends with an "eof" token.
        self.toks = toks
        self.i = 0
        #: Wildcards numbered per text, so two `_` are never the same variable.
        self._fresh = 0

    @property
    def tok(self) -> Token:
        return self.toks[self.i]

    def take(self, kind: str, text: str | None = None) -> Token:
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
                return wildcard(self._fresh)
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
        # `not` is negation only before a predicate name: `not(X)` is an atom.
        if self.at("naf") or (self.at("ident", "not") and self.toks[self.i + 1].kind == "ident"):
            self.i += 1
            return AtomLiteral(self.atom(), negated=True, line=line)
        if self.at("ident") and self.toks[self.i + 1].text == "(":
            return AtomLiteral(self.atom(), line=line)
        left = self.term()
        if not (self.at("eq") or self.at("ne")):
            raise DatalogError("expected a predicate call or a comparison (=, !=)", line)
        op = self.tok.text
        self.i += 1
        return ComparisonLiteral(op, left, self.term(), line=line)

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


def parse_rules(text: str) -> list[Rule]:
    """The rules written in `text`, unvalidated."""
    return _Parser(tokenize(text)).rules()


def _query_body(toks: list[Token]) -> list[Literal]:
    """One rule body, optionally ended by ".", and nothing after it (a query's body)."""
    p = _Parser(toks)
    body = p.body()
    if p.at("punct", "."):
        p.i += 1
    if not p.at("eof"):
        raise DatalogError(f"unexpected {p.tok.text!r} after the query", p.tok.line)
    return body


def parse_query_text(text: str) -> tuple[list[Rule], list[Literal]]:
    """Helper rules, then `?- body.` (or a bare body): (the rules, the body), unvalidated.

    The text is split at its last `?-` token, so a `?-` inside a string or a
    comment is only text, and every line is counted from the text's start.
    """
    toks = tokenize(text)
    marks = [i for i, t in enumerate(toks) if t.kind == "query"]
    if not marks:
        return [], _query_body(toks)
    split = marks[-1]
    rules = _Parser([*toks[:split], Token("eof", "", toks[split].line)]).rules()
    return rules, _query_body(toks[split + 1 :])


def parse_program(text: str, *, require_violation: bool = True) -> Program:
    """Parse and validate a guarantee's rule text; raises DatalogError with the line."""
    rules = parse_rules(text)
    if not rules:
        raise DatalogError("empty rule", 1)
    return validate(rules, require_violation=require_violation)
