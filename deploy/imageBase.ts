/**
 * The Debian under the image: the packages `npm run image` (and so the Dockerfile) unpacks into the
 * root file system. A leaf module: the build (buildImage.ts) and the SBOM (sbomImage.ts) both read it.
 */

/** What Node and better-sqlite3 need at run time, the CA list and time zones for the relay, and base-files for /etc/os-release
 * (scanners and the SBOM's purls read the distribution there) and the licence texts copyright files refer to. */
export const basePackages = ['libc6', 'libgcc-s1', 'libstdc++6', 'gcc-12-base', 'ca-certificates', 'tzdata', 'base-files']
export const debianSuite = 'bookworm'
export const debianMirror = 'http://deb.debian.org/debian'
