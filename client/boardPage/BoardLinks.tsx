/**
 * The "Links" button in the share zone and its popover: a facilitator sees the links of all
 * three roles (the relay tells every device with the facilitator link the current ones) and can replace
 * each of them, its own too (after a confirmation); everyone else sees only their own link.
 */
import { useCallback, useId, useState } from 'react'
import { TldrawUiPopover, TldrawUiPopoverContent, TldrawUiPopoverTrigger, useValue } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import { isNetworkCredential } from '../network/networkBoardToken.ts'
import { boardLink } from '../../shared/access.ts'
import type { JoinAddress } from '../../shared/api.ts'
import { rotateLink } from '../api.ts'
import { BoardSignInSwitch } from './BoardSignInSwitch.tsx'
import { problemText } from '../apiProblems.ts'
import { copyText } from '../clipboard.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { rememberToken } from '../recentBoards.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { useObserverExports } from '../board/exportPermission.ts'
import { roleHint, roleName } from '../board/roleNames.ts'
import { refreshSharedLinks, shareOrigin } from '../board/sharedLinks.ts'
import { laterPart } from '../board/laterParts.tsx'

/** The QR screen for the room (with its QR code's encoder): a facilitator's, in a chunk of its own. */
const JoinScreen = laterPart(() => import('../join/JoinScreen.tsx').then((chunk) => chunk.JoinScreen))

export function BoardLinksMenu() {
  const session = useOpenBoard()
  const known = useValue('known links', () => session.knownTokens.get(), [session])
  const facilitator = session.role === 'facilitator'
  // The links to pass on first; the facilitator's own last, so it is not what a shared screen shows first.
  const shown: readonly Role[] = facilitator ? linkOrder : [session.role]
  const [joinScreen, setJoinScreen] = useState(false)
  const [address, setAddress] = useState<JoinAddress | null>(null)
  const [fetchProblem, setFetchProblem] = useState<string | null>(null)
  const headingId = useId()
  // Each time the panel opens: another device may have replaced a link since.
  const onOpenChange = useCallback(
    (open: boolean) => {
      if (!open || !facilitator) return
      setFetchProblem(null)
      refreshSharedLinks(session).then(
        (shared) => setAddress(shared.address),
        (error: unknown) => setFetchProblem(format(t.sharedLinksFailed, { error: problemText(error) })),
      )
    },
    [session, facilitator],
  )
  return (
    <TldrawUiPopover id="netzwerkstatt-links" onOpenChange={onOpenChange}>
      <TldrawUiPopoverTrigger>
        <button type="button" className="nws-links-button" title={t.shareButtonHint} aria-label={t.shareButtonHint}>
          {t.shareButton}
        </button>
      </TldrawUiPopoverTrigger>
      <TldrawUiPopoverContent side="bottom" align="end" sideOffset={6}>
        {/* Keys typed here are no tldraw shortcuts; Escape still closes the popover. */}
        <section
          className="nws-links"
          aria-labelledby={headingId}
          onKeyDown={(event) => event.key !== 'Escape' && event.stopPropagation()}
        >
          <h2 id={headingId}>{t.shareTitle}</h2>
          <p className="nws-field__hint">{facilitator ? t.shareIntro : t.shareOwnIntro}</p>
          {address?.reach === 'this-computer' && (
            <p className="nws-error" data-reach-warning>
              {t.shareReachLocalOnly}
            </p>
          )}
          <ul>
            {shown.map((role) => (
              <LinkRow
                key={role}
                role={role}
                token={role === session.role && !isNetworkCredential(session.token) ? session.token : known[role]}
                rotatable={facilitator}
                origin={shareOrigin(address)}
              />
            ))}
          </ul>
          {fetchProblem && <p className="nws-error">{fetchProblem}</p>}
          {facilitator && (
            <button type="button" className="nws-button nws-button--small nws-links__join" onClick={() => setJoinScreen(true)}>
              {t.joinScreenOpen}
            </button>
          )}
          {facilitator && <ObserverExportSwitch />}
          {facilitator && <BoardSignInSwitch />}
          {session.retentionDays !== null && (
            <p className="nws-field__hint" data-retention>
              {format(t.retentionNote, {
                days: plural(locale, session.retentionDays, { one: t.retentionDaysOne, other: t.retentionDaysOther }),
                date: new Date(Date.now() + session.retentionDays * 24 * 60 * 60_000).toLocaleDateString(locale),
              })}
            </p>
          )}
        </section>
      </TldrawUiPopoverContent>
      {joinScreen && <JoinScreen onClose={() => setJoinScreen(false)} />}
    </TldrawUiPopover>
  )
}

const linkOrder: readonly Role[] = ['participant', 'observer', 'facilitator']

function ObserverExportSwitch() {
  const [allowed, setAllowed] = useObserverExports()
  const hintId = useId()
  return (
    <div className="nws-links__switch">
      <label>
        <input type="checkbox" checked={allowed} aria-describedby={hintId} onChange={(event) => setAllowed(event.target.checked)} />
        {format(t.observersMayExport, { role: roleName.observer })}
      </label>
      <p id={hintId} className="nws-field__hint">
        {t.observersMayExportHint}
      </p>
    </div>
  )
}

function LinkRow({ role, token, rotatable, origin }: { role: Role; token: string | undefined; rotatable: boolean; origin: string }) {
  const session = useOpenBoard()
  const id = useId()
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  // Opened through the network: its credential is no board link to show or pass on.
  const throughNetwork = isNetworkCredential(session.token)
  const shownToken = token && !isNetworkCredential(token) ? token : undefined
  const url = shownToken ? new URL(boardLink(session.boardId, shownToken), origin).href : null
  const label = format(t.shareLinkLabel, { role: roleName[role] })

  const copy = async () => {
    if (!url) return
    setCopied((await copyText(url)) ? 'yes' : 'failed')
  }

  const rotate = async () => {
    setBusy(true)
    setMessage('')
    try {
      const rotated = await rotateLink(session.boardId, session.token, role)
      if (role === 'facilitator' && !throughNetwork) {
        // This window's own link is the old one: the relay has closed its socket. It opens anew with the new link.
        rememberToken(localStorage, session.boardId, role, rotated.token)
        window.location.replace(boardLink(session.boardId, rotated.token))
        return
      }
      if (!throughNetwork || role !== 'facilitator') rememberToken(localStorage, session.boardId, role, rotated.token)
      session.knownTokens.update((known) => ({ ...known, [role]: rotated.token }))
      setMessage(t.rotateDone)
      setCopied(null)
    } catch (error) {
      setMessage(format(t.rotateFailed, { error: problemText(error) }))
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  return (
    <li className="nws-link-row" data-role={role}>
      <div className="nws-link-row__head">
        <span className="nws-link-row__role">{roleName[role]}</span>
        <span className="nws-field__hint">{roleHint[role]}</span>
      </div>
      {url ? (
        <div className="nws-link-row__url">
          <input id={id} readOnly value={url} aria-label={label} onClick={(e) => e.currentTarget.select()} />
          <button type="button" className="nws-button nws-button--small" aria-label={`${label}: ${t.shareCopy}`} onClick={copy}>
            {copied === 'yes' ? t.shareCopied : t.shareCopy}
          </button>
        </div>
      ) : (
        <p className="nws-field__hint">{role === 'facilitator' && throughNetwork ? t.facilitatorThroughNetwork : t.shareLinkUnknown}</p>
      )}
      {copied === 'failed' && <p className="nws-error">{t.shareCopyFailed}</p>}
      {rotatable &&
        (confirming ? (
          <div className="nws-link-row__confirm" role="group" aria-label={t.rotateButton}>
            <p>{role === 'facilitator' ? t.facilitatorRenewWarning : format(t.rotateWarning, { role: roleName[role] })}</p>
            <div className="nws-link-row__buttons">
              <button type="button" className="nws-button nws-button--small" disabled={busy} onClick={rotate}>
                {t.rotateConfirm}
              </button>
              <button
                type="button"
                className="nws-button nws-button--secondary nws-button--small"
                disabled={busy}
                onClick={() => setConfirming(false)}
              >
                {t.rotateCancel}
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="nws-button nws-button--secondary nws-button--small"
            aria-label={`${label}: ${t.rotateButton}`}
            onClick={() => {
              setMessage('')
              setConfirming(true)
            }}
          >
            {t.rotateButton}
          </button>
        ))}
      <p className="nws-field__hint nws-link-row__message" role="status">
        {message}
      </p>
    </li>
  )
}
