/**
 * The app's folder, whether the relay runs from source (server/base/appRoot.ts under tsx) or built
 * (bundled into dist/server/*.js): paths to the built client start here, never at the cwd.
 */
import { basename, dirname, resolve } from 'node:path'

const here = import.meta.dirname
const built = basename(here) === 'server' && basename(dirname(here)) === 'dist'

export const appRoot = built ? resolve(here, '..', '..') : resolve(here, '..')
