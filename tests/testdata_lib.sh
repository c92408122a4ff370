# Shared helpers for tests/fetch_test_data.sh and tests/*/fetch_data.sh (sourced, not run).
# Everything lands under $DATA (the build tree); nothing third-party is committed.

# fetch_npm <name> <version> <sha256-of-tarball|-> : unpack npm package into $DATA/npm/<name>@<version>
fetch_npm() {
  local name=$1 version=$2 sum=$3
  local dest="$DATA/npm/$name@$version"
  [ -f "$dest/.done" ] && return 0
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null 2>"$tmp/err") || {
    echo "fetch_npm: npm pack $name@$version failed: $(cat "$tmp/err")" >&2; rm -rf "$tmp"; return 1; }
  local tgz; tgz=$(ls "$tmp"/*.tgz)
  if [ "$sum" != "-" ]; then
    echo "$sum  $tgz" | sha256sum -c --quiet - || { echo "fetch_npm: sha256 mismatch for $name@$version" >&2; rm -rf "$tmp"; return 1; }
  fi
  rm -rf "$dest"; mkdir -p "$dest"
  tar -xzf "$tgz" -C "$dest" --strip-components=1
  rm -rf "$tmp"
  touch "$dest/.done"
}

# fetch_deb <package> : unpack a Debian package (without installing it) into $DATA/deb/<package>
fetch_deb() {
  local pkg=$1
  local dest="$DATA/deb/$pkg"
  [ -f "$dest/.done" ] && return 0
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download -q "$pkg" >/dev/null 2>"$tmp/err") || {
    echo "fetch_deb: apt-get download $pkg failed: $(cat "$tmp/err")" >&2; rm -rf "$tmp"; return 1; }
  rm -rf "$dest"; mkdir -p "$dest"
  dpkg-deb -x "$tmp"/*.deb "$dest"
  rm -rf "$tmp"
  touch "$dest/.done"
}

# The rustup toolchain's HTML docs, when present (rustdoc + mdBook pages nobody here wrote).
rust_docs_dir() {
  local d
  for d in "$HOME"/.rustup/toolchains/stable-*/share/doc/rust/html "$HOME"/.rustup/toolchains/*/share/doc/rust/html /usr/share/doc/rust-doc/html; do
    [ -d "$d/book" ] && { echo "$d"; return 0; }
  done
  return 1
}
