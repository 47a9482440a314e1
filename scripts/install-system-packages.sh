#!/bin/sh
# Installs the Debian packages that the tests use as real peers, only when one is missing.
# Idempotent: a machine that has them all does nothing and needs no network.
set -e
need=""
have() { command -v "$1" >/dev/null 2>&1; }
have curl || need="$need curl"
have ffmpeg || need="$need ffmpeg"
have mosquitto || [ -x /usr/sbin/mosquitto ] || need="$need mosquitto"
have chromium || need="$need chromium"
have socat || need="$need socat"
/usr/bin/python3 -c 'import pymodbus.server' >/dev/null 2>&1 || need="$need python3-pymodbus"
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "auxio tests need:$need (run as root, or install them)" >&2
  exit 1
fi
echo "installing:$need" >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
