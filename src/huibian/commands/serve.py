"""`huibian serve [ENGINE OPTIONS...]`: the live preview, run by the engine of huibian.engine (no PDFs)."""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys

from huibian.commands import project_root
from huibian.engine import EngineMissing, engine_command
from huibian.parent_death import die_with_parent


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("options", nargs="*", help="交给引擎的其他参数，例如 -a 127.0.0.1:8001（见 properdocs serve --help）")


def run(args: argparse.Namespace) -> int:
    root = project_root()
    try:
        command = engine_command("serve", *args.options)
    except EngineMissing as problem:
        print(str(problem), file=sys.stderr)
        return 1
    try:
        return subprocess.run(command, cwd=root, env=os.environ.copy(),
                              preexec_fn=functools.partial(die_with_parent, os.getpid())).returncode
    except KeyboardInterrupt:
        return 0
