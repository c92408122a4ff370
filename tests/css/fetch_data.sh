# CSS corpus for tests/css (sourced by tests/fetch_test_data.sh with $DATA set).
# Pinned npm packages with their tarball sha256 (computed once with `npm pack` + sha256sum).
fetch_npm bootstrap 5.3.3 38cee936dbd80138de6775683149f22e9226fc2d654392337a921f53000c789e
fetch_npm bulma 1.0.2 3c14c39cb7d8b0f92f1fe8979f58d7d6425006f1000e70a61743fdadd419a5dd
fetch_npm @fortawesome/fontawesome-free 6.5.2 1622d514686c299db3ffe9405c4f124778ce812658f66282d4524247e66fff9c
fetch_npm normalize.css 8.0.1 5cc172e0d5d062bc2a1a4bf85443e2eb260d3720e16527a0c1ac03b642f1de39
fetch_npm animate.css 4.1.1 c51565d3706f687a14b5d919a9743a2feb45d7b7915823d67e6a3ab30759fa75
# The last tailwind that ships a prebuilt full utility sheet (dist/tailwind.css, ~3.9 MB).
fetch_npm tailwindcss 2.2.19 2a0fbe1dec8d0f7bbacfc56235bdb88b3c9c450ff692eb8ee33a5eff6187f57a
# The independent judge of css_corpus_test: lightningcss, pinned (its lockfile pins the native
# binary package of the same version).
if [ ! -x "$DATA/node/node_modules/.bin/lightningcss" ]; then
  npm install --silent --no-audit --no-fund --prefix "$DATA/node" lightningcss-cli@1.33.0 >/dev/null
fi
