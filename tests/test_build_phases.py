"""scripts/build_phases.py: a real `mkdocs build` whose steps get the CPU time they spent themselves."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

# The hooks move a clock of the test's own instead of burning CPU: each step's share is then exact,
# and no figure of this machine's speed is asserted.
HOOKS = '''
import __main__

def on_files(files, config):
    __main__.elapsed += 3.0
    return files

def on_page_markdown(markdown, page, config, files):
    __main__.elapsed += 1.0  # inside MkDocs's Markdown step: must not be counted there
    return markdown
'''

WITH_TEST_CLOCK = f'''
import sys
sys.path.insert(0, {str(REPO / "scripts")!r})
import build_phases
from pathlib import Path

elapsed = 0.0
build_phases.clock = lambda: elapsed
build_phases.main(Path(sys.argv[1]))
'''


def site(root: Path, hooks: bool = True) -> Path:
    """Two pages; with `hooks`, the hooks above move the test's clock."""
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# 首页\n\n正文。\n", encoding="utf-8")
    (root / "docs" / "other.md").write_text("# 另一页\n\n[首页](index.md)\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    if hooks:
        (root / "hooks.py").write_text(HOOKS, encoding="utf-8")
        with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write("hooks:\n  - hooks.py\n")
    return root


def test_each_step_gets_exactly_the_time_it_spent_itself(tmp_path: Path) -> None:
    out = tmp_path / "steps.json"
    done = subprocess.run([sys.executable, "-c", WITH_TEST_CLOCK, str(out)], cwd=site(tmp_path),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "other" / "index.html").is_file()

    found = json.loads(out.read_text(encoding="utf-8"))
    assert found["pages"] == 2 and found["total"] == 5.0
    spent = {step: seconds for step, seconds in found["steps"].items() if seconds}
    # The Markdown step and the event that ran the page hook both enclose it; only the event gets its time.
    assert spent == {"event:files": 3.0, "event:page_markdown": 2.0}


def test_the_real_clock_gives_every_step_a_figure(tmp_path: Path) -> None:
    out = tmp_path / "steps.json"
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "build_phases.py"), str(out)], cwd=site(tmp_path, hooks=False),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    found = json.loads(out.read_text(encoding="utf-8"))
    assert found["pages"] == 2
    assert {"start-up", "config", "templates", "markdown", "event:files", "event:page_markdown"} <= set(found["steps"])
    # Present and well-formed only: a timing's value is never asserted.
    assert all(re.fullmatch(r"-?\d+\.\d+(e-?\d+)?", json.dumps(value)) for value in [*found["steps"].values(),
                                                                                       found["total"]])
