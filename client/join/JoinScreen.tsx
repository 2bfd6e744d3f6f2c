/**
 * "Beitreten" for the projector: the board's title, a large QR code and a short link with a join
 * code for the participant role (or, switched, the read-only one). The facilitator link is never
 * shown here. The relay keeps each role's current code for facilitators, so every device with the
 * facilitator link shows the same one, and a code is made only when there is none. The address is
 * the one others can reach (`server/links/joinAddress.ts`), with a warning when only this computer can.
 */
import { useEffect, useId, useState } from 'react'
import { createPortal } from 'react-dom'
import { formatJoinCode, joinRoles, type JoinRole } from '../../shared/joinCode.ts'
import type { JoinCode } from '../../shared/access.ts'
import type { JoinAddress } from '../../shared/api.ts'
import { ApiError, makeJoinCode } from '../api.ts'
import { problemText } from '../apiProblems.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { roleName } from '../board/roleNames.ts'
import { refreshSharedLinks } from '../board/sharedLinks.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { joinLink } from './joinLink.ts'
import { QrCode } from './QrCode.tsx'

const recheckMs = 15_000

export function JoinScreen({ onClose }: { onClose(): void }) {
  const session = useOpenBoard()
  const [role, setRole] = useState<JoinRole>('participant')
  const [code, setCode] = useState<JoinCode | null>(null)
  const [address, setAddress] = useState<JoinAddress | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  // The screen stays up on the projector: it asks again now and then, in case another device replaced the link.
  const [round, setRound] = useState(0)
  const titleId = useId()

  useEffect(() => {
    const timer = setInterval(() => setRound((r) => r + 1), recheckMs)
    return () => clearInterval(timer)
  }, [])

  useEffect(() => {
    let current = true
    const unknownLink = () => format(t.joinScreenUnknownLink, { role: roleName[role] })
    const show = async () => {
      const shared = await refreshSharedLinks(session)
      if (!current) return
      setAddress(shared.address)
      const kept = shared[role]
      setProblem(null)
      if (kept?.joinCode) return setCode({ role, ...kept.joinCode })
      // A board from before the relay kept links: only a browser that knows the link can make a code.
      const roleToken = kept?.token ?? session.knownTokens.get()[role]
      if (!roleToken) return setProblem(unknownLink())
      const fresh = await makeJoinCode(session.boardId, session.token, role, roleToken)
      if (current) setCode(fresh)
    }
    show().catch((error: unknown) => {
      // A later round that fails (a moment offline) leaves the code shown as it is.
      if (!current || round > 0) return
      // 400: this browser's link of an old board was replaced elsewhere.
      setProblem(error instanceof ApiError && error.status === 400 ? unknownLink() : format(t.joinScreenFailed, { error: problemText(error) }))
    })
    return () => {
      current = false
    }
  }, [session, role, round])

  const chooseRole = (next: JoinRole) => {
    if (next === role) return
    setCode(null)
    setProblem(null)
    setRound(0)
    setRole(next)
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  const link = code ? joinLink(code.code, address, window.location.origin) : null
  return createPortal(
    <div className="nws-join" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <div className="nws-join__panel">
        <header className="nws-join__head">
          <h1 id={titleId}>{session.title}</h1>
          <div className="nws-join__roles" role="radiogroup" aria-label={t.joinScreenRoleLabel}>
            {joinRoles.map((r) => (
              <button key={r} type="button" role="radio" aria-checked={role === r} className="nws-join__role" onClick={() => chooseRole(r)}>
                {roleName[r]}
              </button>
            ))}
          </div>
          <button type="button" className="nws-button nws-button--secondary" onClick={onClose} autoFocus>
            {t.joinScreenClose}
          </button>
        </header>
        {problem ? (
          <p className="nws-error" role="alert">
            {problem}
          </p>
        ) : link && code ? (
          <div className="nws-join__body">
            <QrCode text={link.href} label={format(t.joinScreenQrLabel, { link: link.short })} size={420} />
            <div className="nws-join__text">
              <p className="nws-join__lead">{t.joinScreenScan}</p>
              <p className="nws-join__link" data-join-link>
                {/* A line may break after the host, never inside the code. */}
                {link.host}
                <wbr />
                <span className="nws-join__path">{link.path}</span>
              </p>
              <p className="nws-join__code">{format(t.joinScreenCode, { code: formatJoinCode(code.code) })}</p>
              <p className="nws-join__hint">
                {format(t.joinScreenHint, {
                  role: roleName[role],
                  date: new Date(code.expiresAt).toLocaleDateString(locale),
                })}
              </p>
              {link.reach === 'local-only' ? (
                <p className="nws-error nws-join__reach" role="alert" data-reach-warning>
                  {t.joinReachLocalOnly}
                </p>
              ) : link.reach === 'network' ? (
                <p className="nws-join__hint" data-reach-hint>
                  {t.joinReachNetwork}
                </p>
              ) : null}
            </div>
          </div>
        ) : (
          <p aria-busy="true">{t.joinScreenMaking}</p>
        )}
      </div>
    </div>,
    document.body,
  )
}
