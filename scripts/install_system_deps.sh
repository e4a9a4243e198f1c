#!/bin/sh
# Debian packages the tests need: Chromium (browser tests, PDFs), Noto fonts (Urdu text
# renders in screenshots and PDFs; scripts/make_urdu_font.py cuts the site's Nastaliq from them),
# nginx (tests/test_deploy.py serves the site with deploy/nginx.conf) and Node.js with npm
# (Lighthouse, pinned in scripts/lighthouse/). Installed only when missing; needs root for apt-get.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing="$missing fonts-noto-core"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"  # Lighthouse (scripts/lighthouse/)
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages:$missing. Install them with: sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "Installing$missing ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
