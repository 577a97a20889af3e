#!/usr/bin/env bash
# scripts/with-node.sh MAJOR COMMAND...: runs COMMAND with Node MAJOR first on PATH (its vitest workers
# and child processes too), for checking the project on the Node majors its users run (20, 22, 24)
# where only one is installed. The binary comes from the npm registry (package node-<os>-<arch>, the
# official build npm's `node` package installs), unpacked once under ${XDG_CACHE_HOME:-~/.cache}.
# Example: scripts/with-node.sh 24 npm test
set -euo pipefail
if [ $# -lt 2 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/with-node.sh MAJOR COMMAND... (e.g. scripts/with-node.sh 24 npm test)" >&2
  exit 2
fi
major=$1
shift
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "with-node: no npm build of Node for $(uname -s)" >&2; exit 2 ;; esac
case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "with-node: no npm build of Node for $(uname -m)" >&2; exit 2 ;; esac
home="${XDG_CACHE_HOME:-$HOME/.cache}/sip-conformance/node-$major-$os-$arch"
if [ ! -x "$home/bin/node" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-$os-$arch@$major" >/dev/null && tar xzf node-*.tgz)
  mkdir -p "$(dirname "$home")"
  rm -rf "$home"
  mv "$tmp/package" "$home"
fi
PATH="$home/bin:$PATH" exec "$@"
