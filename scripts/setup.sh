# Sourced by scripts/demo and scripts/test: make a virtualenv in .venv with kloof
# installed (editable), creating what a fresh machine lacks.
# Usage: . scripts/setup.sh [EXTRAS]   e.g. ". scripts/setup.sh dev"
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${KLOOF_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

need_python() {
  if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "kloof needs Python 3.11 or newer ($PYTHON not found)." >&2
    install_debian python3 python3-venv
  fi
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "kloof needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)." >&2
    echo "Install a newer Python or set PYTHON=/path/to/python3.11." >&2
    exit 2
  fi
}

install_debian() {
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Please install: $* (for example: sudo apt-get install $*)" >&2
    exit 2
  fi
}

make_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      install_debian python3-venv
      "$PYTHON" -m venv "$VENV"
    fi
  fi
  local spec="$ROOT"
  if [ -n "${1:-}" ]; then spec="$ROOT[$1]"; fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec"
}

# The browser tests (tests/e2e) drive Debian's Chromium with Playwright and inject
# axe-core from the npm registry. Playwright's own browser download is never used:
# it cannot reach its servers from every machine, and Debian's build is the one CI has.
CHROMIUM=/usr/bin/chromium
E2E="$ROOT/tests/e2e"

need_chromium() {
  if [ -x "$CHROMIUM" ]; then return; fi
  echo "The browser tests need Debian's Chromium at $CHROMIUM (apt-get install chromium)." >&2
  install_debian chromium
  if [ ! -x "$CHROMIUM" ]; then
    echo "apt-get installed chromium, but $CHROMIUM is still missing." >&2
    exit 2
  fi
}

# The web benchmark smoke test (tests/test_benchmarks_web_smoke.py) measures
# throughput with Debian's wrk: installed when missing and we are root (as in
# CI); elsewhere the test runs without it, so a developer machine need not have it.
need_wrk() {
  if command -v wrk >/dev/null 2>&1; then return; fi
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    install_debian wrk
  else
    echo "Note: wrk is missing (apt-get install wrk); the web benchmark runs without it." >&2
  fi
}

need_e2e_packages() {
  if [ -f "$E2E/node_modules/axe-core/axe.min.js" ]; then return; fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "The browser tests need npm to install axe-core (apt-get install nodejs npm)." >&2
    install_debian nodejs npm
  fi
  if [ -f "$E2E/package-lock.json" ]; then
    npm ci --prefix "$E2E" --no-audit --no-fund --loglevel=error
  else
    npm install --prefix "$E2E" --no-audit --no-fund --loglevel=error
  fi
}

# The PDF report (WeasyPrint) loads Pango, HarfBuzz and fontconfig from the system
# and sets its text in Liberation Sans: installed from Debian when missing.
need_pdf_libraries() {
  local missing=()
  for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0 libfontconfig.so.1; do
    ldconfig -p 2>/dev/null | grep -q "$lib" || missing+=("$lib")
  done
  if [ ${#missing[@]} -eq 0 ] && fc-list 2>/dev/null | grep -q "Liberation Sans"; then return; fi
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    install_debian libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfontconfig1 \
      fontconfig fonts-liberation fonts-dejavu-core
  else
    # Not fatal: everything but the PDF report works without them.
    echo "Note: the PDF report needs Pango, HarfBuzz, fontconfig and Liberation Sans" \
      "(on Debian: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" \
      "libharfbuzz-subset0 fontconfig fonts-liberation)." >&2
  fi
}

# PNG charts (src/kloof/reports/chart_png.py) draw their text in DejaVu Sans, the
# font the SVG's text widths are measured with and the one Chromium uses on Debian.
# Installed when missing on Debian as root (as in CI); other systems use their own fonts.
DEJAVU=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
need_fonts() {
  if [ -f "$DEJAVU" ] || ! command -v apt-get >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = 0 ]; then
    install_debian fonts-dejavu-core
  else
    echo "Note: PNG charts need DejaVu Sans (sudo apt-get install fonts-dejavu-core)." >&2
  fi
}

need_python
need_pdf_libraries
need_fonts
make_venv "${1:-}"
export PATH="$VENV/bin:$PATH"
cd "$ROOT"
