# Image corpus (sourced by tests/fetch_test_data.sh with $DATA set). Pinned; nothing committed.
#  - gdk-pixbuf-tests: conformance and malformed images (GIF, PNG, JPEG), animated GIFs
#  - desktop-base, mate-backgrounds: photos and illustrations (JPEG, PNG)
#  - adwaita-icon-theme: icons (PNG, many sizes, palette and RGBA)
#  - gnome-user-docs: screenshots (PNG)
#  - emoji-datasource-twitter: emoji PNGs (small RGBA icons)
# The corpus test picks a deterministic sample from these (tests/image/image_corpus_test.cc).
fetch_deb gdk-pixbuf-tests
fetch_deb desktop-base
fetch_deb mate-backgrounds
fetch_deb adwaita-icon-theme
fetch_deb gnome-user-docs
fetch_npm emoji-datasource-twitter 16.0.0 f64a530c63bca463bd8317fdc4615ce63a53a0c65018e4ce2d848aaba7a28877
