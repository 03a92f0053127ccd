"""What a GraphQL schema (SDL) declares of its fields' arguments.

Why this module exists: a resolver `(parent, args) => User.findOne({ email:
args.email })` is handed the query's arguments as the server validated them
against the schema, and `teammate(email: String!)` means `args.email` is a
string (no NoSQL operator object), `limit: Int` a number. The schema is text
in the module (`const typeDefs = \\`#graphql type Query {...}\\``, gql`...`), not
code the interpreter follows, so it is read here from the module's strings.

What an argument's declared type proves:

* `Int`, `Float`, `Boolean`, or an `enum` the schema declares: no attack of
  any class;
* `String`, `ID`: a string, so no NoSQL operator;
* an `input` type the schema declares: what each of its fields' types
  proves of that field (`pairing: PairingInput` with `code: String!`:
  `pairing.code` is a string), one level down;
* anything else (a list, a custom scalar such as `JSON`): nothing.

Arguments are keyed by name alone (a resolver's place in the resolver map is
not followed): an argument name declared with several types proves only what
every one of them does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graphwarden.analysis.dataflow.values import ALL

_NOSQL = frozenset({"nosql-injection"})
_SCALARS = frozenset({"Int", "Float", "Boolean"})
_STRINGS = frozenset({"String", "ID"})
#: Text that is a schema, not any string: an object type's or input's block.
_SCHEMA = re.compile(r"\b(?:type|input|interface)\s+\w+[^{]*\{")
_DESCRIPTIONS = re.compile(r'"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"')
_COMMENTS = re.compile(r"#[^\n]*")
_ENUMS = re.compile(r"\benum\s+(\w+)")
#: An input type's block: its name and its fields.
_INPUTS = re.compile(r"\binput\s+(\w+)[^{]*\{([^{}]*)\}")
#: A field's argument list: `name(` ... `)` inside a block.
_ARGUMENTS = re.compile(r"\w+\s*\(([^()]*)\)\s*:")
_ARGUMENT = re.compile(r"(\w+)\s*:\s*([\w\[\]!\s]+?)\s*(?:=|@|,|$)")


def argument_classes(texts: Iterable[str]) -> dict[str, frozenset[str]]:
    """Argument name -> the classes its declared type makes safe, over the
    schemas among `texts` (strings of a module); names whose types prove
    nothing are left out."""
    schemas = [t for t in texts if _SCHEMA.search(t)]
    if not schemas:
        return {}
    cleaned = [_COMMENTS.sub("", _DESCRIPTIONS.sub("", t)) for t in schemas]
    enums = {name for text in cleaned for name in _ENUMS.findall(text)}
    inputs: dict[str, dict[str, frozenset[str]]] = {}
    for text in cleaned:
        for type_name, body in _INPUTS.findall(text):
            inputs[type_name] = {
                name: _type_classes(declared.replace(" ", ""), enums)
                for name, declared in _ARGUMENT.findall(body.replace("\n", ","))
            }
    found: dict[str, frozenset[str]] = {}

    def note(name: str, classes: frozenset[str]) -> None:
        found[name] = classes if name not in found else found[name] & classes

    for text in cleaned:
        for arguments in _ARGUMENTS.findall(text):
            for name, declared in _ARGUMENT.findall(arguments.replace("\n", ",")):
                declared = declared.replace(" ", "")
                note(name, _type_classes(declared, enums))
                for field, classes in inputs.get(declared.rstrip("!"), {}).items():
                    # (An argument of an input type: its fields, by a dotted key.)
                    note(f"{name}.{field}", classes)
    return {name: classes for name, classes in sorted(found.items()) if classes}


def _type_classes(declared: str, enums: set[str]) -> frozenset[str]:
    base = declared.rstrip("!")
    if base in _SCALARS or base in enums:
        return ALL
    if base in _STRINGS:
        return _NOSQL
    return frozenset()
