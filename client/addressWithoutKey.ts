/**
 * Imported first by `main.tsx`: modules run in the order they are imported, so the link's key
 * leaves the address (`linkKey.ts`) before any other module's code could read `location.href`.
 */
import { takeLinkKeyOnLoad } from './linkKey.ts'

takeLinkKeyOnLoad()
