"""scripts/build_phases.py: a real `mkdocs build` whose steps get the CPU time they spent themselves."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

HOOKS = '''
import time

def burn(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass

def on_files(files, config):
    burn(0.3)
    return files

def on_page_markdown(markdown, page, config, files):
    burn(0.1)  # inside MkDocs's Markdown step: must not be counted there
    return markdown
'''


def test_each_step_gets_the_cpu_time_it_spent_itself(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n\n正文。\n", encoding="utf-8")
    (tmp_path / "docs" / "other.md").write_text("# 另一页\n\n[首页](index.md)\n", encoding="utf-8")
    (tmp_path / "hooks.py").write_text(HOOKS, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\nhooks:\n  - hooks.py\n", encoding="utf-8")
    out = tmp_path / "steps.json"
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "build_phases.py"), str(out)], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "other" / "index.html").is_file()

    found = json.loads(out.read_text(encoding="utf-8"))
    steps = found["steps"]
    assert found["pages"] == 2
    assert all(isinstance(spent, float) and spent >= 0 for spent in [*steps.values(), found["total"]])
    assert {"start-up", "config", "templates", "markdown"} <= set(steps)
    # The hooks burn CPU until process_time has moved on by that much, so these lower bounds hold by
    # construction on any machine, however busy; no upper bound (that would assert a timing).
    assert steps["event:files"] >= 0.3
    assert steps["event:page_markdown"] >= 0.2  # 0.1 s on each of the two pages
    assert steps["markdown"] < steps["event:page_markdown"]  # the hook's CPU is not counted in MkDocs's Markdown step
    assert found["total"] >= 0.5  # the whole process, the hooks' 0.5 s included
