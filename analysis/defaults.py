"""Every default value of graphwarden, in one table.

Configuration (`config.py`), the command line and the language server read
their defaults from here, so a default is changed in one place and the
adapters can never disagree (the server once debounced 150 ms, `watch` 300).
"""

from __future__ import annotations

#: Where the graph store lives, relative to the workspace root.
STORE_DIR = ".graphwarden"
#: Files larger than this are skipped with a reason: almost always generated
#: or minified bundles, and parsing them would stall a cycle.
MAX_FILE_BYTES = 4 * 1024 * 1024
#: Quiet time after an edit before its cycle starts (server and `watch`).
DEBOUNCE_MS = 150
#: Longest an edit waits for its cycle while edits keep coming.
MAX_WAIT_MS = 1000
#: Configuration files, in precedence order.
CONFIG_FILES = ("graphwarden.toml", "pyproject.toml")
#: File summaries an enrichment process keeps decoded (per revision, and
#: across revisions; the last this many used, at most twice as many): a whole
#: Django, and bounded for a monorepo. A summary holds its calls packed.
SUMMARY_CACHE_FILES = 3000
#: The same bound in an enrichment worker process (a cold index, a branch
#: switch): it enriches files in path order, so what it reads again is mostly
#: its neighbours' summaries, and 3,000 kept about 40 MB more in each worker
#: of a cold Django index at its peak. 125 instead of 500 (with the flow
#: cache of a worker at 1 MB instead of 4): the language server's processes peak at
#: 361-369 MB instead of 443-449 during the initial index of Django, and a
#: cold `graphwarden index` at 315 instead of 395 MB, for 4 % more CPU time
#: (summaries decoded again; the thirty-fifth session, BENCHMARKS.md).
WORKER_SUMMARY_CACHE_FILES = 125
#: Files whose decoded CALL nodes an enrichment process keeps (the summaries
#: above hold them packed): the files being enriched, a few at a time.
DECODED_CALLS_FILES = 32
#: Files whose decoded front-end nodes a cycle keeps for the next edit's blast
#: radius (per generation: the files being edited).
RECENT_NODES_FILES = 8
#: Files whose last analysis (bytes, analysis, encoded form) the in-process
#: front end keeps, so that an edit inside a comment carries it over
#: (languages/comment_edit.py): the files being typed into.
RECENT_ANALYSES_FILES = 2
#: Files the data-flow interpreter analyses with one revision's memos (call
#: targets, module values, function summaries) before it drops them and starts
#: afresh: they grow with every file a cold index's worker enriches (on Django
#: some 60 MB a worker past 2,000 files), while what a file's analysis reuses
#: is mostly its neighbours'. The results are the same either way (memos are
#: pure functions of the revision). 200 kept each worker of a cold Django
#: index 15 MB lower at its peak than 400, for no CPU time this machine could
#: tell apart (three runs each, the sixteenth session).
DATAFLOW_WORLD_FILES = 200
#: Statements the data flow of one entry (a route, a handler, a module's top
#: level) may run in all: its body, and every summary and call it runs
#: (`[tool.graphwarden.taint] statement_budget`). Each interpreter's own bound
#: bounds no entry: on graphwarden's own code, a big dispatch method calling
#: helpers that call helpers ran 464,000 statements in 40 s, and a pool worker
#: grew to 24 GB on it. The most any entry of Django, Flask, webpack or rxjs
#: runs is 16,754 (webpack's `getArguments.traverse`; Django's 10,920).
DATAFLOW_STATEMENT_BUDGET = 100_000
#: Decoded data-flow facts an enrichment process keeps, counted by the size of
#: their encoding (decoded they take about four times as much): room for the
#: largest file (Django's query.py, 0.9 MB encoded) and what its edit reads.
FLOW_CACHE_ENCODED_BYTES = 4 * 1024 * 1024
#: The same bound in an enrichment worker process (a cold index, a branch
#: switch), whose files come in path order: mostly a file's own flows and its
#: neighbours' are read again.
WORKER_FLOW_CACHE_ENCODED_BYTES = 1 * 1024 * 1024
#: Files analysed in one cycle above which the unreferenced pass decides every
#: candidate again rather than those the change can reach (a branch switch).
UNREFERENCED_INCREMENTAL_MAX_FILES = 200
#: Seconds the language server's cycle worker waits idle after a cycle before
#: it unmaps the store pages it read (store/mapped_pages.py; the page cache
#: keeps them): a burst of edits keeps its working set mapped.
WORKER_RELEASE_IDLE_SECONDS = 2.0
#: Seconds between two unmappings of the store pages a big cycle (a cold
#: index, a branch switch) read, in its process and in each enrichment worker
#: (store/mapped_pages.py): it reads the whole store, which would otherwise
#: stay mapped in every process until the cycle ends. Every 50 ms kept a cold
#: index of Django 15 MB lower at its peak than every 250 ms, for twice the
#: system time spent faulting pages back, in the twelfth session; 20–40 MB
#: lower in the fourteenth (378–398 MB against 416), once the workers' heaps
#: had shrunk to where their mapped pages decide the peak.
BIG_CYCLE_RELEASE_SECONDS = 0.05
#: Seconds after the language server's requests first read the store before
#: it unmaps what they read. Short: the kernel maps 64 KiB or more around each
#: page a request touches, so a second of requests maps a hundred megabytes,
#: while what one request reads again comes back as a few minor faults.
SERVER_RELEASE_SECONDS = 0.5
#: Baseline file written by `check --write-baseline`.
BASELINE_FILE = "graphwarden-baseline.json"
