/**
 * When the relay refuses one of this browser's changes (4403: the role may not make it, e.g. a
 * note changed offline just before the facilitator locked the scaffold), nothing of the refused
 * update entered the board. The browser drops its local copy and loads the board again, so that
 * it shows what the board holds, and tells the person after the reload.
 *
 * Should the fresh page be refused again at once (a bug, not a person), it stops instead of
 * reloading in a loop.
 */
const key = (boardId: string) => `netzwerkstatt:refused:${boardId}`
const loopWindowMs = 60_000

/** Why the relay refused: a change the role may not make (4403), or the board is full (4507). */
export type RefusalKind = 'not-allowed' | 'board-full'

interface Mark {
  at: number
  shown: boolean
  kind?: RefusalKind
}

function read(boardId: string): Mark | undefined {
  try {
    const mark = JSON.parse(sessionStorage.getItem(key(boardId)) ?? 'null') as Mark | null
    return mark && typeof mark.at === 'number' ? mark : undefined
  } catch {
    return undefined
  }
}

function write(boardId: string, mark: Mark): void {
  try {
    sessionStorage.setItem(key(boardId), JSON.stringify(mark))
  } catch {
    // Without sessionStorage the reload simply shows no notice.
  }
}

/** Records a refusal; 'reload' unless the last one was moments ago. */
export function noteRefusal(boardId: string, now = Date.now(), kind: RefusalKind = 'not-allowed'): 'reload' | 'stop' {
  const last = read(boardId)
  if (last && now - last.at < loopWindowMs) return 'stop'
  write(boardId, { at: now, shown: false, kind })
  return 'reload'
}

/** Once after a reload caused by a refusal, why: the page should say what happened. */
export function takeRefusalNotice(boardId: string): RefusalKind | null {
  const mark = read(boardId)
  if (!mark || mark.shown) return null
  write(boardId, { ...mark, shown: true })
  return mark.kind ?? 'not-allowed'
}
