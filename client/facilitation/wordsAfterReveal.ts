/**
 * Words a writer typed that the relay had not got when the facilitator revealed the round: the
 * reveal puts the relay's copy of her note on the board, and the board's copy replaces this tab's
 * (the words on their way are refused, the round being closed). This tab remembers its own notes
 * of the open round as last typed and, once the board shows the revealed note, writes the missing
 * words onto it as an ordinary edit of her own note.
 */
import type { Editor, TLNoteShape, TLRecord, TLShapeId } from 'tldraw'
import { isEqual } from '@tldraw/utils'
import { isPrivateRecord } from '../../shared/board/entries/private.ts'

export class WordsAfterReveal {
  /** The writer's notes of the open round, as this tab last had them. */
  private readonly typed = new Map<TLShapeId, TLNoteShape>()
  /** Of those, the ones a reveal took, until the board shows them. */
  private readonly revealed = new Map<TLShapeId, TLNoteShape>()

  /** `inDoc`: whether the board's document holds the record (the reveal's copy has arrived there). */
  constructor(
    private readonly editor: Editor,
    private readonly inDoc: (id: TLShapeId) => boolean,
  ) {}

  /** The round's own notes now; one gone from the store was taken back, one made ordinary was revealed. */
  seen(notes: readonly TLNoteShape[]): void {
    for (const note of notes) this.typed.set(note.id, note)
    const now = new Set(notes.map((note) => note.id))
    for (const id of this.typed.keys()) if (!now.has(id) && !this.editor.store.has(id)) this.typed.delete(id)
  }

  /** The round has ended: what this tab typed waits for the board's copy. */
  roundEnded(): void {
    for (const [id, note] of this.typed) this.revealed.set(id, note)
    this.typed.clear()
  }

  /** Whether notes are still waiting for the board's copy (then call again when the store changes). */
  get waiting(): boolean {
    return this.revealed.size > 0
  }

  /** Writes the missing words onto every revealed note the board shows now. */
  catchUp(): void {
    const behind: TLNoteShape[] = []
    for (const [id, mine] of this.revealed) {
      const shown = this.editor.store.get(id) as TLRecord | undefined
      // Still this tab's private copy while the board's is on its way; one the board never got
      // (left out by the relay) becomes an ordinary note through `release` with its own words.
      if (shown && isPrivateRecord(shown) && this.inDoc(id)) continue
      this.revealed.delete(id)
      if (shown?.typeName !== 'shape' || shown.type !== 'note' || isPrivateRecord(shown)) continue
      if (!isEqual((shown as TLNoteShape).props.richText, mine.props.richText)) behind.push(mine)
    }
    if (behind.length === 0) return
    // Not an undoable step of hers: an undo would take her words off the board again.
    this.editor.run(() => this.editor.updateShapes(behind.map((note) => ({ id: note.id, type: 'note', props: { richText: note.props.richText } }))), {
      history: 'ignore',
    })
  }
}
