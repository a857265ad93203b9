#!/usr/bin/env bash
# Installs what the end-to-end stage needs, idempotently:
#   - Debian packages: chromium (the browser Playwright drives), ripgrep (VS Code's search, pre-seeded
#     below), libkrb5-dev build-essential python3 (code-server's native modules compile from source);
#   - into .tools/ (gitignored, never part of the extension): code-server, playwright-core, mocha,
#     @types/mocha and @vscode/vsce, exactly as scripts/e2e/tools/package-lock.json pins them (`npm ci`).
#     After changing scripts/e2e/tools/package.json: `cd scripts/e2e/tools && npm install --package-lock-only`.
# Works offline except for Debian apt and the npm registry. A second run with nothing to do takes ~0 s.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
MANIFEST="$ROOT/scripts/e2e/tools/package.json"
LOCK="$ROOT/scripts/e2e/tools/package-lock.json"
started=$SECONDS
log() { printf '[e2e install] %s\n' "$*"; }

# ---------------------------------------------------------------- apt
missing=()
for pkg in chromium ripgrep libkrb5-dev build-essential python3; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=()
  [[ $(id -u) == 0 ]] || SUDO=(sudo)
  log "apt: installing ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt: chromium ripgrep libkrb5-dev build-essential python3 already installed"
fi

# ---------------------------------------------------------------- npm tools
stamp="$TOOLS/.installed"
want="$(cat "$MANIFEST" "$LOCK" | sha256sum | cut -d' ' -f1) node-$(node --version)"
if [[ -f $stamp && "$(cat "$stamp")" == "$want" && -d $TOOLS/node_modules/code-server ]]; then
  log "tools: .tools/ is up to date"
else
  log "tools: installing into .tools/ (code-server compiles its native modules: 1–2 min)"
  mkdir -p "$TOOLS/tmp"
  cp "$MANIFEST" "$TOOLS/package.json"
  cp "$LOCK" "$TOOLS/package-lock.json"
  # @vscode/ripgrep (a code-server dependency) downloads rg from GitHub in its postinstall unless the
  # archive is in its cache under $TMPDIR: hand it Debian's rg.
  case "$(uname -m)" in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64) rg_target=aarch64-unknown-linux-musl ;;
    *) rg_target="$(uname -m)-unknown-linux-gnu" ;;
  esac
  for cache in vscode-ripgrep-cache-1.15.11; do
    mkdir -p "$TOOLS/tmp/$cache/rg-seed"
    cp /usr/bin/rg "$TOOLS/tmp/$cache/rg-seed/rg"
    tar -czf "$TOOLS/tmp/$cache/ripgrep-v13.0.0-10-$rg_target.tar.gz" -C "$TOOLS/tmp/$cache/rg-seed" rg
  done
  (
    cd "$TOOLS"
    export TMPDIR="$TOOLS/tmp"
    export npm_config_unsafe_perm=true   # as root, postinstall scripts refuse to run otherwise
    export npm_config_nodedir=/usr       # node-gyp uses Debian's headers instead of downloading them
    export npm_config_yes=true           # node-pty's postinstall runs `npx node-gyp`
    export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
    npm ci --loglevel=error
  )
  printf '%s' "$want" >"$stamp"
fi

# ---------------------------------------------------------------- checks
chromium_major="$(chromium --version 2>/dev/null | grep -oE '[0-9]+' | head -1 || true)"
pw_major="$(node -e 'try{const b=require(process.argv[1]);const c=b.browsers.find(x=>x.name==="chromium");console.log(String(c.browserVersion).split(".")[0])}catch{console.log("?")}' "$TOOLS/node_modules/playwright-core/browsers.json")"
log "chromium $chromium_major (playwright-core built for $pw_major); code-server $(node -p "require('$TOOLS/node_modules/code-server/package.json').version")"
if [[ $chromium_major != "$pw_major" ]]; then
  log "warning: Chromium's major ($chromium_major) differs from playwright-core's ($pw_major); pin playwright-core to the matching release in scripts/e2e/tools/package.json"
fi
log "done in $((SECONDS - started)) s"
