#!/usr/bin/env bash
# Debian's Chromium for the end-to-end tests (Playwright's own browser download cannot work here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "browser: /usr/bin/chromium is missing; install it with: sudo apt-get install chromium" >&2
  exit 1
fi
echo "browser: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || echo "browser: apt-get update failed; trying the package lists already here" >&2
apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
echo "browser: $(/usr/bin/chromium --version) installed"
