"""`huibian serve [--full] [ENGINE OPTIONS...]`: the live preview, run by the engine of huibian.engine (no PDFs).

It runs `serve --dirty`: a save rebuilds only the pages it changes (huibian.preview), and the
site is what a full build gives. `--full` rebuilds every page on every save.
"""

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
    parser.add_argument("--full", action="store_true",
                        help="每次保存都重新生成全部页面（默认只重新生成改动涉及的页面）")
    parser.add_argument("options", nargs="*", help="交给引擎的其他参数，例如 -a 127.0.0.1:8001（见 properdocs serve --help）")


def run(args: argparse.Namespace) -> int:
    root = project_root()
    try:
        dirty = [] if args.full or "--dirty" in args.options else ["--dirty"]
        command = engine_command("serve", root, *dirty, *args.options)
    except EngineMissing as problem:
        print(str(problem), file=sys.stderr)
        return 1
    try:
        return subprocess.run(command, cwd=root, env=os.environ.copy(),
                              preexec_fn=functools.partial(die_with_parent, os.getpid())).returncode
    except KeyboardInterrupt:
        return 0
