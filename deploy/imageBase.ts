/**
 * The Debian under the image: the packages `npm run image` (and so the Dockerfile) unpacks into the
 * root file system. A leaf module: the build (buildImage.ts) and the SBOM (sbomImage.ts) both read it.
 */

/** What Node and better-sqlite3 need at run time, and the CA list and time zones for the relay. */
export const basePackages = ['libc6', 'libgcc-s1', 'libstdc++6', 'gcc-12-base', 'ca-certificates', 'tzdata']
export const debianSuite = 'bookworm'
export const debianMirror = 'http://deb.debian.org/debian'
