/** How a network's view reads its boards' templates: off the relay's thread, kept until the board changes (`networkBoardSummaries.ts`). */
import type { DocumentJob, DocumentResult } from '../documents/documentJobs.ts'
import { CountedTemplate, NetworkBoardSummaries } from '../documents/networkBoardSummaries.ts'
import { parseTemplateDays } from '../documents/templateDays.ts'
import type { Storage, StoredDocument } from '../storage/Storage.ts'

type Documents = { run(job: DocumentJob, address: string, boards: readonly string[]): Promise<DocumentResult> }

/**
 * Reads a board's templates and the title it may show outside it (a case board's by its rule), off
 * the relay's thread. Each template with its instance and digest, which stay on the relay (`templateDays.ts`).
 */
export async function readBoardForNetwork(
  loadStored: (boardId: string) => Promise<StoredDocument>,
  documents: Documents,
  boardId: string,
  address: string,
  title: string,
): Promise<{ templates: CountedTemplate[]; title: string }> {
  const counted = await documents.run({ kind: 'template-counts', stored: await loadStored(boardId), title }, address, [boardId])
  const value = (counted.kind === 'json' ? counted.value : null) as { templates?: unknown; title?: unknown } | null
  const templates = (Array.isArray(value?.templates) ? value.templates : []).flatMap((t) => CountedTemplate.safeParse(t).data ?? [])
  // No title read back: none rather than the typed one, which a case board must not show.
  return { templates, title: typeof value?.title === 'string' ? value.title : '' }
}

export function networkBoardSummaries(
  storage: Pick<Storage, 'documentMark' | 'getBoard' | 'templateDays' | 'setTemplateDays'>,
  loadStored: (boardId: string) => Promise<StoredDocument>,
  documents: Documents,
): NetworkBoardSummaries {
  return new NetworkBoardSummaries({
    mark: (boardId) => storage.documentMark(boardId),
    read: (boardId, address, title) => readBoardForNetwork(loadStored, documents, boardId, address, title),
    changedAt: async (boardId) => {
      const board = await storage.getBoard(boardId)
      if (!board) throw new Error('board gone')
      // As the Fahrplan counts a board's last change (`client/network/fahrplan.ts`, lastChange).
      return board.changedAt ?? board.lastUsedAt ?? board.createdAt
    },
    keptDays: async (boardId) => parseTemplateDays(await storage.templateDays(boardId)),
    keepDays: (boardId, days) => storage.setTemplateDays(boardId, JSON.stringify(days)),
  })
}
