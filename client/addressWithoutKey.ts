/**
 * Imported first by `main.tsx` (after the storage's stand-in): modules run in the order they are
 * imported, so the link's key (`linkKey.ts`) and a proposed name (`proposedName.ts`) leave the
 * address before any other module's code could read `location.href`.
 */
import { takeLinkKeyOnLoad } from './linkKey.ts'
import { takeProposedName } from './proposedName.ts'

takeProposedName(window.location, (url) => history.replaceState(history.state, '', url))
takeLinkKeyOnLoad()
