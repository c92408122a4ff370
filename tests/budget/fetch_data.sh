# Real inputs for tests/budget (sourced by tests/fetch_test_data.sh with $DATA set).
# Pinned npm packages with their tarball sha256 (computed once with `npm pack` + sha256sum).
# A real static site: swagger-ui's distribution (index.html, 2 stylesheets, 3 scripts, 2 icons,
# multi-MB bundles and source maps).
fetch_npm swagger-ui-dist 5.17.14 c57badf459aa6e65cc036b3862d0502a63f9a22546407ffcb0e64f85f816bb28
# A stylesheet with many url()s (webfonts), for the reference scan.
fetch_npm @fortawesome/fontawesome-free 6.5.2 1622d514686c299db3ffe9405c4f124778ce812658f66282d4524247e66fff9c
