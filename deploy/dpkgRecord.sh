#!/bin/sh
# mmdebstrap --extract-hook: the extract variant runs no dpkg, so nothing records what it unpacked.
# Writes the dpkg status and each package's file list as dpkg would, for SBOM tools reading the
# image (deploy/sbomRootfs.ts) and for scanners that read /var/lib/dpkg.
set -eu
root="$1"
mkdir -p "$root/var/lib/dpkg/info"
: > "$root/var/lib/dpkg/status"
for deb in $(ls "$root"/var/cache/apt/archives/*.deb | LC_ALL=C sort); do
  pkg=$(dpkg-deb -f "$deb" Package)
  multi=$(dpkg-deb -f "$deb" Multi-Arch)
  arch=$(dpkg-deb -f "$deb" Architecture)
  dpkg-deb -f "$deb" | sed '/^Package:/a Status: install ok installed' >> "$root/var/lib/dpkg/status"
  echo >> "$root/var/lib/dpkg/status"
  name="$pkg"; [ "$multi" = same ] && name="$pkg:$arch"
  dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -e 's|^\./|/|' -e 's|/$||' -e '/^$/d' -e '/^\.$/d' | LC_ALL=C sort > "$root/var/lib/dpkg/info/$name.list"
done
