/**
 * A Zettel's text changing under its open editor (others' words merged in, a local edit refused)
 * enters the editor as the change it is, not as new content. tldraw's RichTextArea calls
 * `setContent` whenever the shape's text is not what the editor last wrote; TipTap's replaces
 * the whole document, which throws the caret to the end and makes the change one of the
 * editor's own steps, so Ctrl+Z would take others' words back out. Ours (`mergedContent`, the
 * same command name, registered after TipTap's) replaces only the places that differ, so the
 * caret stays after the same character, and keeps the change out of the editor's undo history,
 * which maps one's own steps over it instead.
 */
import { createDocument, Extension, type Editor as TextEditor, type JSONContent } from '@tiptap/core'
import type { TLShape, TLStore } from 'tldraw'
import type { Fragment, Node as ProseMirrorNode } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import { Transform } from '@tiptap/pm/transform'
import { diffSequences } from '../../shared/board/sequenceDiff.ts'

export const mergedContent = Extension.create({
  name: 'netzwerkstattMergedContent',
  // After the core extensions: of two commands with one name, TipTap keeps the later one.
  priority: 1,
  addCommands() {
    return {
      setContent:
        (content, { emitUpdate = true, parseOptions = {}, errorOnInvalidContent } = {}) =>
        ({ editor, tr, dispatch }) => {
          const after = createDocument(content, editor.schema, parseOptions, {
            errorOnInvalidContent: errorOnInvalidContent ?? editor.options.enableContentCheck,
          })
          if (dispatch) replaceChanged(tr, after).setMeta('preventUpdate', !emitUpdate).setMeta('addToHistory', false)
          return true
        },
    }
  },
})

/**
 * Turns `tr.doc` into `after` by replacing the runs that differ (by document position: each
 * character, node opening, node closing and inline leaf is one), last first so that earlier
 * positions hold; if the pieces do not fit back together as `after`, one replacement of the
 * span between the equal ends, and failing that, of everything.
 */
export function replaceChanged(tr: Transaction, after: ProseMirrorNode): Transaction {
  if (tr.doc.eq(after)) return tr
  for (const plan of [replaceHunks, replaceSpan]) {
    const trial = new Transform(tr.doc)
    plan(trial, after)
    if (!trial.doc.eq(after)) continue
    for (const step of trial.steps) tr.step(step)
    return tr
  }
  return tr.replaceWith(0, tr.doc.content.size, after.content)
}

function replaceHunks(trial: Transform, after: ProseMirrorNode): void {
  const hunks = diffSequences(positionsOf(trial.doc.content), positionsOf(after.content), (a, b) => a === b)
  for (const hunk of hunks.toReversed()) trial.replace(hunk.from, hunk.to, after.slice(hunk.afterFrom, hunk.afterTo))
}

/** The span between the equal ends (as prosemirror-collab's users do). */
function replaceSpan(trial: Transform, after: ProseMirrorNode): void {
  const start = trial.doc.content.findDiffStart(after.content)
  const end = trial.doc.content.findDiffEnd(after.content)
  if (start === null || !end) return
  const overlap = Math.max(0, start - Math.min(end.a, end.b))
  trial.replace(start, end.a + overlap, after.slice(start, end.b + overlap))
}

/** One token per position of the content, equal when the content there is. */
function positionsOf(content: Fragment): string[] {
  const tokens: string[] = []
  const walk = (fragment: Fragment) =>
    fragment.forEach((node) => {
      const marks = JSON.stringify(node.marks.map((mark) => mark.toJSON()))
      if (node.isText) for (const ch of node.text!.split('')) tokens.push(`c${ch}${marks}`)
      else if (node.isLeaf) tokens.push(`l${JSON.stringify([node.type.name, node.attrs])}${marks}`)
      else {
        tokens.push(`o${JSON.stringify([node.type.name, node.attrs])}${marks}`)
        walk(node.content)
        tokens.push('x')
      }
    })
  walk(content)
  return tokens
}

/** The shape being edited and its text editor, if one is open (not destroyed). */
export type OpenText = () => { id: string; textEditor: TextEditor } | null

/**
 * Others' words enter the open editor the moment the store has them, not at React's next render
 * (tldraw's RichTextArea sets them in a layout effect): a keystroke in between would otherwise
 * build on the text without them, and its write would delete them. Returns the stopper.
 */
export function showArrivingText(store: TLStore, openText: OpenText): () => void {
  return store.sideEffects.registerAfterChangeHandler('shape', (before, after, source) => {
    if (source !== 'remote') return
    const open = openText()
    const text = richTextOf(after)
    if (!open || open.id !== after.id || !text || text === richTextOf(before)) return
    // Not emitted as an update: the store holds this text already.
    open.textEditor.commands.setContent(text as JSONContent, { emitUpdate: false })
  })
}

const richTextOf = (shape: TLShape) => (shape.props as { richText?: unknown }).richText
