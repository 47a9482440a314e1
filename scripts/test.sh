#!/bin/sh
# The whole suite: system packages the tests need, the type check, then every *.test.ts.
set -e
cd "$(dirname "$0")/.."
sh scripts/install-system-packages.sh
npx tsc --noEmit -p .
files=$(find src test -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=4 --test-reporter=spec $files
