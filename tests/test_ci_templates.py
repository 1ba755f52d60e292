"""CI templates (templates/) parse, call real `huibian` options, and `--format gitlab` is Code Quality JSON."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from huibian.cli import build_parser
from huibian.commands.pdf import parse_shard

from conftest import REPO, report_text, run_huibian

GITLAB = REPO / "templates" / "gitlab-ci.yml"
GITHUB = REPO / "templates" / "github-workflow.yml"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def huibian_calls(lines: list[str]) -> list[list[str]]:
    """The `huibian …` commands of shell lines, with CI variables given sample values."""
    calls = []
    for line in lines:
        for part in re.split(r"&&|\|\|", line):
            words = shlex.split(part.split(">")[0], comments=True)
            while words and re.match(r"^[A-Z_]+=", words[0]):
                words.pop(0)  # environment assignments such as HUIBIAN_PDF=0
            if words and words[0] == "huibian":
                calls.append([w.replace("$CI_NODE_INDEX", "2").replace("$CI_NODE_TOTAL", "4") for w in words[1:]])
    return calls


def gitlab_scripts(config: dict[str, Any]) -> list[str]:
    return [line for name, job in config.items() if isinstance(job, dict) for line in job.get("script", [])]


def github_runs(config: dict[str, Any]) -> list[str]:
    return [step["run"] for job in config["jobs"].values() for step in job["steps"] if "run" in step]


def test_gitlab_template_checks_merge_requests_and_shards_pdfs() -> None:
    config = load(GITLAB)
    assert config["stages"] == ["check", "pdf", "site", "publish"]
    check = config["check"]
    assert "huibian check --format gitlab > gl-code-quality-report.json || true" in check["script"]
    assert check["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert check["artifacts"]["when"] == "always"
    pdf = config["pdf"]
    assert pdf["parallel"] == 4
    assert pdf["script"] == ["huibian pdf --shard $CI_NODE_INDEX/$CI_NODE_TOTAL --out pdf-shard"]
    assert pdf["artifacts"]["paths"] == [".cache/huibian/pdf/bundles/"]
    site = config["site"]
    assert site["needs"] == ["pdf"]
    assert site["variables"]["GIT_DEPTH"] == "0"
    assert site["script"] == ["huibian build"]
    assert config["pages"]["artifacts"]["paths"] == ["public"]
    for job in ("pdf", "site", "pages"):
        assert config[job]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def test_github_template_annotates_pull_requests_and_publishes_main() -> None:
    config = load(GITHUB)
    assert "pull_request" in config[True]  # YAML 1.1 reads the key `on` as true
    check = config["jobs"]["check"]
    assert any(step.get("run") == "huibian check --format github" for step in check["steps"])
    publish = config["jobs"]["publish"]
    assert publish["needs"] == "check"
    assert publish["steps"][0]["with"]["fetch-depth"] == 0
    assert [s["uses"].split("@")[0] for s in publish["steps"] if "uses" in s][-2:] == [
        "actions/upload-pages-artifact", "actions/deploy-pages"]


@pytest.mark.parametrize(("template", "commands"), [(GITLAB, {"check", "pdf", "build"}), (GITHUB, {"check", "build"})],
                         ids=["gitlab", "github"])
def test_every_huibian_command_in_the_templates_is_accepted_by_the_cli(template: Path, commands: set[str]) -> None:
    config = load(template)
    lines = gitlab_scripts(config) if template == GITLAB else github_runs(config)
    calls = huibian_calls(lines)
    assert {c[0] for c in calls} == commands
    parser = build_parser()
    for call in calls:
        args = parser.parse_args(call)  # argparse exits (fails the test) on an unknown option
        if call[0] == "pdf" and args.shard:
            assert parse_shard(args.shard) == (2, 4)


def test_check_format_gitlab_is_code_quality_json(project: Callable[..., Path]) -> None:
    root = project({
        "jtj/a.md": report_text(unit="jtjj"),
        "jtj/b.md": report_text(extra="date: 2024-07-08\nsumary: 摘要\n"),
    })
    result = run_huibian(root, "check", "--format", "gitlab")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert [(i["check_name"], i["severity"], i["location"]) for i in items] == [
        ("M006", "major", {"path": "reports/jtj/a.md", "lines": {"begin": 3}}),
        ("M011", "minor", {"path": "reports/jtj/b.md", "lines": {"begin": 7}}),
    ]
    assert "是不是“jtj”" in items[0]["description"]
    assert len({i["fingerprint"] for i in items}) == 2
    again = json.loads(run_huibian(root, "check", "--format", "gitlab").stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in items]  # stable across runs
    clean = run_huibian(project_root_with_good_report(root), "check", "--format", "gitlab")
    assert (clean.returncode, json.loads(clean.stdout)) == (0, [])


def project_root_with_good_report(root: Path) -> Path:
    (root / "reports/jtj/a.md").write_text(report_text(), encoding="utf-8")
    (root / "reports/jtj/b.md").unlink()
    return root
