/** `/`: create a board, open one from a link, or pick one opened before in this browser. */
import { useEffect, useState, type FormEvent } from 'react'
import { boardLink } from '../../shared/access.ts'
import { maxTitleLength } from '../../shared/api.ts'
import { pick } from '../../shared/locale.ts'
import { templateNames, templates, type TemplateName } from '../../shared/templates/registry.ts'
import type { CreatorStatus } from '../../shared/api.ts'
import { ApiError, createBoard, fetchCreatorStatus, lookupBoard } from '../api.ts'
import { CreatorSignIn, SignedInNote } from './CreatorSignIn.tsx'
import { parseBoardReference, referencePath } from '../boardReference.ts'
import { joinPath, normaliseJoinCode } from '../../shared/joinCode.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { roleName } from '../board/roleNames.ts'
import { removeLocalCopy } from '../localCopy.ts'
import { bestAccess, forgetBoard, readRecentBoards, rememberBoard, type RecentBoard } from '../recentBoards.ts'
import { NetworksOnStart } from '../network/NetworksOnStart.tsx'
import { RetentionOnStart } from '../retention/RetentionOnStart.tsx'
import { FormError } from '../FormError.tsx'

export default function StartPage() {
  return (
    <main className="nws-page nws-start">
      <header className="nws-header">
        <h1>{t.appName}</h1>
        <p>{t.tagline}</p>
      </header>
      <RetentionOnStart />
      <div className="nws-columns">
        <CreateBoard />
        <JoinBoardForm />
      </div>
      <NetworksOnStart />
      <RecentBoards />
    </main>
  )
}

/**
 * Focus on the title, unless the person is already typing elsewhere: the form appears only once
 * the server has said whether this browser may create boards, and must not pull keystrokes out
 * of the "Board öffnen" field.
 */
const focusIfIdle = (input: HTMLInputElement | null) => {
  if (input && (document.activeElement === null || document.activeElement === document.body)) input.focus()
}

function CreateBoard() {
  // null while asking; unreachable: show the form, creating then fails with its own message.
  const [status, setStatus] = useState<CreatorStatus | 'unreachable' | null>(null)
  const refreshStatus = () => {
    fetchCreatorStatus().then(setStatus, () => setStatus('unreachable'))
  }
  useEffect(refreshStatus, [])
  const [title, setTitle] = useState('')
  const [template, setTemplate] = useState<TemplateName | ''>('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const board = await createBoard(title.trim(), template ? { template, locale } : undefined)
      // The only moment all three links are readable: this browser keeps them for the share panel.
      rememberBoard(localStorage, board, board.access)
      window.location.assign(board.links.facilitator)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) refreshStatus()
      const reason = e instanceof ApiError && e.status === 429 ? t.tooManyNewBoards : e instanceof Error ? e.message : String(e)
      setError(format(t.createFailed, { error: reason }))
      setBusy(false)
    }
  }

  return (
    <section className="nws-card" aria-labelledby="create-heading">
      <h2 id="create-heading">{t.createHeading}</h2>
      {status === null ? null : status !== 'unreachable' && !status.mayCreate ? (
        <CreatorSignIn status={status} onChange={refreshStatus} />
      ) : (
        <form onSubmit={submit}>
          <label htmlFor="board-title">{t.titleLabel}</label>
          <input
            id="board-title"
            name="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t.titlePlaceholder}
            maxLength={maxTitleLength}
            required
            ref={focusIfIdle}
          />
          <label htmlFor="board-template">{t.templateLabel}</label>
          <select
            id="board-template"
            name="template"
            value={template}
            onChange={(e) => setTemplate(e.target.value as TemplateName | '')}
          >
            <option value="">{t.templateNone}</option>
            {templateNames.map((name) => (
              <option key={name} value={name}>
                {pick(templates[name].title, locale)}
              </option>
            ))}
          </select>
          {template && <p className="nws-muted nws-field-note">{pick(templates[template].description, locale)}</p>}
          <button className="nws-button" type="submit" disabled={busy || title.trim() === ''}>
            {busy ? t.creating : t.createButton}
          </button>
          <FormError error={error} />
        </form>
      )}
      {status !== null && status !== 'unreachable' && status.mayCreate && !status.local && (
        <SignedInNote onChange={refreshStatus} />
      )}
    </section>
  )
}

function JoinBoardForm() {
  const [value, setValue] = useState('')
  const [invalid, setInvalid] = useState<'invalid' | 'id-only' | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const code = normaliseJoinCode(value)
    if (code) {
      window.location.assign(joinPath(code))
      return
    }
    const reference = parseBoardReference(value, window.location.href)
    if (!reference) setInvalid('invalid')
    // Without a token only a link this browser remembers can open it; otherwise say what is needed.
    else if (!reference.token && !readRecentBoards(localStorage).some((b) => b.id === reference.id && bestAccess(b))) setInvalid('id-only')
    else window.location.assign(referencePath(reference))
  }

  return (
    <section className="nws-card" aria-labelledby="open-heading">
      <h2 id="open-heading">{t.openHeading}</h2>
      <form onSubmit={submit}>
        <label htmlFor="board-link">{t.openLabel}</label>
        <input
          id="board-link"
          name="link"
          value={value}
          onChange={(e) => {
            setValue(e.target.value)
            setInvalid(null)
          }}
          placeholder={t.openPlaceholder}
          aria-invalid={invalid !== null || undefined}
          required
        />
        <button className="nws-button nws-button--secondary" type="submit" disabled={value.trim() === ''}>
          {t.openButton}
        </button>
        {invalid && (
          <p className="nws-error" role="alert">
            {invalid === 'id-only' ? t.openIdOnly : t.openInvalid}
          </p>
        )}
      </form>
    </section>
  )
}

function RecentBoards() {
  const [boards, setBoards] = useState<RecentBoard[]>(() => readRecentBoards(localStorage))
  useEffect(() => {
    // Boards deleted meanwhile leave this list and this browser, copy included.
    let cancelled = false
    for (const board of readRecentBoards(localStorage)) {
      const access = bestAccess(board)
      if (!access) continue
      void lookupBoard(board.id, access.token).then(async (found) => {
        if (found.kind !== 'not-found') return
        await removeLocalCopy(board.id)
        const left = forgetBoard(localStorage, board.id)
        if (!cancelled) setBoards(left)
      }, () => {})
    }
    return () => {
      cancelled = true
    }
  }, [])
  const forget = (id: string) => {
    void removeLocalCopy(id)
    setBoards(forgetBoard(localStorage, id))
  }
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })

  return (
    <section className="nws-card nws-recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{t.recentHeading}</h2>
      {boards.length === 0 ? (
        <p className="nws-muted">{t.recentEmpty}</p>
      ) : (
        <ul>
          {boards.map((board) => (
            <RecentBoardItem key={board.id} board={board} when={when} onForget={() => forget(board.id)} />
          ))}
        </ul>
      )}
      <p className="nws-muted nws-small">{t.recentNote}</p>
    </section>
  )
}

/**
 * One board opened before, opened again with the most capable link this browser knows. Entries
 * from before links had tokens cannot be opened from here: the invitation link is needed once.
 */
function RecentBoardItem(props: { board: RecentBoard; when: Intl.DateTimeFormat; onForget(): void }) {
  const { board, when, onForget } = props
  const access = bestAccess(board)
  const title = board.title || board.id
  const details = (
    <>
      <span className="nws-recent__title">{title}</span>
      <span className="nws-muted">
        {access ? `${roleName[access.role]} · ` : ''}
        {format(t.recentOpened, { when: when.format(new Date(board.lastOpened)) })}
      </span>
    </>
  )
  const forget = () => {
    // Without the facilitator link nobody can rotate links or delete the board any more.
    if (board.tokens.facilitator && !window.confirm(format(t.recentForgetFacilitator, { title }))) return
    onForget()
  }
  return (
    <li data-board={board.id}>
      {access ? (
        <a href={boardLink(board.id, access.token)}>{details}</a>
      ) : (
        <div className="nws-recent__unopenable" title={t.recentNoLink}>
          {details}
          <span className="nws-muted nws-small">{t.recentNoLink}</span>
        </div>
      )}
      <button
        type="button"
        className="nws-icon-button"
        title={t.recentForget}
        aria-label={format(t.recentForgetNamed, { title })}
        onClick={forget}
      >
        ×
      </button>
    </li>
  )
}
