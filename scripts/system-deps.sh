#!/usr/bin/env bash
# Installs the Debian packages Renaksi needs when they are missing.
#   system-deps.sh run   what the app needs: Pango (WeasyPrint), gettext (compilemessages)
#   system-deps.sh test  that plus the test tools: poppler-utils and qpdf (PDF checks),
#                        Chromium (browser tests), LibreOffice Calc (Excel files open elsewhere),
#                        Redis (the job tests run real RQ workers on it)
# The PDF fonts are in the repository (static/fonts/), so no font package is needed.
set -euo pipefail
purpose=${1:-test}
needed=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libpango-1.0.so.0 || needed+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
have_cmd msgfmt || needed+=(gettext)
if [ "$purpose" = test ]; then
  have_cmd pdftoppm || needed+=(poppler-utils)
  have_cmd qpdf || needed+=(qpdf)
  have_cmd chromium || needed+=(chromium)
  have_cmd soffice || needed+=(libreoffice-calc-nogui)
  have_cmd redis-server || needed+=(redis-server)
fi
((${#needed[@]})) || exit 0
if [ "$(id -u)" != 0 ] || ! have_cmd apt-get; then
  echo "Missing system packages: ${needed[*]} (install them with apt-get as root)." >&2
  exit 1
fi
echo "Installing system packages: ${needed[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
