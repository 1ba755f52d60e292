"""Child processes that die with their parent, so a killed build leaves nothing running behind it.

Linux only (prctl PR_SET_PDEATHSIG); elsewhere `die_with_parent` only checks that the parent is
still there, and process groups with forwarded signals remain the defence.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def die_with_parent(parent_pid: int) -> None:
    """Have the kernel SIGKILL this process when its parent dies; exit at once if it already has.

    Call it first thing in a forked child (a subprocess `preexec_fn`, a pool initializer), with the
    parent's PID taken before the fork. The signal is sent when the thread that forked the child
    ends, so fork from the main thread.
    """
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died between the fork and the prctl
        os._exit(1)
