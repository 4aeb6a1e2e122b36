#!/usr/bin/env bash
# Runs the editor tests (code-server + headless Chromium): installs code-server on first use, runs every
# test/e2e/*.test.mjs (or the files given as arguments) with node's test runner, and always cleans up:
# every code-server process group, Chromium and temp dir, even when interrupted.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export CS_VERSION=${CS_VERSION:-4.100.3}
export CODE_SERVER_HOME=${CODE_SERVER_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/vscode-e2e/code-server-$CS_VERSION}
command -v chromium >/dev/null || { echo "chromium missing: apt-get install -y chromium" >&2; exit 1; }
command -v rg >/dev/null || { echo "ripgrep missing: apt-get install -y ripgrep" >&2; exit 1; }
[ -f "$here/../../out/extension.js" ] || { echo "out/extension.js missing: run npm run build first" >&2; exit 1; }
"$here/install-code-server.sh" "$CODE_SERVER_HOME"
# Screenshots of every step; a full run starts from an empty folder so none is stale.
if [ -z "${E2E_SHOTS:-}" ] && [ $# -eq 0 ]; then rm -rf "$here/.shots"; fi
export E2E_SHOTS=${E2E_SHOTS:-$here/.shots}
# Every temp dir of the run (code-server run dirs, Chromium profiles, workspaces, VS Code's IPC sockets)
# lands in one TMPDIR that the trap removes. Short: unix socket paths must stay under 108 bytes.
export TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/e2e.XXXXXX")
export E2E_PGIDS=$TMPDIR/pgids; touch "$E2E_PGIDS"   # server.mjs appends each code-server's group id
tests=
cleanup() {
  if [ -n "$tests" ] && kill -TERM -- "-$tests" 2>/dev/null; then
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$tests" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$tests" 2>/dev/null || true
  fi
  while read -r g; do kill -KILL -- "-$g" 2>/dev/null || true; done < "$E2E_PGIDS"
  rm -rf "$TMPDIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ $# -gt 0 ]; then files=("$@"); else files=("$here"/*.test.mjs); fi
# Own process group, in the background, so the trap runs at once on a signal and can kill it all.
# A per-test timeout turns a hang into a failure with a message; the suites poll with shorter deadlines.
setsid node --test --test-concurrency=1 --test-timeout=300000 "${files[@]}" &
tests=$!
wait "$tests"
