#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver from Debian's packages, for OperatorPageBrowserIT.
# Does nothing when both are already there; needs root (or sudo) for apt-get otherwise.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "chromium and chromedriver are installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "install-browser.sh: not root and no sudo: cannot install chromium" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
command -v chromium && command -v chromedriver
