/**
 * The app's folder, whether the relay runs from source (server/base/appRoot.ts under tsx) or built
 * (bundled into dist/server/*.js): both lie two folders below it. Paths to the built client start
 * here, never at the cwd.
 */
import { resolve } from 'node:path'

export const appRoot = resolve(import.meta.dirname, '..', '..')
