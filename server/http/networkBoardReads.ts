/** How a network's view reads its boards' templates: off the relay's thread, kept until the board changes (`networkBoardSummaries.ts`). */
import { NetworkBoardTemplate } from '../../shared/networkApi.ts'
import type { DocumentJob, DocumentResult } from '../documents/documentJobs.ts'
import { NetworkBoardSummaries } from '../documents/networkBoardSummaries.ts'
import type { Storage, StoredDocument } from '../storage/Storage.ts'

export function networkBoardSummaries(
  storage: Pick<Storage, 'documentMark'>,
  loadStored: (boardId: string) => Promise<StoredDocument>,
  documents: { run(job: DocumentJob, address: string, boards: readonly string[]): Promise<DocumentResult> },
): NetworkBoardSummaries {
  return new NetworkBoardSummaries({
    mark: (boardId) => storage.documentMark(boardId),
    read: async (boardId, address) => {
      const counted = await documents.run({ kind: 'template-counts', stored: await loadStored(boardId) }, address, [boardId])
      return (counted.kind === 'json' ? (counted.value as unknown[]) : []).flatMap((t) => NetworkBoardTemplate.safeParse(t).data ?? [])
    },
  })
}
