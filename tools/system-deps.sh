#!/bin/sh
# Make sure the system libraries publisher needs are present; install them with apt-get where
# we can (root on Debian/Ubuntu), otherwise say exactly what is missing.
#   required: Pango (WeasyPrint lays out text with it)
#   wanted:   HarfBuzz subset (without it WeasyPrint subsets fonts with fontTools, ~3x slower)
#             Noto fonts for the scripts the bundled fonts (Latin, Greek, Cyrillic) lack:
#             fonts-noto-core (Arabic, Hebrew, Devanagari, Thai, Georgian, Armenian...; 12 MB)
#             and fonts-noto-cjk (Chinese, Japanese, Korean; 57 MB), found through fontconfig
#   --test:   gettext's msgfmt/msgcat (catalogs are checked against GNU gettext);
#             chromium (the browser tests drive Debian's /usr/bin/chromium headless)
#             qpdf (qpdf --check on every PDF handout)
set -u
for_tests=""
[ "${1:-}" = "--test" ] && for_tests=1
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
# A font family fontconfig offers (fc-list -q: status 1 when nothing matches); one family
# stands for each Debian package.
have_font() { fc-list -q ":family=$1" 2>/dev/null; }
missing=""
have_lib 'libpango-1.0.so' || missing="$missing libpango-1.0-0"
have_lib 'libpangoft2-1.0.so' || missing="$missing libpangoft2-1.0-0"
have_lib 'libharfbuzz-subset.so' || missing="$missing libharfbuzz-subset0"
command -v fc-list >/dev/null 2>&1 || missing="$missing fontconfig"
have_font 'Noto Naskh Arabic' || missing="$missing fonts-noto-core"
have_font 'Noto Sans CJK SC' || missing="$missing fonts-noto-cjk"
if [ -n "$for_tests" ]; then
  command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
  command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
fi
[ -z "$missing" ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "system-deps: installing$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >/dev/null \
    && exit 0
  echo "system-deps: apt-get could not install$missing" >&2
elif command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "system-deps: installing$missing (sudo)" >&2
  sudo -n apt-get update -qq && sudo -n apt-get install -y -qq --no-install-recommends $missing \
    >/dev/null && exit 0
fi
echo "system-deps: missing system packages:$missing" >&2
echo "  Debian/Ubuntu: sudo apt-get install$missing" >&2
echo "  macOS (Homebrew): brew install pango harfbuzz gettext" >&2
case "$missing" in
  *fonts-noto*) echo "  fonts elsewhere: the Noto families (Noto Naskh Arabic, Noto Sans CJK SC ...," \
    "https://notofonts.github.io) in a folder fontconfig searches (fc-list lists them)" >&2 ;;
esac
case "$missing" in
  *pango*) exit 1 ;;   # WeasyPrint cannot run at all without Pango
  *) exit 0 ;;         # slower PDFs or skipped gettext comparisons, but a working build
esac
