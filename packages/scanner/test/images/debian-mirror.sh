# Sourced by the image build scripts: `debian_mirror` prints the Debian mirror this machine's apt
# uses (deb822 `URIs:` or a one-line `deb URL suite`), or fails when apt has none configured.
debian_mirror() {
  local url
  url=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1 || true)
  [ -n "$url" ] || url=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
    grep -v security | awk '$2 ~ /^http/ {print $2; exit}' || true)
  [ -n "$url" ] || { echo "no Debian mirror in /etc/apt/sources.list(.d): configure apt first" >&2; return 1; }
  echo "$url"
}
