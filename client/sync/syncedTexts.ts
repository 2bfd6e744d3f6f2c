/**
 * The text a shape's editor last read, per record and text key: what the store and the doc last
 * agreed on, with the Yjs ids it was read from. The record bridge writes a local edit as the
 * change from it (`richTextEdit.ts`), so words others typed since stay.
 */
import * as Y from 'yjs'
import type { TLRecord, TLStore } from 'tldraw'
import { isEqual } from '@tldraw/utils'
import { textKeys } from '../../shared/board/records.ts'
import { textBase, type TextBase } from '../../shared/board/richTextEdit.ts'

export const propsOf = (record: unknown) => (record as { props?: Record<string, unknown> } | undefined)?.props

/**
 * Per record, for each of its texts held as a `Y.Text`: the text the store and the doc last agreed
 * on, with the Yjs ids it was read from. A local edit is the change from it to the store's value.
 */
export class SyncedTexts {
  private readonly bases = new Map<string, Map<string, { base: TextBase; shown: unknown }>>()
  constructor(
    private readonly store: TLStore,
    private readonly recordsMap: Y.Map<unknown>,
  ) {}

  /** The record's texts held as `Y.Text`, by props key. */
  texts(id: string): Map<string, Y.Text> {
    const found = new Map<string, Y.Text>()
    const entry = this.recordsMap.get(id)
    const props = entry instanceof Y.Map ? entry.get('props') : undefined
    if (props instanceof Y.Map) for (const key of textKeys) if (props.get(key) instanceof Y.Text) found.set(key, props.get(key) as Y.Text)
    return found
  }

  /**
   * The base of the store's edit of `key`: the last agreed text, or (nothing agreed since the
   * load) the doc's text when the store still shows it.
   */
  base(id: string, key: string, ytext: Y.Text): TextBase | undefined {
    const agreed = this.bases.get(id)?.get(key)
    if (agreed) return agreed.base
    const shown = this.shownNow(id, key)
    const now = textBase(ytext)
    return isEqual(now.json, shown) ? now : undefined
  }

  /** The store's value of `key` (the object) when store and doc last agreed on it. */
  shown(id: string, key: string): unknown {
    return this.bases.get(id)?.get(key)?.shown
  }

  /** Store and doc agree on the record's texts now, those the store shows as the doc holds them. */
  agree(id: string): void {
    const agreed = new Map<string, { base: TextBase; shown: unknown }>()
    for (const [key, ytext] of this.texts(id)) {
      const base = textBase(ytext)
      const shown = this.shownNow(id, key)
      if (isEqual(base.json, shown)) agreed.set(key, { base, shown })
    }
    if (agreed.size === 0) this.bases.delete(id)
    else this.bases.set(id, agreed)
  }

  /** The store no longer shows what was agreed on `key` (until it shows the doc's text again). */
  disagree(id: string, key: string): void {
    this.bases.get(id)?.delete(key)
  }

  private shownNow(id: string, key: string): unknown {
    return propsOf(this.store.get(id as TLRecord['id']))?.[key]
  }

  forget(id: string): void {
    this.bases.delete(id)
  }
}

