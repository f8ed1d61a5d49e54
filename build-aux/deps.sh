# build-aux/deps.sh: the Debian 12 packages Attest needs, and how to install the missing ones.
# Sourced by build-aux/run and build-aux/test.

# To build and run Attest.
ATTEST_BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext python3
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libpoppler-glib-dev
  libsqlite3-dev libyaml-dev libjson-glib-dev libsoup-3.0-dev libarchive-dev libxlsxwriter-dev
  desktop-file-utils appstream shared-mime-info librsvg2-common glib-networking
  adwaita-icon-theme fonts-cantarell fonts-wqy-microhei
)

# To run the tests: a private X server and D-Bus session, the accessibility bus,
# clang with libFuzzer for the fuzz targets, a JSON Schema validator (with the
# regex module for \p{L} in patterns) for the OSCAL export.
ATTEST_TEST_PACKAGES=(
  xvfb xauth dbus dbus-x11 at-spi2-core clang libclang-rt-14-dev libxtst-dev
  python3-jsonschema python3-regex
)

# To build the Debian package and check it (build-aux/package); the Build-Depends
# of debian/control come through apt-get build-dep.
ATTEST_PACKAGE_PACKAGES=(
  dpkg-dev lintian
)

attest_missing_packages () {
  local pkg status
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [[ $status == installed ]] || printf '%s\n' "$pkg"
  done
}

attest_ensure_packages () {
  local missing sudo=()
  mapfile -t missing < <(attest_missing_packages "$@")
  [[ ${#missing[@]} -eq 0 ]] && return 0

  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || {
      echo "attest: these Debian packages are missing and there is no sudo to install them:" >&2
      echo "  ${missing[*]}" >&2
      return 1
    }
    sudo=(sudo)
  fi

  echo "attest: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be missing or stale on a new machine: refresh them once.
  "${sudo[@]}" apt-get update -q || return 1
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" || return 1
}
