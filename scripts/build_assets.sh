#!/bin/sh
# Copy the built U.S. Web Design System (USWDS) files from its npm package
# into website/static/uswds/, where Django's staticfiles finds them.
#
#   npm ci && scripts/build_assets.sh
#
# No compiling: we use the package's ready-made CSS and JavaScript and add our
# own small changes in website/static/css/site.css. Safe to run again: the
# target folder is rebuilt from scratch every time. website/static/uswds/ is
# git-ignored.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC="$ROOT/node_modules/@uswds/uswds/dist"
DEST="$ROOT/website/static/uswds"

if [ ! -d "$SRC" ]; then
    echo "build_assets: $SRC not found." >&2
    echo "build_assets: run 'npm ci' (or 'npm install') in $ROOT first." >&2
    exit 1
fi

for required in css/uswds.min.css js/uswds-init.min.js js/uswds.min.js fonts img/sprite.svg; do
    if [ ! -e "$SRC/$required" ]; then
        echo "build_assets: $SRC/$required is missing; is @uswds/uswds installed correctly? Try 'npm ci'." >&2
        exit 1
    fi
done

# Build in a temporary folder beside the target, then swap it in, so a failed
# copy never leaves a half-filled website/static/uswds/.
mkdir -p "$(dirname "$DEST")"
TMP="$DEST.tmp.$$"
trap 'rm -rf "$TMP"' EXIT INT TERM
rm -rf "$TMP"
mkdir -p "$TMP/css" "$TMP/js" "$TMP/img"

cp "$SRC/css/uswds.min.css" "$TMP/css/"
cp "$SRC/js/uswds-init.min.js" "$SRC/js/uswds.min.js" "$TMP/js/"
cp -R "$SRC/fonts" "$TMP/fonts"
# All images except the raw Material Icons source sets (about 2,000 files that
# the CSS never references; every icon we use is in img/sprite.svg or img/usa-icons/).
for item in "$SRC"/img/*; do
    case "$(basename "$item")" in
        material-icons|material-icons-deprecated) ;;
        *) cp -R "$item" "$TMP/img/" ;;
    esac
done

rm -rf "$DEST"
mv "$TMP" "$DEST"
trap - EXIT INT TERM

VERSION=$(node -p "require('$ROOT/node_modules/@uswds/uswds/package.json').version" 2>/dev/null || echo "unknown")
echo "build_assets: USWDS $VERSION copied to website/static/uswds/ ($(find "$DEST" -type f | wc -l | tr -d ' ') files)"
