"""pre-commit runs `huibian check` on the staged reports of a collection repository."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pre_commit.clientlib import load_config, load_manifest

from conftest import REPO, report_text

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
BAD = report_text(unit="jtjj")  # an unknown unit: M006, an error


def hook_from_manifest() -> dict[str, Any]:
    """This repository's published hook, as pre-commit reads it."""
    hooks = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert [h["id"] for h in hooks] == ["huibian-check"]
    return dict(hooks[0])


def test_manifest_and_own_config_are_valid_for_pre_commit() -> None:
    hook = hook_from_manifest()
    assert (hook["entry"], hook["language"], hook["files"], hook["pass_filenames"]) == (
        "huibian check", "python", r"^reports/.*\.md$", True)
    config = load_config(str(REPO / ".pre-commit-config.yaml"))
    local = config["repos"][0]
    assert local["repo"] == "local"
    assert local["hooks"][0]["id"] == "huibian-check"
    assert local["hooks"][0]["files"] == hook["files"]


@pytest.fixture
def collection_repo(project: Callable[..., Path], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A collection in git with the huibian-check hook configured as a local hook (offline)."""
    root = project({"jtj/a.md": report_text()})
    hook = hook_from_manifest()
    # Same id, files and pass_filenames as the published hook; run by this interpreter instead of
    # a pre-commit-made virtualenv, which would need the network to install huibian's dependencies.
    config = {"repos": [{"repo": "local", "hooks": [{
        "id": hook["id"], "name": hook["name"], "entry": f"{sys.executable} -m huibian check",
        "language": "system", "files": hook["files"], "pass_filenames": hook["pass_filenames"],
        "require_serial": True,
    }]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {
        **os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "测试",
        "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),
    }
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "汇编"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return root, env


def git(root: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def pre_commit_run(root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PRE_COMMIT), "run"], cwd=root, env=env, capture_output=True, text=True)


def test_staged_bad_report_fails_with_the_finding(collection_repo: tuple[Path, dict[str, str]]) -> None:
    root, env = collection_repo
    (root / "reports/jtj/b.md").write_text(BAD, encoding="utf-8")
    git(root, env, "add", "reports/jtj/b.md")
    result = pre_commit_run(root, env)
    assert result.returncode == 1, result.stdout
    assert "Failed" in result.stdout
    assert "reports/jtj/b.md:3:1: M006 错误" in result.stdout
    assert "是不是“jtj”" in result.stdout
    # A real commit is refused by the installed hook too.
    subprocess.run([str(PRE_COMMIT), "install"], cwd=root, env=env, check=True, capture_output=True)
    refused = subprocess.run(["git", "commit", "-q", "-m", "坏报告"], cwd=root, env=env, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "M006" in refused.stdout + refused.stderr


def test_staged_good_report_passes_and_unstaged_bad_report_is_ignored(
    collection_repo: tuple[Path, dict[str, str]],
) -> None:
    root, env = collection_repo
    (root / "reports/jyj").mkdir()
    (root / "reports/jyj/c.md").write_text(report_text(title="测试县教育局2024年上半年意识形态工作情况汇报", unit="jyj"),
                                           encoding="utf-8")
    git(root, env, "add", "reports/jyj/c.md")
    (root / "reports/jtj/untracked.md").write_text(report_text(unit="nope", period="2023"), encoding="utf-8")
    tracked = root / "reports/jtj/a.md"
    tracked.write_text(tracked.read_text(encoding="utf-8").replace("period: 2024-H1", "period: 2024上半年"),
                       encoding="utf-8")  # a bad edit, not staged
    result = pre_commit_run(root, env)
    assert result.returncode == 0, result.stdout
    assert "Passed" in result.stdout
    assert "M006" not in result.stdout and "M008" not in result.stdout
    # The unstaged edit is back in place after pre-commit's stash.
    assert "2024上半年" in tracked.read_text(encoding="utf-8")


def test_staged_duplicate_is_caught_with_the_whole_collection_as_context(
    collection_repo: tuple[Path, dict[str, str]],
) -> None:
    root, env = collection_repo
    (root / "reports/jtj/z-copy.md").write_text(report_text(), encoding="utf-8")  # same unit, period, kind as a.md
    git(root, env, "add", "reports/jtj/z-copy.md")
    result = pre_commit_run(root, env)
    assert result.returncode == 1, result.stdout
    assert "reports/jtj/z-copy.md" in result.stdout and "M012" in result.stdout
    assert "reports/jtj/a.md" in result.stdout  # named as the report it duplicates
