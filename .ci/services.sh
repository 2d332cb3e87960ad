#!/usr/bin/env bash
# The SPARQL servers the remote-store tests (tests/graph/test_remote.py) run against.
# The tests start and stop the servers themselves, on free loopback ports in temporary
# folders; this script only makes sure the programs are there:
#   - OpenLink Virtuoso (`virtuoso-t`), from Debian's virtuoso-opensource-7-bin, installed
#     when missing and we are root;
#   - the Oxigraph server (`oxigraph`), from the PyPI package `oxigraph` (the test extra),
#     installed into .venv when missing.
# A server that cannot be installed makes its tests skip with the reason; never an error here.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v virtuoso-t >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource-7-bin) \
      || echo "services: could not install virtuoso-opensource-7-bin; the Virtuoso tests will skip" >&2
  else
    echo "services: virtuoso-t missing and cannot apt-get install it; the Virtuoso tests will skip" >&2
  fi
fi

if [ -x .venv/bin/python ] && [ ! -x .venv/bin/oxigraph ]; then
  .venv/bin/pip install -q 'oxigraph>=0.5,<0.6' \
    || echo "services: could not install the oxigraph server; the Oxigraph server tests will skip" >&2
fi

command -v virtuoso-t >/dev/null 2>&1 && echo "services: virtuoso-t at $(command -v virtuoso-t)"
[ -x .venv/bin/oxigraph ] && echo "services: $(.venv/bin/oxigraph --version)"
exit 0
