/**
 * A release's Verteiler (who receives it, one per line, bounded) and the rule it rests on (one of
 * the board's Netzwerkregeln on publication, confidentiality or documentation, chosen, or typed),
 * given in the facilitator's dialog before releasing and shown once released.
 */
import { useId, useMemo } from 'react'
import * as Y from 'yjs'
import { maxRuleLength, maxVerteiler, maxVerteilerLength, type Publication, type Release } from '../../shared/board/entries/release.ts'
import { readRecords } from '../../shared/board/records.ts'
import { publicationRules, publicationFacts } from '../../shared/results/decisions.ts'
import { notePlaces } from '../../shared/results/export.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'

export interface PublicationDraft {
  verteiler: string
  rule: string
}

/** The lines written, trimmed, empty ones left out. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

/** What the release request carries; an error instead while the Verteiler is too long. */
export function publicationOf(draft: PublicationDraft): { publication: Publication } | { error: string } {
  const verteiler = lines(draft.verteiler).map((line) => line.slice(0, maxVerteilerLength))
  if (verteiler.length > maxVerteiler) return { error: format(t.docVerteilerTooMany, { max: maxVerteiler }) }
  const rule = draft.rule.trim().slice(0, maxRuleLength)
  return { publication: { ...(verteiler.length ? { verteiler } : {}), ...(rule ? { rule } : {}) } }
}

export function PublicationFields({ doc, draft, onChange }: { doc: Y.Doc; draft: PublicationDraft; onChange(draft: PublicationDraft): void }) {
  const id = useId()
  // The rules on the board when the dialog opened: offered, not required.
  const rules = useMemo(() => publicationRules(notePlaces(readRecords(doc).records)), [doc])
  return (
    <div className="nws-doc-dialog__form nws-publication" data-publication>
      <label>
        {t.docVerteiler}
        <textarea rows={3} value={draft.verteiler} aria-describedby={`${id}-verteiler`} onChange={(e) => onChange({ ...draft, verteiler: e.target.value })} />
      </label>
      <span id={`${id}-verteiler`} className="nws-field__hint">
        {format(t.docVerteilerHint, { max: maxVerteiler })}
      </span>
      <label>
        {t.docRule}
        <input
          type="text"
          list={rules.length > 0 ? `${id}-rules` : undefined}
          value={draft.rule}
          maxLength={maxRuleLength}
          autoComplete="off"
          aria-describedby={`${id}-rule`}
          onChange={(e) => onChange({ ...draft, rule: e.target.value })}
        />
      </label>
      {rules.length > 0 && (
        <datalist id={`${id}-rules`}>
          {rules.map((rule) => (
            <option key={rule} value={rule} />
          ))}
        </datalist>
      )}
      <span id={`${id}-rule`} className="nws-field__hint">
        {t.docRuleHint}
      </span>
    </div>
  )
}

/** „Verteiler: …“ and „Grundlage der Freigabe: …“ of a release made. */
export function PublicationShown({ release }: { release: Release }) {
  const facts = release.released ? publicationFacts(release, locale) : []
  if (facts.length === 0) return null
  return (
    <dl className="nws-publication-shown" data-publication-shown>
      {facts.map((fact) => (
        <div key={fact.label}>
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  )
}
