# Sourced by the other scripts: puts the project's tools on PATH and installs whichever are
# missing. Every step checks first, so a second run costs seconds, not the quarter of an
# hour the first cargo installs take on a small machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

TRUNK_VERSION="0.21.14"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMIUM

say() { printf '==> %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The version of a package in Cargo.lock, so the CLI always matches the crate.
locked_version() {
    awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_target() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "Adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
}

ensure_lint_tools() {
    local installed
    installed="$(rustup component list --installed)"
    for component in rustfmt clippy; do
        if ! grep -q "^$component" <<<"$installed"; then
            say "Adding $component"
            rustup component add "$component"
        fi
    done
}

# ensure_cargo_tool CRATE VERSION BINARY [cargo install flags…]
ensure_cargo_tool() {
    local crate="$1" version="$2" binary="$3"
    shift 3
    if command -v "$binary" >/dev/null 2>&1 && "$binary" --version 2>/dev/null | grep -qF " $version"; then
        return
    fi
    say "Installing $crate $version (once; several minutes)"
    cargo install "$crate" --version "$version" "$@"
}

ensure_npm_packages() {
    local stamp="$ROOT/node_modules/.installed-from-lock"
    if [ -f "$stamp" ] && cmp -s "$ROOT/package-lock.json" "$stamp"; then
        return
    fi
    say "Installing npm packages"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/package-lock.json" "$stamp"
}

ensure_build_tools() {
    ensure_wasm_target
    ensure_lint_tools
    ensure_cargo_tool trunk "$TRUNK_VERSION" trunk --locked
    # Not --locked: its lock file asks for a crate version the registry no longer serves.
    ensure_cargo_tool wasm-bindgen-cli "$(locked_version wasm-bindgen)" wasm-bindgen
    ensure_npm_packages
}

ensure_chromium() {
    if [ ! -x "$CHROMIUM" ]; then
        say "Installing Chromium for the browser tests"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
    fi
}
