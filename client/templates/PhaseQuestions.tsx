/** A phase's guiding questions (H 1.1) in the Vorlagen panel, folded under its title, and the methods it takes up again. */
import { pick, type Locale } from '../../shared/locale.ts'
import type { Phase } from '../../shared/templates/phases.ts'
import { templates } from '../../shared/templates/registry.ts'
import './phaseQuestions.css'

const words = {
  questions: { de: 'Leitfragen dieser Phase', en: 'Guiding questions of this phase' },
  revisits: { de: 'Wieder aufgreifen: {names}', en: 'Take up again: {names}' },
}

export function PhaseQuestions({ phase, locale }: { phase: Phase; locale: Locale }) {
  return (
    <>
      <details className="nws-template-group__questions">
        <summary>{pick(words.questions, locale)}</summary>
        <ul>
          {phase.questions.map((q) => (
            <li key={q.de}>{pick(q, locale)}</li>
          ))}
        </ul>
      </details>
      {phase.revisits.length > 0 && (
        <p className="nws-template-group__revisits">
          {pick(words.revisits, locale).replace('{names}', phase.revisits.map((name) => pick(templates[name].title, locale)).join(', '))}
        </p>
      )}
    </>
  )
}
