"""How long a test may wait before it calls a process or a request stuck.

Tests assert results, never elapsed time: how fast kloof is belongs in
``benchmarks/`` (each with ``--check``). Where a test must stop waiting at some
point, for a server that never answers or a child that hangs, it waits this
long: generous enough that a slow, busy machine never trips it, so only a
failure to finish fails the test.
"""

from __future__ import annotations

#: Seconds to wait for a process to start, answer, or end before calling it stuck.
RUNAWAY_SECONDS = 120
