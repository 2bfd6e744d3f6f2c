/**
 * Imported first by `main.tsx`: where the browser refuses this page storage (a frame on another
 * site), memory stands in before any other module reads it (`storageStandIn.ts`).
 */
import { standInOnLoad } from './storageStandIn.ts'

standInOnLoad()
