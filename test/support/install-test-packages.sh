#!/usr/bin/env bash
# Installs the Debian packages the tests drive (Chromium for the widget's end-to-end tests;
# pocketsphinx, espeak-ng and sox for the voice tests; redis-server for the several-nodes tests) when missing.
# Runs before `npm test`; needs root for apt-get, otherwise it says what to install.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/share/pocketsphinx/model/en-us/en-us ] || missing+=(pocketsphinx pocketsphinx-en-us)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v sox >/dev/null || missing+=(sox)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "tests need these Debian packages: ${missing[*]} (run as root: apt-get install -y ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}"
