"""The command line's one error type, and how configuration errors become it.

Commands raise `UsageError` for anything the user can fix (a bad path, a
broken configuration, a store that may not be opened); `main.py` turns it into
one line on stderr and exit code 2, in one place, so CI logs always show the
reason the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphwarden.analysis.config import ConfigError


class UsageError(Exception):
    """A problem with how graphwarden was invoked: exit 2 with this one line."""


def config_failure(errors: Sequence[ConfigError]) -> UsageError:
    """One line for a configuration's errors: the first, and how many more."""
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return UsageError(f"configuration error: {first}{more}")
