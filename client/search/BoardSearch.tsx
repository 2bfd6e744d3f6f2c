/**
 * *Suchen*: finds what is written on the board, on every page (Zettel, templates, frames,
 * comments), lists it with its page, template and cell, and goes there: Enter to the next
 * result, Shift+Enter to the one before, a click to any. Ctrl+F (Cmd+F on a Mac) opens it: the
 * browser's own find cannot read a canvas. In another text field (a dialog's, a panel's) the
 * browser keeps its shortcut; while a shape's text is being written, the search takes it.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode, type RefObject } from 'react'
import { useEditor, type Editor } from 'tldraw'
import type * as Y from 'yjs'
import { comments, readComments } from '../../shared/board/comments.ts'
import { foldText, type FoldedText, type TextRange } from '../../shared/board/textMatch.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { boardTexts, searchBoard, type SearchHit, type SearchItem } from '../../shared/results/boardTexts.ts'
import { showOnBoard } from './showOnBoard.ts'
import './search.css'
import { kindNames } from './searchKinds.ts'

/** More results than anyone reads; the count says how many there are. */
const shownResults = 100
/** Board changes come in bursts (a drag moves a note many times a second): read the board again after a pause. */
const rereadAfterMs = 250
/** Folded texts kept between readings: more than any board holds. */
const maxFolded = 20_000

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export function BoardSearch() {
  const editor = useEditor()
  const [open, setOpen] = useState(false)
  const [closed, setClosed] = useState(false)
  const field = useRef<HTMLInputElement | null>(null)

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'f' || event.altKey || event.shiftKey || !(isMac ? event.metaKey : event.ctrlKey)) return
      const target = event.target instanceof Element ? event.target : null
      const inOwnField = target !== null && target === field.current
      const typingElsewhere = !inOwnField && !editor.getEditingShapeId() && target?.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])')
      if (typingElsewhere) return
      event.preventDefault()
      event.stopPropagation()
      if (editor.getEditingShapeId()) editor.complete()
      if (field.current) {
        field.current.focus()
        field.current.select()
      } else setOpen(true)
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [editor])

  if (!open) {
    return (
      <button
        type="button"
        ref={(button) => void (closed && button?.focus())}
        className="nws-facilitation-button nws-search-button"
        aria-expanded="false"
        aria-keyshortcuts={isMac ? 'Meta+F' : 'Control+F'}
        onClick={() => setOpen(true)}
      >
        {t.searchOpen}
      </button>
    )
  }
  return (
    <SearchPanel
      field={field}
      onClose={() => {
        setClosed(true)
        setOpen(false)
      }}
    />
  )
}

/** The board's searchable texts, read again after each burst of changes to the board or its comments. */
function useBoardTexts(editor: Editor, doc: Y.Doc): SearchItem[] {
  // Most texts are the same from one reading to the next.
  const folded = useRef(new Map<string, FoldedText>())
  const fold = (text: string) => {
    let found = folded.current.get(text)
    if (!found) {
      if (folded.current.size > maxFolded) folded.current.clear()
      found = foldText(text)
      folded.current.set(text, found)
    }
    return found
  }
  const read = () => boardTexts(editor.store.allRecords(), readComments(doc), fold)
  const [items, setItems] = useState(read)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const later = () => {
      timer ??= setTimeout(() => {
        timer = undefined
        setItems(read())
      }, rereadAfterMs)
    }
    const stopListening = editor.store.listen(later, { scope: 'document' })
    const map = comments(doc)
    map.observe(later)
    return () => {
      stopListening()
      map.unobserve(later)
      clearTimeout(timer)
    }
  }, [editor, doc])
  return items
}

function SearchPanel({ field, onClose }: { field: RefObject<HTMLInputElement | null>; onClose(): void }) {
  const editor = useEditor()
  const session = useOpenBoard()
  const items = useBoardTexts(editor, session.connection.doc)
  const [query, setQuery] = useState('')
  const [activeKey, setActiveKey] = useState<string | null>(null)
  const hits = useMemo(() => searchBoard(items, query), [items, query])
  const fieldId = useId()
  const hintId = useId()
  const list = useRef<HTMLOListElement | null>(null)
  const active = hits.findIndex((hit) => hit.item.key === activeKey)

  useEffect(() => field.current?.focus(), [field])
  useEffect(() => {
    list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [activeKey])

  const go = (index: number) => {
    const hit = hits[index]
    if (!hit) return
    setActiveKey(hit.item.key)
    showOnBoard(editor, hit.item)
  }
  // Keys typed here are no tldraw shortcuts.
  const onKeyDown = (event: ReactKeyboardEvent) => {
    event.stopPropagation()
    if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
    } else if (event.key === 'Enter' && event.target === field.current && hits.length > 0) {
      event.preventDefault()
      go(event.shiftKey ? (active <= 0 ? hits.length - 1 : active - 1) : (active + 1) % hits.length)
    }
  }

  const count = query.trim() === '' ? '' : hits.length === 0 ? t.searchNone : plural(locale, hits.length, { one: t.searchResultsOne, other: t.searchResults })
  return (
    <section role="search" aria-label={t.searchRegion} className="nws-vote-panel nws-search" onKeyDown={onKeyDown}>
      <div className="nws-search__header">
        <label htmlFor={fieldId}>{t.searchLabel}</label>
        <button type="button" className="nws-vote-panel__collapse" aria-label={t.searchClose} title={t.searchClose} onClick={onClose}>
          ×
        </button>
      </div>
      <input
        id={fieldId}
        ref={field}
        type="search"
        className="nws-search__field"
        value={query}
        placeholder={t.searchPlaceholder}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value)
          setActiveKey(null)
        }}
      />
      <p id={hintId} className="nws-search__hint">
        {t.searchHint}
      </p>
      <p className="nws-search__count" role="status" aria-live="polite">
        {count}
      </p>
      {hits.length > 0 && (
        <ol className="nws-search__results" aria-label={t.searchResultsList} ref={list}>
          {hits.slice(0, shownResults).map((hit, index) => (
            <li key={hit.item.key}>
              <button type="button" aria-current={index === active ? 'true' : undefined} onClick={() => go(index)}>
                <Result hit={hit} />
              </button>
            </li>
          ))}
        </ol>
      )}
      {hits.length > shownResults && <p className="nws-search__hint">{format(t.searchShownFirst, { shown: shownResults })}</p>}
    </section>
  )
}


function Result({ hit }: { hit: SearchHit }) {
  const { item } = hit
  const kind = item.kind === 'comment' ? format(t.searchKindComment, { name: item.author?.trim() || '–' }) : kindNames[item.kind]
  return (
    <>
      <span className="nws-search__text">{marked(item.text, hit.ranges)}</span>
      <span className="nws-search__where">
        <span className="nws-search__kind">{kind}</span> · {[item.pageName, ...item.where].join(' › ')}
      </span>
    </>
  )
}

/** Around the first part found, at most this many characters of a long text. */
const snippetLength = 160

/** The text with the parts found marked; a long one cut to a window around the first of them. */
function marked(text: string, ranges: readonly TextRange[]): ReactNode[] {
  const start = text.length > snippetLength && ranges[0][0] > snippetLength / 3 ? ranges[0][0] - 40 : 0
  const end = Math.min(text.length, start + snippetLength)
  const parts: ReactNode[] = start > 0 ? ['…'] : []
  let at = start
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue
    if (from > at) parts.push(text.slice(at, from))
    parts.push(<mark key={from}>{text.slice(Math.max(from, at), Math.min(to, end))}</mark>)
    at = Math.min(to, end)
  }
  parts.push(text.slice(at, end))
  if (end < text.length) parts.push('…')
  return parts
}
