# Real inputs for tests/delivery (sourced by tests/fetch_test_data.sh with $DATA set): a real
# site to build with cache-extend + sri and check links over, and real CSS/JS to precompress.
# Versions and tarball sha256 pinned (same pins as the html/css/js families; fetch_npm skips
# what is already there). The Rust book comes from the rustup docs (rust_docs_dir), not fetched.
fetch_npm startbootstrap-sb-admin-2 4.1.4 5cb4d3875078a735953af3b1b12ed8271f1bcbb73ec0cb793d5ee81d22881b0f
fetch_npm bootstrap 5.3.3 38cee936dbd80138de6775683149f22e9226fc2d654392337a921f53000c789e
fetch_npm jquery 3.7.1 68a9f787516da47c680e09c187bcbac4536b6f85d90eb882844e12919e583f53
