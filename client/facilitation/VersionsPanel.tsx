/**
 * *Versionen* (facilitator): the board's saved states, automatic and named. One can be looked at
 * (read-only, as an image of the board), exported, restored into the board (one change for
 * everyone, one undo reverts it) or opened as a new board of its own.
 */
import { useCallback, useEffect, useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { useEditor, useValue, type TLPageId } from 'tldraw'
import type { BoardVersion } from '../../shared/api.ts'
import { maxVersionNameLength } from '../../shared/api.ts'
import { ApiError, boardFromVersion, fetchVersionDocument, fetchVersionExport, fetchVersions, noteVersionRestored, saveNamedVersion } from '../api.ts'
import { heldBackText } from '../board/exportHolds.ts'
import { focusMainMenu } from '../board/mainMenuFocus.ts'
import { versionsPanelOpen } from './versionsPanelState.ts'
import { heldBackTemplates } from '../../shared/results/export.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { writtenUpTo } from '../board/writtenUpTo.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { rememberBoard } from '../recentBoards.ts'
import { saveBlob } from '../saveFile.ts'
import { restoreVersion } from './versionRestore.ts'
import { VersionDrawing } from './VersionDrawing.tsx'
import { VersionView } from './versionView.tsx'
import { VersionComparison } from './VersionComparison.tsx'
import './voting.css'
import './versions.css'

const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
const versionLabel = (version: BoardVersion) => version.name ?? t.versionAutomatic

/** The saved versions, newest first, each with what may be done with it here. */
export function SavedVersions({ versions, action }: { versions: BoardVersion[] | null; action: (version: BoardVersion) => ReactNode }) {
  if (versions === null) return <p className="nws-field__hint">{t.versionsLoading}</p>
  if (versions.length === 0) return <p className="nws-field__hint">{t.versionsEmpty}</p>
  return (
    <ol className="nws-versions__list">
      {versions.map((version) => (
        <li key={version.id} data-version={version.id} data-named={version.name !== null || undefined}>
          <span className="nws-versions__name">{versionLabel(version)}</span>
          <time dateTime={version.createdAt}>{when.format(new Date(version.createdAt))}</time>
          {action(version)}
        </li>
      ))}
    </ol>
  )
}

export function VersionsPanel({ licenceKey }: { licenceKey: string | null }) {
  const session = useOpenBoard()
  const open = useValue(versionsPanelOpen)
  if (session.role !== 'facilitator' || !open) return null
  const close = () => {
    versionsPanelOpen.set(false)
    focusMainMenu()
  }
  return <VersionList licenceKey={licenceKey} onClose={close} />
}

function VersionList({ licenceKey, onClose }: { licenceKey: string | null; onClose(): void }) {
  const { boardId, token, connection } = useOpenBoard()
  const [versions, setVersions] = useState<BoardVersion[] | null>(null)
  const [message, setMessage] = useState('')
  const [name, setName] = useState('')
  const [previewing, setPreviewing] = useState<BoardVersion | null>(null)
  const nameId = useId()

  const reload = useCallback(
    () =>
      fetchVersions(boardId, token).then(setVersions, () => {
        setVersions([])
        setMessage(t.versionsUnavailable)
      }),
    [boardId, token],
  )
  useEffect(() => void reload(), [reload])

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) return
    try {
      await saveNamedVersion(boardId, token, trimmed, writtenUpTo(connection.doc))
      setName('')
      setMessage(format(t.versionSaved, { name: trimmed }))
      await reload()
    } catch {
      setMessage(t.versionsUnavailable)
    }
  }
  // Keys typed here are no tldraw shortcuts; Escape closes the panel.
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation()
    if (event.key === 'Escape') onClose()
  }

  return (
    <section className="nws-vote-panel nws-versions" aria-label={t.versionsHeading} onKeyDown={onKeyDown}>
      <header className="nws-versions__header">
        <h2>{t.versionsHeading}</h2>
        <button type="button" className="nws-vote-panel__collapse" aria-label={t.versionsClose} title={t.versionsClose} onClick={onClose}>
          ×
        </button>
      </header>
      <form className="nws-versions__save" onSubmit={save}>
        <label htmlFor={nameId}>{t.versionNameLabel}</label>
        <div className="nws-versions__save-row">
          <input id={nameId} value={name} maxLength={maxVersionNameLength} placeholder={t.versionNamePlaceholder} onChange={(e) => setName(e.target.value)} autoFocus />
          <button type="submit" className="nws-button nws-button--small" disabled={!name.trim()}>
            {t.versionSave}
          </button>
        </div>
      </form>
      <p className="nws-field__hint" role="status">
        {message}
      </p>
      <SavedVersions
        versions={versions}
        action={(version) => (
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => setPreviewing(version)}>
            {t.versionShow}
          </button>
        )}
      />
      {previewing && (
        <VersionPreview
          version={previewing}
          versions={versions ?? []}
          licenceKey={licenceKey}
          onDone={(text) => {
            setPreviewing(null)
            if (text) setMessage(text)
          }}
        />
      )}
    </section>
  )
}

function VersionPreview(props: { version: BoardVersion; versions: BoardVersion[]; licenceKey: string | null; onDone(message?: string): void }) {
  const { version, versions, licenceKey, onDone } = props
  const [comparing, setComparing] = useState(false)
  const editor = useEditor()
  const { boardId, token, dropLeftOut } = useOpenBoard()
  const [view, setView] = useState<VersionView | null>(null)
  const [failed, setFailed] = useState(false)
  const fail = useCallback(() => setFailed(true), [])
  // The page the facilitator is on, where the version has it; else the version's first page.
  const [pageId, setPageId] = useState<TLPageId>(() => editor.getCurrentPageId())
  // Where the facilitator looks now: the preview opens there on that page.
  const [looking] = useState(() => ({ pageId: editor.getCurrentPageId(), at: editor.getViewportPageBounds().center }))
  const headingId = useId()
  const pageSelectId = useId()
  const pages = view ? view.pages() : []
  const shownPage = pages.find((p) => p.id === pageId) ?? pages[0]

  // The board's shortcuts rest while the preview is open: its keys move and zoom the preview.
  useEffect(() => {
    const wasFocused = editor.getIsFocused()
    editor.blur({ blurContainer: false })
    return () => {
      if (wasFocused) editor.focus({ focusContainer: false })
    }
  }, [editor])

  useEffect(() => {
    let current = true
    let loaded: VersionView | null = null
    fetchVersionDocument(boardId, token, version.id)
      .then((state) => {
        if (!current) return
        loaded = new VersionView(state, licenceKey ?? undefined, editor.store.props.assets)
        setView(loaded)
      })
      .catch(() => current && setFailed(true))
    return () => {
      current = false
      loaded?.dispose()
    }
  }, [boardId, token, version.id, licenceKey, editor])

  const restore = () => {
    if (!view) return
    const snapshot = view.snapshot()
    restoreVersion(editor, snapshot)
    // What the board held that could not be shown is not part of the version: it goes too.
    dropLeftOut(new Set(Object.keys(snapshot.store)))
    // Only for the audit trail: the restore is done whether or not the relay hears of it.
    noteVersionRestored(boardId, token, version.id).catch(() => {})
    onDone(format(t.versionRestored, { name: versionLabel(version) }))
  }
  const asNewBoard = async () => {
    try {
      const created = await boardFromVersion(boardId, token, version.id)
      rememberBoard(localStorage, created, created.access)
      window.open(created.links.facilitator, '_blank', 'noopener')
      onDone(format(t.versionCopied, { title: created.title }))
    } catch (error) {
      const refused = error instanceof ApiError && (error.status === 401 || error.status === 429)
      onDone(refused ? t.versionCopyNotAllowed : t.versionsUnavailable)
    }
  }
  const exportMarkdown = async () => {
    const blob = await fetchVersionExport(boardId, token, version.id, 'md')
    saveBlob(blob, `${versionLabel(version)}.md`)
  }
  const [makingPng, setMakingPng] = useState(false)
  const exportPng = async () => {
    if (!view || !shownPage) return
    // A picture of the version leaves the board: what a template of it holds back stays in.
    const held = heldBackText(heldBackTemplates(Object.values(view.snapshot().store)).filter((h) => h.page === shownPage.id))
    if (held) return onDone(`${t.exportHeldBack}: ${held}`)
    setMakingPng(true)
    try {
      saveBlob(await view.png(shownPage.id), `${versionLabel(version)}.png`)
    } finally {
      setMakingPng(false)
    }
  }

  // Over everything, tldraw's menus and toolbar too: the preview takes nearly the whole screen.
  return createPortal(
    <div className="nws-version-preview" role="dialog" aria-modal="true" aria-labelledby={headingId}>
      <div className={comparing ? 'nws-version-preview__box' : 'nws-version-preview__box nws-version-preview__box--drawing'}>
        <header className="nws-versions__header">
          <h2 id={headingId}>
            {versionLabel(version)} · {when.format(new Date(version.createdAt))}
          </h2>
          <button type="button" className="nws-vote-panel__collapse" aria-label={t.versionsClose} title={t.versionsClose} onClick={() => onDone()}>
            ×
          </button>
        </header>
        {comparing ? (
          <VersionComparison version={version} versions={versions} label={versionLabel} />
        ) : (
          <div className="nws-version-preview__image">
            {failed ? (
              <p className="nws-error">{t.versionsUnavailable}</p>
            ) : (
              <>
                {pages.length > 1 && shownPage && (
                  <p className="nws-version-preview__page">
                    <label htmlFor={pageSelectId}>{t.versionPage}</label>{' '}
                    <select id={pageSelectId} value={shownPage.id} onChange={(e) => setPageId(e.target.value as TLPageId)}>
                      {pages.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </p>
                )}
                {shownPage && !view!.hasShapes(shownPage.id) ? (
                  <p className="nws-field__hint">{t.versionPageEmpty}</p>
                ) : (
                  // Until the drawing is there; CSS hides it then.
                  <p className="nws-field__hint nws-version-preview__loading" role="status">
                    {t.versionsLoading}
                  </p>
                )}
                {view && shownPage && view.hasShapes(shownPage.id) && (
                  <VersionDrawing
                    key={shownPage.id}
                    view={view}
                    pageId={shownPage.id}
                    focus={looking.pageId === shownPage.id ? looking.at : null}
                    onFailed={fail}
                  />
                )}
              </>
            )}
          </div>
        )}
        <p className="nws-field__hint">{t.versionRestoreHint}</p>
        <div className="nws-vote-panel__actions">
          <button type="button" className="nws-button nws-button--small" disabled={!view} onClick={restore}>
            {t.versionRestore}
          </button>
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => void asNewBoard()}>
            {t.versionAsNewBoard}
          </button>
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => void exportMarkdown()}>
            {t.versionExport}
          </button>
          <button type="button" className="nws-button nws-button--secondary nws-button--small" disabled={!view || comparing || makingPng} onClick={() => void exportPng()}>
            {t.versionPng}
          </button>
          <button
            type="button"
            className="nws-button nws-button--secondary nws-button--small"
            aria-pressed={comparing}
            onClick={() => setComparing((on) => !on)}
          >
            {t.versionCompare}
          </button>
          <span className="nws-field__hint" role="status">
            {makingPng ? t.versionPngMaking : ''}
          </span>
        </div>
      </div>
    </div>,
    document.body,
  )
}
