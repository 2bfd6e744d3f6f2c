/** How a network's view reads its boards' templates: off the relay's thread, kept until the board changes (`networkBoardSummaries.ts`). */
import { NetworkBoardTemplate } from '../../shared/networkApi.ts'
import type { DocumentJob, DocumentResult } from '../documents/documentJobs.ts'
import { NetworkBoardSummaries } from '../documents/networkBoardSummaries.ts'
import type { Storage, StoredDocument } from '../storage/Storage.ts'

type Documents = { run(job: DocumentJob, address: string, boards: readonly string[]): Promise<DocumentResult> }

/** Reads a board's templates and the title it may show outside it (a case board's by its rule), off the relay's thread. */
export async function readBoardForNetwork(
  loadStored: (boardId: string) => Promise<StoredDocument>,
  documents: Documents,
  boardId: string,
  address: string,
  title: string,
): Promise<{ templates: NetworkBoardTemplate[]; title: string }> {
  const counted = await documents.run({ kind: 'template-counts', stored: await loadStored(boardId), title }, address, [boardId])
  const value = (counted.kind === 'json' ? counted.value : null) as { templates?: unknown; title?: unknown } | null
  const templates = (Array.isArray(value?.templates) ? value.templates : []).flatMap((t) => NetworkBoardTemplate.safeParse(t).data ?? [])
  // No title read back: none rather than the typed one, which a case board must not show.
  return { templates, title: typeof value?.title === 'string' ? value.title : '' }
}

export function networkBoardSummaries(
  storage: Pick<Storage, 'documentMark'>,
  loadStored: (boardId: string) => Promise<StoredDocument>,
  documents: Documents,
): NetworkBoardSummaries {
  return new NetworkBoardSummaries({
    mark: (boardId) => storage.documentMark(boardId),
    read: (boardId, address, title) => readBoardForNetwork(loadStored, documents, boardId, address, title),
  })
}
