/**
 * On a board holding a Fallkonferenz, a banner for everyone on it: whether the case is still
 * locked and what is missing (the facilitator's record, `facilitation/consent`), and who can see
 * this board at all. Short on a phone: one line, the rest behind „Mehr“.
 */
import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { consentFor, consentState } from '../../shared/board/entries/consent.ts'
import { pick } from '../../shared/locale.ts'
import { gapText } from '../../shared/templates/fallkonferenzConsent.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { locale } from '../locale.ts'
import { boardInstances } from './pageInstances.ts'
import { bannerTexts as text } from './fallkonferenzTexts.ts'
import './caseBanner.css'

export function CaseBanner() {
  const editor = useEditor()
  const session = useOpenBoard()
  const [more, setMore] = useState(false)
  const cases = useValue(
    'fallkonferenz cases',
    () => boardInstances(editor).filter((i) => i.template === 'fallkonferenz').map((i) => ({ instance: i.instance, page: i.title.parentId })),
    [editor],
  )
  const stored = useValue('consent', () => session.facilitation.entries.consent.get(), [session])
  if (cases.length === 0) return null
  const t = (labels: { de: string; en: string }) => pick(labels, locale)
  const verdicts = cases.map((c) => consentState(consentFor(stored, c.instance, c.page)))
  const locked = verdicts.filter((v) => !v.released)
  const missing = [...new Set(locked.flatMap((v) => (v.released ? [] : v.missing.map((gap) => gapText(gap, locale)))))]
  const who = [
    t(text.facilitator),
    t(text.participants),
    t(text.observers),
    t(text.network),
  ]
  return (
    <section className="nws-case-banner" data-locked={locked.length > 0} aria-label={t(text.heading)}>
      <p className="nws-case-banner__state">
        <strong>{locked.length > 0 ? t(text.locked) : t(text.open)}</strong>
        {locked.length > 0 && <span className="nws-case-banner__missing"> – {missing.join('; ')}</span>}
        <button type="button" className="nws-case-banner__more" aria-expanded={more} onClick={() => setMore(!more)}>
          {t(more ? text.less : text.more)}
        </button>
      </p>
      {more && (
        <p className="nws-case-banner__who">
          {t(text.who)} {who.join(', ')}. {t(session.signInRequired ? text.signIn : text.noSignIn)}.
        </p>
      )}
    </section>
  )
}
