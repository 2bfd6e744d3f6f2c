/**
 * How a backend's Storage is made of its parts, one per concern (`sqlite/`, `postgres/`): each
 * method a concern's interface declares becomes the storage's own, bound to its part, so callers
 * keep calling `storage.loadDocument(…)` and every part keeps its own statements on the shared
 * connection. The backend class declares the parts' interfaces by declaration merging
 * (`interface SqliteStorage extends StorageConcerns {}`), as TypeScript's mixins do.
 *
 * The methods are named per part below, checked against the interfaces: a method an interface
 * gains and the list lacks does not compile, and nothing else of a part (a helper, a field)
 * reaches the storage, whatever the part's class shows.
 */
import type { StorageParts } from './Storage.ts'

/** Each part's methods, exactly as its concern's interface declares them. */
const partMethods = {
  documents: ['loadDocument', 'documentBytes', 'documentMark', 'appendUpdate', 'compact'],
  assets: ['putAsset', 'getAsset', 'assetBytes'],
  directory: ['createBoard', 'getBoard', 'listBoards', 'boardStats', 'touchBoard', 'noteBoardChanged', 'setSignInRequired', 'setObserversMayExport', 'boardsUnusedSince'],
  links: ['roleForTokenHash', 'replaceTokenHash', 'keepSealedLink', 'sealedLink', 'putJoinCode', 'findJoinCode', 'dropExpiredJoinCodes'],
  ballots: ['putBallot', 'ballot', 'ballots', 'deleteBallots'],
  privateNotes: ['putPrivateNotes', 'privateNotes', 'ownPrivateNotes', 'deletePrivateNotes'],
  versions: ['putVersion', 'listVersions', 'versionState', 'pruneVersions', 'deleteVersion'],
  sessions: ['putSession', 'findSession', 'takeSession', 'deleteSession', 'sessionsOfKind', 'dropExpiredSessions'],
  audit: ['appendAudit', 'listAudit', 'dropAuditBefore', 'auditChain', 'auditRowsAfter', 'auditLastSeq'],
  networks: ['createNetwork', 'getNetwork', 'deleteNetwork', 'addNetworkBoard', 'networkBoards', 'networkBoard', 'networkOfBoard', 'updateNetworkBoard', 'removeNetworkBoard', 'packMemory', 'setPackMemory', 'templateDays', 'setTemplateDays'],
  clientIds: ['clientIdHolders', 'holdClientIds', 'releaseClientIds'],
  retention: ['touchNetwork', 'boardsDueBefore', 'boardLastUse', 'networkLastUse', 'addTombstone', 'networkTombstones'],
  retentionArchives: ['putRetentionArchive', 'retentionArchives', 'retentionArchive', 'dropRetentionArchives', 'claimRetentionNotice', 'releaseRetentionNotice'],
  digests: ['putDigestSubscription', 'digestSubscription', 'removeDigestSubscription', 'digestSubscriptions', 'claimDigest'],
  networkLinks: ['renewNetworkToken', 'resealNetworkBoard', 'packLinkOf', 'setPackLink'],
} as const satisfies { readonly [P in keyof StorageParts]: readonly (keyof StorageParts[P])[] }

/** The methods an interface declares that its list above leaves out: none, or the compiler names them here. */
type Unlisted = { [P in keyof StorageParts]: Exclude<keyof StorageParts[P], (typeof partMethods)[P][number]> }[keyof StorageParts]
const everyMethodListed: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true

export function composeParts(target: object, parts: StorageParts): void {
  void everyMethodListed // a check for the compiler only
  for (const part of Object.keys(partMethods) as (keyof StorageParts)[]) {
    const from = parts[part] as unknown as Record<string, unknown>
    for (const name of partMethods[part]) {
      const method = from[name]
      if (typeof method !== 'function') throw new Error(`storage part ${part} has no method ${name}`)
      // Two parts with a method of one name would leave one of them unreachable. Writable and
      // configurable as a class's methods are: tests put stand-ins over them.
      if (name in target) throw new Error(`storage method ${name} is declared twice`)
      Object.defineProperty(target, name, { value: method.bind(from), writable: true, enumerable: false, configurable: true })
    }
  }
}
