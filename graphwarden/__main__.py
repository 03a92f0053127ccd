"""`python -I -m graphwarden ...`: the command line, run as a module.

Run it in isolated mode (``-I``): without it Python puts the working
directory first on ``sys.path``, and a workspace holding a ``graphwarden/``
package would be imported instead of this one. As a second line of defence,
the working directory is taken off ``sys.path`` before anything else is
imported, so nothing imported lazily later (a codec, a library) can come from
the workspace either.
"""

import os
import sys


def _drop_working_directory() -> None:
    cwd = os.getcwd()
    sys.path[:] = [p for p in sys.path if p not in ("", ".", cwd)]


_drop_working_directory()

from graphwarden.cli.main import main  # noqa: E402  (after the sys.path fix, on purpose)

if __name__ == "__main__":
    sys.exit(main())
