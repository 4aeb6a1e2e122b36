#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) from the npm registry only, into DEST_DIR.
# Usage: install-code-server.sh DEST_DIR
# env: CS_VERSION (4.100.3: the last release on Node 20), CS_FULL=1 also builds node-pty (integrated
#      terminal) and kerberos (needs libkrb5-dev) -- neither is needed by the tests.
# A plain `npm install code-server` runs a postinstall that downloads ripgrep from GitHub and prebuilt
# binaries; this script does that postinstall's work by hand with Debian's rg and node-gyp builds.
set -euo pipefail
CS_VERSION=${CS_VERSION:-4.100.3}
DEST=$(mkdir -p "$1" && cd "$1" && pwd)
CS="$DEST/node_modules/code-server"
if [ -f "$DEST/.complete-$CS_VERSION" ]; then exit 0; fi
command -v rg >/dev/null || { echo "ripgrep missing: apt-get install -y ripgrep" >&2; exit 1; }
echo "installing code-server $CS_VERSION into $DEST (first run only, about a minute)" >&2
t() { local s=$SECONDS; "$@"; echo "  [$((SECONDS - s))s] $*" >&2; }
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false npm_config_loglevel=error
export JOBS=max   # node-gyp: compile with all cores
cd "$DEST"
[ -f package.json ] || echo '{"private":true}' > package.json
# 1. the package itself, scripts skipped (its postinstall downloads things)
t npm install --ignore-scripts "code-server@$CS_VERSION"
# 2. VS Code's own runtime deps (what postinstall.sh would do), scripts skipped
cd "$CS/lib/vscode"
t npm install --omit=dev --ignore-scripts
# 3. ripgrep: @vscode/ripgrep downloads rg from GitHub, use Debian's
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# 4. native modules built from source with node-gyp (bundled with npm); spdlog writes the log files
t npm rebuild @vscode/spdlog native-watchdog @vscode/deviceid
if [ "${CS_FULL:-}" = 1 ]; then
  t npm rebuild kerberos
  # node-pty's own post-install step fails after the build; only the .node file matters
  t npm rebuild node-pty || test -f node_modules/node-pty/build/Release/pty.node
fi
# 5. the symlinks postinstall.sh makes
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh
# 6. built-in extensions' runtime deps
(cd extensions && t npm install --omit=dev --ignore-scripts)
# 7. argon2: code-server requires it at startup; its prebuilt download fails, so it is built
cd "$DEST"
t npm rebuild argon2
# (its own config dir, or --version writes ~/.config/code-server/config.yaml)
XDG_CONFIG_HOME="$DEST/.xdg-config" node "$CS/out/node/entry.js" --version >&2
touch "$DEST/.complete-$CS_VERSION"
