#!/usr/bin/env bash
# Regenerates the example site's images (examples/site/img, favicon.ico) with ImageMagick and
# cwebp. Everything is drawn here, nothing third-party. The files are committed so the demo and
# the tests do not need ImageMagick; run this only to change them. Several are written the way
# real sites ship them (metadata, a comment, wasteful compression, a still GIF, oversized for
# their <img> box) so that every image filter has something to do.
set -euo pipefail
cd "$(dirname "$0")/site"
export MAGICK_TIME=0  # ImageMagick stamps times into PNGs otherwise; keep the files reproducible
IM=(convert -define png:exclude-chunks=date,time -depth 8)

# Hero photo stand-in: a warm gradient with grain, 800x450, saved at quality 92 with a comment
# and EXIF-like text (img-recompress-jpeg, img-strip-metadata, img-resize: shown at most at 640x360).
"${IM[@]}" -size 800x450 -seed 7 gradient:'#f4c27a-#8a4b2a' \
  \( -size 800x450 -seed 7 plasma:'#d9a066-#6b3a1f' -blur 0x6 \) -compose overlay -composite \
  -attenuate 0.15 +noise Gaussian -blur 0x1 -quality 92 -set comment 'Crumb & Co. hero, shot on a phone' \
  img/hero.jpg

# Logo: flat colours in an RGBA PNG saved with the weakest zlib level and no row filter (img-recompress-png finds a
# palette and a better zlib strategy).
"${IM[@]}" -size 240x80 xc:none -fill '#8a4b2a' -draw 'roundrectangle 0,0 239,79 16,16' \
  -fill '#fff4e0' -draw 'circle 40,40 40,16' -fill '#8a4b2a' -draw 'circle 40,40 40,28' \
  -fill '#fff4e0' -draw 'rectangle 80,28 220,36' -draw 'rectangle 80,46 190,54' \
  -define png:compression-level=1 -define png:compression-filter=0 -define png:color-type=6 img/logo.png

# A tiny tile referenced only from CSS: under 3072 bytes, so img-inline makes it a data: URI.
"${IM[@]}" -size 16x16 xc:'#fff8ee' -fill '#f3e3cc' -draw 'point 3,3' -draw 'point 11,11' \
  -draw 'point 11,3' -draw 'point 3,11' img/crumbs.png

# Icon sprite, also referenced only from CSS but too big to inline: it gets a hashed name, and
# touching it must rebuild the site (the depfile test in tests/cmake relies on it).
"${IM[@]}" -size 192x48 -seed 3 plasma:'#c0392b-#f1c40f' \
  -fill '#ffffff' -draw 'circle 24,24 24,8' -draw 'rectangle 60,10 84,38' \
  -draw 'polygon 120,8 140,40 100,40' -draw 'ellipse 168,24 16,10 0,360' img/icons.png

# A still GIF (img-convert-gif-to-png).
"${IM[@]}" -size 120x120 xc:'#fff4e0' -fill '#8a4b2a' -draw 'circle 60,60 60,20' \
  -fill '#f4c27a' -draw 'circle 60,60 60,36' img/badge.gif

# A WebP photo already (img-recompress-webp tries a lossless re-encode).
"${IM[@]}" -size 320x200 -seed 11 plasma:'#e6b980-#eacda3' -blur 0x2 /tmp/pagebake-loaf.png
cwebp -quiet -lossless /tmp/pagebake-loaf.png -o img/loaf.webp
rm -f /tmp/pagebake-loaf.png

# favicon.ico with 16 and 32 px images.
"${IM[@]}" -size 32x32 xc:none -fill '#8a4b2a' -draw 'circle 16,16 16,2' \
  -fill '#fff4e0' -draw 'circle 16,16 16,9' -define icon:auto-resize=32,16 favicon.ico
