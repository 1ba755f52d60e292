#!/usr/bin/env bash
# Installs the system packages Huibian needs on Debian/Ubuntu, if they are missing.
#   scripts/setup_system.sh          what building the site and PDFs needs (`make site/serve/check/pdf`)
#   scripts/setup_system.sh --test   that, plus what only the tests need (`make test`)
#
# Building (build_packages):
#   fonts-noto-cjk            Noto Serif/Sans CJK SC: titles, 黑体-style headings, and the fallback face in PDFs
#   fonts-arphic-gkai00mp     AR PL KaitiM GB: the 楷体-style face for （一） headings
#   libpango-1.0-0 etc.       text layout for WeasyPrint
#   Fandol fonts (CTeX)       FandolFang (仿宋, the body face), FandolKai, FandolHei, FandolSong, taken
#                             from Debian's texlive-lang-chinese without installing TeX Live: the .deb
#                             is fetched with `apt-get download` and only its Fandol .otf files are
#                             unpacked into /usr/local/share/fonts/fandol/ (GPL with font exception;
#                             HUIBIAN_FANDOL_DIR names another folder)
# Testing only (test_packages):
#   poppler-utils             pdftotext/pdffonts/pdftoppm, used by the tests to read PDFs back
#   chromium                  the browser the search tests drive (never downloaded by Playwright)
#   libreoffice-writer-nogui  headless soffice: an independent reader of the Word files the tests check;
#                             also what `huibian import` converts Word 97 .doc and .rtf files with (optional:
#                             without it, importing a .doc says how to install it)
set -euo pipefail

build_packages=(fonts-noto-cjk fonts-arphic-gkai00mp libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fontconfig)
test_packages=(poppler-utils chromium libreoffice-writer-nogui)

packages=("${build_packages[@]}")
case "${1:-}" in
  "") ;;
  --test) packages+=("${test_packages[@]}") ;;
  *) echo "用法 / usage: $0 [--test]" >&2; exit 2 ;;
esac

# Only the Fandol fonts from texlive-lang-chinese (installing the package would pull in TeX Live).
fandol_dir="${HUIBIAN_FANDOL_DIR:-/usr/local/share/fonts/fandol}"
install_fandol() {
  local sudo="$1" work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  echo "安装 Fandol 字体（仿宋等）/ installing the Fandol fonts into $fandol_dir"
  (cd "$work" && apt-get download -qq texlive-lang-chinese)  # a download into a user folder needs no root
  dpkg-deb -x "$work"/texlive-lang-chinese_*.deb "$work/deb"
  $sudo mkdir -p "$fandol_dir"
  $sudo cp "$work"/deb/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Kai,Hei,Song}-*.otf \
    "$fandol_dir/"
  $sudo fc-cache -f "$fandol_dir" >/dev/null 2>&1 || true
}

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
fandol_missing=0
[ -f "$fandol_dir/FandolFang-Regular.otf" ] || fandol_missing=1
if [ ${#missing[@]} -eq 0 ] && [ $fandol_missing -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "需要管理员权限安装：${missing[*]}（请用 root 运行，或请管理员执行 apt-get install ${missing[*]}）" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "本机没有 apt-get：请手动安装 ${missing[*]} 的对应软件包。" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "安装系统软件包 / installing system packages: ${missing[*]}"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
fi
if [ $fandol_missing -eq 1 ]; then
  install_fandol "$sudo"
fi
