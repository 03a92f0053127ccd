"""An edit at the end of one line that touched only a comment or spaces: the last analysis carried over.

Typing a comment is much of what a developer types, and a file's analysis
(13 ms for Django's 480-line `text.py`, 84 ms for `query.py`) is an edit
cycle's largest stage. No record a front end makes reads a line comment's
text (content hashes cut comments out, content_hash.py; the flow IR holds
no positions) except a suppression, and nothing but a position sees its
length. So when an edit only adds, removes or changes what follows the last
code token of one line (spaces and a trailing comment), the analysis of the
new text is the old one with the ends of the nodes that reach the trailing
comment (a block, a function, a class whose last line it trails) moved: to
the new comment's end, or back to the line's last token. `comment_edit`
proves an edit is one and says which ends move; `carried_over` moves them.
`tests/test_comment_edit.py` holds the result to a fresh analysis of
comments of real files, added, removed and edited.

What is checked, on both texts' trees: neither the text removed nor the
text added holds a line break; in both, nothing but spaces and one trailing
line comment follows the edit's start on its line (so the code tokens of
the line, before the edit, are the same), and the trailing comment sits at
statement level (inside an expression or a parameter list, its text is part
of a text some record keeps as written: a signature, a call's callee). The
nodes that end on the line after its code, in either tree, are the same
nodes; each moves to where its twin ends. Everything else is refused and
analysed afresh: JSDoc and other block comments, a suppression marker in
either text, the first two lines of a Python file (an encoding declaration),
a text that does not decode, a tree with an error, a line with no code
that gains or loses its comment (ends would move across lines), and
anything the last analysis skipped or found errors in.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import tree_sitter as ts

from graphwarden.analysis.languages import javascript, python
from graphwarden.analysis.languages.source import SourceText
from graphwarden.analysis.model import POSITION_KEYS, AttrValue, FileAnalysis, Node, Range

#: A suppression marker (suppressions.py): a comment holding it is a record of its own.
_MARKER = b"graphwarden"
#: What ends a line for the grammars (JavaScript's LINE and PARAGRAPH SEPARATOR too).
_LINE_BREAKS = (b"\n", b"\r", "\u2028".encode(), "\u2029".encode())

#: Statements and their containers: a comment whose every ancestor is one of
#: these sits between statements (or after one on its line, or after a
#: compound statement's colon). Anywhere else it is inside an expression, a
#: parameter list or a callback, part of a text some record keeps as written
#: (a signature, a call's callee text): refused.
_STATEMENT_LEVEL = frozenset(
    {
        # Python
        "module",
        "block",
        "if_statement",
        "elif_clause",
        "else_clause",
        "for_statement",
        "while_statement",
        "try_statement",
        "except_clause",
        "finally_clause",
        "with_statement",
        "function_definition",
        "class_definition",
        "decorated_definition",
        # JavaScript and TypeScript
        "program",
        "export_statement",
        "statement_block",
        "class_body",
        "class_declaration",
        "abstract_class_declaration",
        "function_declaration",
        "generator_function_declaration",
        "method_definition",
        "for_in_statement",
        "do_statement",
        "catch_clause",
        "switch_statement",
        "switch_body",
        "switch_case",
        "switch_default",
    }
)

#: JavaScript functions written as values (callbacks): their bodies are statements.
_CALLBACKS = frozenset({"arrow_function", "function_expression", "function", "generator_function"})
#: What a callback's way up may pass through inside a display or a call's arguments
#: (`{ handle(req) {...} }`, `{ key: () => {...} }`, `[cb]`, `(cb)`).
_CALLBACK_VALUES = _CALLBACKS | {"object", "pair", "method_definition", "class"}
#: A callback's way up to the statement that holds it: a call's arguments or a
#: display (`app.get(p, (req, res) => {...})`), whose child must be one of those ...
#: A call's callee (`a.then(cb).catch`) and receiver are texts records keep: not there.
_CALLBACK_DISPLAYS = frozenset({"arguments", "object", "array", "parenthesized_expression"})
#: ... then the field of a node that holds it (None: any child): bound to a name
#: (`const load = async () => {...}`, `module.exports = (req, res) => {...}`),
#: awaited or returned.
_CALLBACK_HOLDERS = {
    "pair": "value",
    "class": "body",
    "call_expression": "arguments",
    "new_expression": "arguments",
    "variable_declarator": "value",
    "lexical_declaration": None,
    "variable_declaration": None,
    "assignment_expression": "right",
    "await_expression": None,
    "expression_statement": None,
    "return_statement": None,
}

#: Bodies no record spans: a block starts where its first statement starts
#: and may end elsewhere, so it is left out when a record is matched to
#: the tree node it was made from by its start.
_BODIES = frozenset({"block", "statement_block", "class_body", "switch_body"})

#: The attributes that hold positions (ranges flattened four by four).
_POSITION_ATTRS = sorted(POSITION_KEYS)


@dataclass(frozen=True)
class CommentEdit:
    """The ends that move on one line: (start line, start column, old end column) ->
    new end column, in code points; the start identifies the node."""

    line: int
    moves: dict[tuple[int, int, int], int]


def _common_prefix(a: bytes, b: bytes) -> int:
    """Length of the longest common prefix (halving slices: comparisons run in C)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """Length of the longest common suffix, at most `limit`."""
    lo, hi = 0, limit
    la, lb = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _parser(file: str, language: str) -> ts.Parser | None:
    if language == "python":
        return ts.Parser(python.LANGUAGE)
    if language in ("javascript", "typescript"):
        return ts.Parser(javascript.DIALECTS[javascript.dialect_for(file)])
    return None


def _row_end(data: bytes, pos: int) -> int:
    end = data.find(b"\n", pos)
    return len(data) if end == -1 else end


def _line_end(data: bytes, pos: int) -> int:
    ends = [e for e in (data.find(br, pos) for br in _LINE_BREAKS) if e != -1]
    return min(ends, default=len(data))


def _leaf_after(root: ts.Node, pos: int) -> ts.Node | None:
    """The first token that ends after byte `pos` (the one holding it, if any)."""
    cursor = root.walk()
    if cursor.goto_first_child_for_byte(pos) is None:
        return None
    while cursor.goto_first_child_for_byte(pos) is not None:
        pass
    return cursor.node


#: Nodes ending on the edited line after its code: (start byte, type) -> (start
#: row, start byte column, end byte column).
_Ends = dict[tuple[int, str], tuple[int, int, int]]


def _tail(language: str, data: bytes, root: ts.Node, start: int, line: int) -> _Ends | None:
    """The nodes that end in the edited line's tail (after its code) in one text;
    None unless the edit's start lies in that tail (spaces and a trailing line
    comment at statement level)."""
    line_start = data.rfind(b"\n", 0, start) + 1
    # The token that holds or ends at the edit's start (a comment edited at
    # its end), else the first one after it.
    leaf = _leaf_after(root, start - 1) if start > line_start else None
    if leaf is None or (leaf.end_byte <= start and leaf.type != "comment"):
        leaf = _leaf_after(root, start)
    comment = None
    if leaf is not None and leaf.start_byte < _line_end(data, start):
        if leaf.type != "comment" or leaf.start_point[0] != line or leaf.end_point[0] != line:
            return None
        comment = leaf
        text = data[comment.start_byte : comment.end_byte]
        if _MARKER in text or (language == "python" and line < 2):
            return None  # a suppression; PEP 263's encoding declaration
        if language != "python" and not text.startswith(b"//"):
            return None  # block comments: JSDoc types, code after them
        if data[comment.end_byte : _line_end(data, comment.end_byte)].strip():
            return None
        child, ancestor = comment, comment.parent
        while ancestor is not None:
            if ancestor.type not in _STATEMENT_LEVEL and not _holds_callback_body(ancestor, child):
                return None
            child, ancestor = ancestor, ancestor.parent
    ends: _Ends = {}
    if comment is not None:
        node = comment.parent
        while node is not None and node.end_byte == comment.end_byte:
            ends[(node.start_byte, node.type)] = (*node.start_point, node.end_point[1])
            node = node.parent
    # The nodes that end with the line's last code token (before the edit).
    code_end = len(data[line_start:start].rstrip()) + line_start
    if comment is not None:
        code_end = min(code_end, len(data[line_start : comment.start_byte].rstrip()) + line_start)
    if code_end > line_start:
        node = root.descendant_for_byte_range(code_end - 1, code_end)
        if node is None or node.type == "comment":
            return None
        while node is not None and node.end_byte == code_end:
            ends[(node.start_byte, node.type)] = (*node.start_point, node.end_point[1])
            node = node.parent
    elif comment is None:
        return None
    return ends


def _holds_callback_body(node: ts.Node, child: ts.Node) -> bool:
    """Whether `node`, an ancestor of a trailing comment by way of `child`, is a
    JavaScript callback whose body holds it, or what holds such a callback (see
    `_CALLBACK_HOLDERS`): no record keeps the text there as written. The
    comment itself sits at statement level (in the callback's body)."""
    if child.type == "comment":
        return False
    if node.type in _CALLBACKS:
        body = node.child_by_field_name("body")
        return body is not None and body.type == "statement_block" and body == child
    if node.type in _CALLBACK_DISPLAYS:
        return child.type in _CALLBACK_VALUES
    if node.type not in _CALLBACK_HOLDERS:
        return False
    field = _CALLBACK_HOLDERS[node.type]
    return field is None or node.child_by_field_name(field) == child


def comment_edit(file: str, language: str, old: bytes, new: bytes) -> CommentEdit | None:
    """The ends that move when `old` becomes `new`, or None when the edit may be more
    than spaces and a comment at the end of one line."""
    if old == new or old.startswith(b"\xef\xbb\xbf") or new.startswith(b"\xef\xbb\xbf"):
        return None
    start = _common_prefix(old, new)
    suffix = _common_suffix(old, new, min(len(old), len(new)) - start)
    removed, added = old[start : len(old) - suffix], new[start : len(new) - suffix]
    if b"\x00" in added or any(br in removed or br in added for br in _LINE_BREAKS):
        return None
    # The whole row of each (tree-sitter's rows end only at `\n`): JavaScript
    # ends a line comment at a LINE or PARAGRAPH SEPARATOR too, and code after
    # one on the row would move; the prefix may also end inside one, its last
    # byte all that changed.
    line_start = old.rfind(b"\n", 0, start) + 1
    old_line = old[line_start : _row_end(old, start)]
    new_line = new[line_start : _row_end(new, start)]
    if any(br in old_line or br in new_line for br in _LINE_BREAKS[2:]):
        return None
    marker = b"#" if language == "python" else b"//"
    at = start - line_start
    if not (
        marker in old_line[:at]
        or all(
            tail.lstrip().startswith(marker) or not tail.strip()
            for tail in (old_line[at:], new_line[at:])
        )
    ):
        return None  # a code edit, told apart without parsing (most edits are)
    try:
        new.decode("utf-8")
        old_line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    parser = _parser(file, language)
    if parser is None:
        return None
    old_root, new_root = parser.parse(old).root_node, parser.parse(new).root_node
    if old_root.has_error or new_root.has_error:
        return None
    line = old.count(b"\n", 0, start)
    before = _tail(language, old, old_root, start, line)
    after = _tail(language, new, new_root, start, line)
    if before is None or after is None or before.keys() != after.keys():
        return None
    old_src, new_src = SourceText(old), SourceText(new)
    moves: dict[tuple[int, int, int], int] = {}
    for key, (row, col, old_end) in before.items():
        if key[1] in _BODIES:
            continue
        # Where it starts is before the edit: the same in both texts.
        where = (row, old_src.column(row, col), old_src.column(line, old_end))
        new_end = new_src.column(line, after[key][2])
        if moves.setdefault(where, new_end) != new_end:
            return None  # two nodes a record cannot tell apart, moving apart
    return CommentEdit(line, {k: v for k, v in moves.items() if k[2] != v})


def _moved(span: Range, edit: CommentEdit) -> Range:
    if span[2] != edit.line:
        return span
    end = edit.moves.get((span[0], span[1], span[3]))
    return span if end is None else (span[0], span[1], span[2], end)


def _moved_positions(value: AttrValue, edit: CommentEdit) -> AttrValue:
    """A position attribute (one range, or ranges flattened four by four) moved."""
    if not isinstance(value, list) or len(value) % 4 or not all(isinstance(v, int) for v in value):
        return value
    out: list[int] = [int(v) for v in value]
    for i in range(0, len(out), 4):
        out[i + 3] = _moved((out[i], out[i + 1], out[i + 2], out[i + 3]), edit)[3]
    return out


def carried_over(analysis: FileAnalysis, edit: CommentEdit) -> FileAnalysis:
    """`analysis` (of the old text) as a fresh analysis of the edited text makes it.

    The old analysis is left as it was (a cache may hold it)."""
    if not edit.moves:
        return analysis
    nodes: list[Node] = []
    for node in analysis.nodes:
        span = _moved(node.range, edit)
        attrs = node.attrs
        for key in _POSITION_ATTRS:
            value = attrs.get(key)
            if value is not None and (moved := _moved_positions(value, edit)) != value:
                attrs = {**attrs, key: moved}
        nodes.append(
            node
            if span is node.range and attrs is node.attrs
            else dataclasses.replace(node, range=span, attrs=attrs)
        )
    return dataclasses.replace(analysis, nodes=nodes)
