/**
 * The board's Dokumentation where the report was: one click downloads it as a PDF file (made by
 * the server), as ODT or DOCX to edit further, as Markdown, or its open items as CSV; "Drucken" lays it out in the print sheet.
 * Everyone who may export sees whether it is released; the facilitator opens a small dialog for
 * the meeting's header and the release ("Zur Weitergabe freigeben").
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { useEditor, useValue } from 'tldraw'
import { meetingEntry, maxMeetingLine, type MeetingHeader } from '../../shared/board/entries/meeting.ts'
import { changedSinceRelease, keptRelease, releaseEntry, withdrawn, type Release } from '../../shared/board/entries/release.ts'
import { formatExtension, type ReportFormat } from '../../shared/api.ts'
import { beschluesseOf, dokumentationLayout, releaseLine, type Dokumentation } from '../../shared/results/dokumentation.ts'
import { notePlaces } from '../../shared/results/export.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { consentEntry } from '../../shared/board/entries/consent.ts'
import { readRounds } from '../../shared/board/entries/zustimmungen.ts'
import { formatDate, localDay } from '../../shared/dates.ts'
import { fetchReport, releaseBoard } from '../api.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { writtenUpTo } from '../board/writtenUpTo.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { fileNameFromDisposition, saveBlob } from '../saveFile.ts'
import { printReport } from '../templates/printReport.ts'
import './dokumentation.css'
import { FormError } from '../FormError.tsx'
import { useContentFingerprint } from './releaseChange.ts'
import { PublicationFields, PublicationShown, publicationOf, type PublicationDraft } from './ReleasePublication.tsx'
import type { Publication } from '../../shared/board/entries/release.ts'

type Choice = Exclude<ReportFormat, 'json'> | 'print'

export function DokumentationSection() {
  const session = useOpenBoard()
  const { boardId, token } = session
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<Choice | null>(null)
  const [emptyTables, setEmptyTables] = useState(false)
  const [editing, setEditing] = useState(false)
  const emptyId = useId()
  const release = useValue('release', () => session.facilitation.entries.release.get(), [session])
  const mayEdit = releaseEntry.mayWrite(session.role)

  const run = async (choice: Choice) => {
    if (busy) return
    setBusy(choice)
    setError(null)
    try {
      const response = await fetchReport(boardId, token, choice === 'print' ? 'json' : choice, locale, emptyTables)
      if (choice === 'print') printReport(dokumentationLayout((await response.json()) as Dokumentation, locale))
      else saveBlob(await response.blob(), fileNameFromDisposition(response.headers.get('Content-Disposition'), `dokumentation.${formatExtension(choice)}`))
    } catch (e) {
      setError(`${t.exportFailed}: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      setBusy(null)
    }
  }
  const button = (choice: Choice, label: string, primary = false) => (
    <li>
      <button
        type="button"
        className={`nws-button ${primary ? '' : 'nws-button--secondary '}nws-button--small`}
        data-report={choice}
        // Not disabled while busy: a disabled button would drop the keyboard focus.
        aria-busy={busy === choice || undefined}
        onClick={() => run(choice)}
      >
        {label}
      </button>
    </li>
  )
  return (
    <div className="nws-report-links" aria-busy={busy !== null || undefined}>
      <h4>{t.reportHeading}</h4>
      <p className="nws-field__hint">{t.reportHint}</p>
      <p className="nws-release-state" data-released={release.released} data-release-state>
        <span aria-hidden="true">{release.released ? '✓ ' : '⚠ '}</span>
        {releaseLine(release, locale)}
      </p>
      {mayEdit && <ReleaseChange release={release} />}
      <p className="nws-report-links__option">
        <input id={emptyId} type="checkbox" checked={emptyTables} onChange={(e) => setEmptyTables(e.target.checked)} />{' '}
        <label htmlFor={emptyId}>{t.reportEmptyTables}</label>
      </p>
      <ul className="nws-export-links">
        {button('pdf', t.reportPdf, true)}
        {button('pdfa', t.reportPdfA)}
        {button('odt', t.reportOdt)}
        {button('docx', t.reportDocx)}
        {button('md', t.reportMarkdown)}
        {button('csv', t.reportCsv)}
        {button('print', t.reportPrint)}
      </ul>
      {mayEdit && (
        <p>
          <button type="button" className="nws-button nws-button--secondary nws-button--small" data-dokumentation-edit onClick={() => setEditing(true)}>
            {t.docEdit}
          </button>
        </p>
      )}
      <FormError error={error} />
      {editing && <DokumentationDialog onClose={() => setEditing(false)} />}
    </div>
  )
}

/** The facilitator's dialog: the meeting's header, the Beschlüsse so far, the release. */
function DokumentationDialog({ onClose }: { onClose(): void }) {
  const session = useOpenBoard()
  const doc = session.connection.doc
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const stored = useValue('meeting', () => session.facilitation.entries.meeting.get(), [session])
  const release = useValue('release', () => session.facilitation.entries.release.get(), [session])
  const editor = useEditor()
  const marks = useValue('beschluesse', () => session.facilitation.entries.beschluesse.get(), [session])
  // As many as the Dokumentation lists: marks on Zettel still there, the Steuerungsgruppe's table's rows, none the room refused.
  const marked = useMemo(
    () => beschluesseOf(notePlaces(editor.store.allRecords(), facilitationMap(doc).get(consentEntry.key)), marks, undefined, readRounds(doc)).length,
    [editor, marks, doc],
  )
  const [header, setHeader] = useState<MeetingHeader>(stored)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    const el = dialog.current
    if (el && !el.open) el.showModal()
  }, [])
  const field = (key: keyof MeetingHeader) => ({
    value: header[key],
    onChange: (e: { target: { value: string } }) => {
      setSaved(false)
      setHeader({ ...header, [key]: e.target.value })
    },
  })
  const save = (event: FormEvent) => {
    event.preventDefault()
    meetingEntry.set(doc, { date: header.date, place: header.place.trim(), moderation: header.moderation.trim() })
    setSaved(true)
  }
  const now = () => session.facilitation.tools.clock.now()
  const { releasing, error: releaseError, release: release_ } = useRelease()
  // Starts from the last release's, so releasing again sends to the same people.
  const [publication, setPublication] = useState<PublicationDraft>({ verteiler: (release.verteiler ?? []).join('\n'), rule: release.rule ?? '' })
  const [publicationError, setPublicationError] = useState<string | null>(null)
  const releaseNow = () => {
    const checked = publicationOf(publication)
    setPublicationError('error' in checked ? checked.error : null)
    if ('publication' in checked) void release_(checked.publication)
  }
  return (
    <dialog ref={dialog} className="nws-doc-dialog" aria-labelledby={titleId} onClose={onClose} data-dokumentation-dialog>
      <header className="nws-doc-dialog__header">
        <h2 id={titleId}>{t.docDialogTitle}</h2>
        <button type="button" className="nws-icon-button" aria-label={t.docClose} title={t.docClose} onClick={() => dialog.current?.close()}>
          ×
        </button>
      </header>
      <form className="nws-doc-dialog__form" onSubmit={save}>
        <label>
          {t.docDate}
          <input type="date" name="date" {...field('date')} />
        </label>
        <label>
          {t.docPlace}
          <input type="text" name="place" maxLength={maxMeetingLine} autoComplete="off" {...field('place')} />
        </label>
        <label>
          {t.docModeration}
          <input type="text" name="moderation" maxLength={maxMeetingLine} autoComplete="off" {...field('moderation')} />
        </label>
        <p className="nws-doc-dialog__row">
          <button type="submit" className="nws-button nws-button--secondary nws-button--small">
            {t.docSave}
          </button>
          <span role="status" className="nws-field__hint">
            {saved ? t.docSaved : ''}
          </span>
        </p>
      </form>
      <p className="nws-field__hint">
        {plural(locale, marked, { one: t.docBeschluesseOne, other: t.docBeschluesse })}. {t.docBeschlussHint}
      </p>
      <section className="nws-doc-dialog__release">
        <p className="nws-release-state" data-released={release.released}>
          <span aria-hidden="true">{release.released ? '✓ ' : '⚠ '}</span>
          {releaseLine(release, locale)}
        </p>
        <PublicationShown release={release} />
        <ReleaseChange release={release} />
        <p className="nws-field__hint">{t.docReleaseHint}</p>
        {!release.released && <PublicationFields doc={doc} draft={publication} onChange={setPublication} />}
        <button
          type="button"
          className={`nws-button nws-button--small${release.released ? ' nws-button--secondary' : ''}`}
          data-release-toggle
          aria-busy={releasing || undefined}
          onClick={() => (release.released ? releaseEntry.set(doc, withdrawn(now())) : releaseNow())}
        >
          {release.released ? t.docWithdraw : t.docRelease}
        </button>
        <FormError error={publicationError ?? releaseError} />
      </section>
    </dialog>
  )
}

/** Releasing through the relay, which saves the board as a version first (`server/http/releaseApi.ts`). */
function useRelease() {
  const { boardId, token, connection } = useOpenBoard()
  const [releasing, setReleasing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const release = async (publication?: Publication) => {
    if (releasing) return
    setReleasing(true)
    setError(null)
    try {
      // With what this browser wrote last (the header, say), which may still be on its way.
      await releaseBoard(boardId, token, localDay(new Date()), locale, publication, writtenUpTo(connection.doc))
    } catch (e) {
      setError(`${t.releaseFailed}: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      setReleasing(false)
    }
  }
  return { releasing, error, release }
}

/**
 * The facilitator's notice once the board differs from its release: what goes out is the
 * released version, so either release the board as it is now (a new version) or keep the old one.
 */
function ReleaseChange({ release }: { release: Release }) {
  const session = useOpenBoard()
  const doc = session.connection.doc
  const fingerprint = useContentFingerprint(doc, release.released && !!release.fingerprint)
  const { releasing, error, release: releaseAgain } = useRelease()
  if (!fingerprint || !changedSinceRelease(release, fingerprint)) return null
  const date = release.day ? formatDate(release.day, locale) : ''
  if (release.kept === fingerprint) {
    return (
      <p className="nws-field__hint" data-release-kept>
        {format(t.releaseKept, { date })}
      </p>
    )
  }
  return (
    <div className="nws-release-change" role="status" data-release-changed>
      <p className="nws-release-change__title">
        <span aria-hidden="true">⚠ </span>
        {format(t.releaseChanged, { date })}
      </p>
      <p className="nws-field__hint">{t.releaseChangedHint}</p>
      <p className="nws-release-change__actions">
        <button type="button" className="nws-button nws-button--small" data-release-again aria-busy={releasing || undefined} onClick={() => void releaseAgain({ verteiler: release.verteiler, rule: release.rule })}>
          {t.releaseAgain}
        </button>
        <button type="button" className="nws-button nws-button--secondary nws-button--small" data-release-keep onClick={() => releaseEntry.set(doc, keptRelease(release, fingerprint))}>
          {t.releaseKeep}
        </button>
      </p>
      <FormError error={error} />
    </div>
  )
}
