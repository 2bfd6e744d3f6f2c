/**
 * "Beitreten" for the projector: the board's title, a large QR code and a short link with a join
 * code for the participant role (or, switched, the read-only one). The facilitator link is never
 * shown here. The code is made when the screen opens and kept for the page's lifetime.
 */
import { useEffect, useId, useState } from 'react'
import { createPortal } from 'react-dom'
import { useValue } from 'tldraw'
import { formatJoinCode, joinPath, joinRoles, type JoinRole } from '../../shared/joinCode.ts'
import type { JoinCode } from '../../shared/api.ts'
import { makeJoinCode } from '../api.ts'
import { useBoardSession } from '../board/boardContext.ts'
import { roleName } from '../board/roleNames.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { QrCode } from './QrCode.tsx'

/** Codes made by this page, by board and role: reopening the screen shows the same one. */
const madeCodes = new Map<string, JoinCode>()

export function JoinScreen({ onClose }: { onClose(): void }) {
  const session = useBoardSession()
  const known = useValue('known links', () => session.knownTokens.get(), [session])
  const [role, setRole] = useState<JoinRole>('participant')
  const [code, setCode] = useState<JoinCode | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const titleId = useId()
  const roleToken = known[role]

  useEffect(() => {
    setCode(null)
    setProblem(null)
    if (!roleToken) {
      setProblem(format(t.joinScreenUnknownLink, { role: roleName[role] }))
      return
    }
    const key = `${session.boardId}:${role}:${roleToken}`
    const made = madeCodes.get(key)
    if (made && Date.parse(made.expiresAt) > Date.now()) {
      setCode(made)
      return
    }
    let current = true
    makeJoinCode(session.boardId, session.token, role, roleToken).then(
      (fresh) => {
        madeCodes.set(key, fresh)
        if (current) setCode(fresh)
      },
      (error: unknown) => current && setProblem(format(t.joinScreenFailed, { error: error instanceof Error ? error.message : String(error) })),
    )
    return () => {
      current = false
    }
  }, [session, role, roleToken])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  const url = code ? new URL(joinPath(code.code), window.location.origin) : null
  const shortText = url ? `${url.host}${url.pathname}` : ''
  return createPortal(
    <div className="nws-join" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <div className="nws-join__panel">
        <header className="nws-join__head">
          <h1 id={titleId}>{session.title}</h1>
          <div className="nws-join__roles" role="radiogroup" aria-label={t.joinScreenRoleLabel}>
            {joinRoles.map((r) => (
              <button key={r} type="button" role="radio" aria-checked={role === r} className="nws-join__role" onClick={() => setRole(r)}>
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
        ) : url && code ? (
          <div className="nws-join__body">
            <QrCode text={url.href} label={format(t.joinScreenQrLabel, { link: shortText })} size={420} />
            <div className="nws-join__text">
              <p className="nws-join__lead">{t.joinScreenScan}</p>
              <p className="nws-join__link" data-join-link>
                {/* A line may break after the host, never inside the code. */}
                {url.host}
                <wbr />
                <span className="nws-join__path">{url.pathname}</span>
              </p>
              <p className="nws-join__code">{format(t.joinScreenCode, { code: formatJoinCode(code.code) })}</p>
              <p className="nws-join__hint">
                {format(t.joinScreenHint, {
                  role: roleName[role],
                  date: new Date(code.expiresAt).toLocaleDateString(locale),
                })}
              </p>
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
