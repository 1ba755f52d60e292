"""Engines: ProperDocs by default, MkDocs 1.6 too, and the steps (generate → engine → finish) without hooks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from huibian.engine import EngineMissing, engine_command, engine_name, read_site_config

from conftest import REPO, copy_project, run_huibian, tree

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def demo_project(root: Path) -> Path:
    """A copy of this repository's demo collection, as a git repository (the pages show its history)."""
    copy_project(root)
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "demo"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    return root


def test_properdocs_is_the_default_engine_and_mkdocs_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUIBIAN_ENGINE", raising=False)
    assert engine_name() == "properdocs"
    assert engine_command("build", REPO)[1:] == ["-m", "properdocs", "build", "-f", str(REPO / "mkdocs.yml")]
    monkeypatch.setenv("HUIBIAN_ENGINE", "mkdocs")
    assert engine_command("serve", REPO, "--dirty")[1:] == ["-m", "mkdocs", "serve", "-f", str(REPO / "mkdocs.yml"), "--dirty"]
    monkeypatch.setenv("HUIBIAN_ENGINE", "sphinx")
    with pytest.raises(EngineMissing, match="HUIBIAN_ENGINE 只能是 properdocs 或 mkdocs"):
        engine_name()


def test_site_config_is_read_without_running_its_python_tags(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 测试\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:os.system"
                      " [touch pwned]\nnav:\n  - 首页: index.md\n", encoding="utf-8")
    data = read_site_config(config)
    assert data["nav"] == [{"首页": "index.md"}]
    assert data["markdown_extensions"] == [{"toc": {"slugify": None}}]
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


@pytest.mark.slow
def test_demo_builds_the_same_on_properdocs_and_mkdocs(tmp_path: Path) -> None:
    """`huibian build` on each engine, PDFs included: the same site apart from the generator tag."""
    root = demo_project(tmp_path / "demo")
    sites = {}
    for engine in ("properdocs", "mkdocs"):
        done = run_huibian(root, "build", "--site-dir", f"site-{engine}",
                           env={"HUIBIAN_ENGINE": engine, "NO_MKDOCS_2_WARNING": "1"})
        assert done.returncode == 0, done.stderr[-3000:]
        sites[engine] = tree(root / f"site-{engine}")
    assert b"ProperDocs" in sites["properdocs"]["index.html"] and b"ProperDocs" not in sites["mkdocs"]["index.html"]
    assert sites["properdocs"].keys() == sites["mkdocs"].keys()
    assert any(name.endswith(".pdf") for name in sites["mkdocs"]) and "bundles.json" in sites["mkdocs"]
    different = [name for name, content in sites["properdocs"].items()
                 if GENERATOR.sub(b"", content) != GENERATOR.sub(b"", sites["mkdocs"][name])]
    assert different == []


@pytest.mark.slow
def test_steps_build_the_site_with_an_engine_that_runs_no_hook(tmp_path: Path) -> None:
    """generate → plain MkDocs with `hooks: []` → finish gives the site the hook gives."""
    root = demo_project(tmp_path / "demo")
    env = {"HUIBIAN_PDF": "0", "NO_MKDOCS_2_WARNING": "1", "HUIBIAN_ENGINE": "mkdocs"}
    hooked = run_huibian(root, "build", "--site-dir", "site-hook", env=env)
    assert hooked.returncode == 0, hooked.stderr[-3000:]

    generated = run_huibian(root, "generate", "--out", "tree", env=env)
    assert generated.returncode == 0, generated.stderr[-3000:]
    assert "hooks:" not in (root / "tree/mkdocs.yml").read_text(encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "tree/mkdocs.yml", "-d", str(root / "site")],
                           cwd=root, capture_output=True, text=True, env={**env, "PATH": "/usr/bin:/bin"})
    assert built.returncode == 0, built.stderr[-3000:]
    # The engine alone ran none of Huibian's code: no search index, no catalog yet.
    assert (root / "site/reports/jtj/2024-ideology/index.html").is_file()
    assert not (root / "site/search/data").exists() and not (root / "site/catalog.json").exists()
    assert "hb-block-" in (root / "site/units/jtj/index.html").read_text(encoding="utf-8")

    finished = run_huibian(root, "finish", "--site-dir", "site", env=env)
    assert finished.returncode == 0, finished.stderr[-3000:]
    hook, steps = tree(root / "site-hook"), tree(root / "site")
    assert steps.keys() == hook.keys()
    assert json.loads(steps["catalog.json"]) == json.loads(hook["catalog.json"])
    search = [name for name in hook if name.startswith("search/data/")]
    assert search and all(steps[name] == hook[name] for name in search)
    # Every page reads the same; Material's tags plugin orders its own tags page and tags.json by file order.
    pages = [name for name in hook if name.endswith(".html")]
    assert len(pages) > 40
    different = [name for name in pages if steps[name] != hook[name]]
    assert different == ["tags/index.html"]
    assert b"".join(steps["tags/index.html"].split()) == b"".join(hook["tags/index.html"].split())
    unit_page = steps["units/jtj/index.html"].decode("utf-8")
    assert "hb-block-" not in unit_page and "huibian:content" not in unit_page


def test_generate_refuses_an_output_folder_over_the_docs(project: Callable[..., Path]) -> None:
    root = project()
    done = run_huibian(root, "generate", "--out", "docs/tree", env={"HUIBIAN_PDF": "0"})
    assert done.returncode == 1
    assert "不能与文档目录" in done.stderr and "Traceback" not in done.stderr


def test_finish_needs_a_built_site(project: Callable[..., Path]) -> None:
    root = project()
    done = run_huibian(root, "finish", "--site-dir", "nothing-here", env={"HUIBIAN_PDF": "0"})
    assert done.returncode == 1
    assert "里没有已构建的网站" in done.stderr and "Traceback" not in done.stderr
