#!/usr/bin/env bash
# Set up edaran on a fresh machine: system packages for OCR and the report test
# (where this user may install them), then a virtual environment in .venv.
set -euo pipefail
cd "$(dirname "$0")"

SYSTEM_PACKAGES=(tesseract-ocr tesseract-ocr-ind chromium libgl1 libglib2.0-0 libreoffice-calc-nogui)  # chromium: the report and review tests; LibreOffice Calc: the spreadsheet exports' test
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if command -v tesseract >/dev/null 2>&1 && ! tesseract --list-langs 2>/dev/null | grep -qx ind; then
  need+=(tesseract-ocr-ind)
elif ! command -v tesseract >/dev/null 2>&1; then
  need+=(tesseract-ocr-ind)
fi
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# soffice opens the CSV and XLSX exports as a spreadsheet user's office suite would (tests/test_research.py).
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
# The second reader's image library (OpenCV, pulled in by rapidocr-onnxruntime) loads these at import.
ldconfig -p 2>/dev/null | grep -q 'libGL\.so\.1' || need+=(libgl1)
ldconfig -p 2>/dev/null | grep -q 'libglib-2\.0\.so\.0' || need+=(libglib2.0-0)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${need[*]}"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: scanned letters need OCR and the report and review tests need a browser; please run:" >&2
    echo "    sudo apt-get install ${SYSTEM_PACKAGES[*]}" >&2
    echo "setup: continuing without them (scans will be recorded as 'needs OCR')." >&2
  fi
fi

python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "edaran needs Python 3.11 or newer")'
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e '.[dev]'
echo "setup: ready (.venv/bin/edaran)"
