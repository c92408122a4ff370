# Real pages for the HTML corpus test (sourced by tests/fetch_test_data.sh with $DATA set).
# Pinned npm packages: HTML nobody here wrote. The rustup docs are found, not fetched
# (rust_docs_dir in tests/testdata_lib.sh).
fetch_npm html5-boilerplate 9.0.1 19baebf4f0d07007453a12cdd4a34a71af53311953ce05a608843c4c2d02c70d
fetch_npm startbootstrap-sb-admin-2 4.1.4 5cb4d3875078a735953af3b1b12ed8271f1bcbb73ec0cb793d5ee81d22881b0f
fetch_npm startbootstrap-agency 7.0.12 bc49d5677d6fd30ee77ce33c3baad729494153ffd94a893992414f2a8e8fecd4
fetch_npm startbootstrap-clean-blog 6.0.9 5c65d4e2d5705e29c6a144b7fa301f8ead8e976f5c4575fb6f1023ec673018a9
