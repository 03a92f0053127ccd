"""The cycle: from a set of changed files to a consistent graph.

1. analysis      front ends parse the changed files (a process pool when many);
2. blast radius  on the live graph, before commit: files outside the change
                 with edges into nodes that disappear or whose signature
                 changes (subclasses followed transitively), plus files
                 waiting on placeholders the change may satisfy;
3. commit        one CommitBatch per file (chunked for big changes);
4. enrichment    enrichers in topological order, each over
                 relevant_files(delta) ∩ (changed ∪ blast radius ∪ propagated);
                 when a file's shard changes, downstream enrichers re-run there;
5. guarantees    once, after all enrichment (the hook is set by the caller);
6. canary        nodes whose content hash changed while nothing the analysis
                 produced for them did: coverage gaps.

Modules: `stats` (what callers see: FileChange, CycleStats, CoverageGap and
the Progress / GuaranteeHook protocols), `state` (what the stages share:
CycleEnvironment, CycleState, PendingWork), one module per stage
(`analysis_commit` for 1-3 with `blast_radius`, `enrichment`, `canary`),
and `run`, which runs them in order. The orchestrator (analysis/orchestrator.py)
owns the workspace and calls `run.run_cycle` under its cycle lock.

The result of any sequence of cycles equals a from-scratch index of the same
files: tests/test_incremental_equivalence.py holds the project to that.

This package imports nothing on its own, so that importing `cycle.stats`
(as sessions and adapters do) loads no stage code.
"""
