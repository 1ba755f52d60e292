"""`make site` installs only what building needs; `make test` adds the development tools.

The real Makefile and scripts/setup_system.sh run in a copy of the project, with stand-ins for
apt-get, dpkg-query, pip and the project's commands that record what they were asked to do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

BUILD_PACKAGES = {"fonts-noto-cjk", "fonts-arphic-gkai00mp", "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "fontconfig"}
TEST_PACKAGES = {"poppler-utils", "chromium", "libreoffice-writer-nogui"}

# dpkg-query says a package is installed once the fake apt-get has installed it.
FAKE_DPKG_QUERY = """#!/bin/sh
package="$(eval echo \\${$#})"
grep -qx "$package" "$LOG_DIR/installed" 2>/dev/null && echo "install ok installed"
exit 0
"""
FAKE_APT_GET = """#!/bin/sh
if [ "$1" = download ]; then
  echo "download $3" >> "$LOG_DIR/log"; : > "$3_1.0_all.deb"; exit 0
fi
[ "$1" = install ] || exit 0
for arg in "$@"; do
  case "$arg" in -*|install) ;; *) echo "$arg" >> "$LOG_DIR/installed"; echo "apt $arg" >> "$LOG_DIR/log";; esac
done
"""
# dpkg-deb -x DEB DIR: the Fandol faces where texlive-lang-chinese keeps them.
FAKE_DPKG_DEB = """#!/bin/sh
fonts="$3/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
mkdir -p "$fonts"
for face in Fang-Regular Kai-Regular Hei-Regular Hei-Bold Song-Regular Song-Bold; do echo otf > "$fonts/Fandol$face.otf"; done
"""
FAKE_SUDO = '#!/bin/sh\nexec "$@"\n'
FAKE_QUIET = "#!/bin/sh\nexit 0\n"
FAKE_VENV_TOOL = '#!/bin/sh\necho "$(basename "$0") $*" >> "$LOG_DIR/log"\n'


def _write(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


@pytest.fixture
def sandbox(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "project"
    (root / "scripts").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "scripts/setup_system.sh"):
        shutil.copy(REPO / name, root / name)
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    fakes = {"dpkg-query": FAKE_DPKG_QUERY, "dpkg-deb": FAKE_DPKG_DEB, "apt-get": FAKE_APT_GET, "sudo": FAKE_SUDO,
             "fc-cache": FAKE_QUIET}
    for name, text in fakes.items():
        _write(fake_bin / name, text)
    venv_bin = root / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    for name in ("python", "huibian", "mkdocs", "ruff", "mypy", "pytest"):
        _write(venv_bin / name, FAKE_VENV_TOOL)
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    env = {**os.environ, "PATH": f"{fake_bin}:{os.environ['PATH']}", "LOG_DIR": str(log_dir),
           "HUIBIAN_FANDOL_DIR": str(tmp_path / "fonts" / "fandol")}
    return root, env


def _make(root: Path, env: dict[str, str], target: str) -> list[str]:
    log = Path(env["LOG_DIR"]) / "log"
    log.write_text("")
    subprocess.run(["make", "--no-print-directory", target], cwd=root, env=env, check=True, capture_output=True, text=True)
    return log.read_text().splitlines()


def test_make_site_installs_only_the_build_needs_and_make_test_adds_the_rest(sandbox: tuple[Path, dict[str, str]]) -> None:
    root, env = sandbox

    site = _make(root, env, "site")
    for_site = {line.removeprefix("apt ") for line in site if line.startswith("apt ")}
    assert for_site == BUILD_PACKAGES
    # Only the Fandol faces are taken from texlive-lang-chinese; TeX Live is not installed.
    assert "download texlive-lang-chinese" in site and "texlive-lang-chinese" not in for_site
    fonts = Path(env["HUIBIAN_FANDOL_DIR"])
    assert {p.name for p in fonts.iterdir()} >= {"FandolFang-Regular.otf", "FandolKai-Regular.otf", "FandolSong-Bold.otf"}
    assert [line for line in site if "pip install" in line] == [
        "python -m pip install --quiet --upgrade pip", "python -m pip install --quiet -e .",
    ]
    assert site[-1] == "huibian build"

    test = _make(root, env, "test")
    for_test = {line.removeprefix("apt ") for line in test if line.startswith("apt ")}
    assert for_test == TEST_PACKAGES  # only the extra part
    assert [line for line in test if "pip install" in line] == ["python -m pip install --quiet -e .[dev]"]
    assert [line.split()[0] for line in test if not line.startswith(("apt ", "python "))] == ["ruff", "mypy", "pytest"]

    for target in ("site", "serve", "check", "pdf"):
        again = _make(root, env, target)
        assert not [line for line in again if line.startswith(("apt ", "download ")) or "pip install" in line], target
