/** Download links for what people wrote into the board's templates; the server names the file. */
import { useId } from 'react'
import { exportPath } from '../../shared/api.ts'
import { t } from '../locale.ts'
import { exportFormats } from './exportFormats.ts'

export function ExportLinks({ boardId }: { boardId: string }) {
  const headingId = useId()
  return (
    <section className="nws-templates__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t.exportHeading}</h3>
      <p className="nws-field__hint">{t.exportHint}</p>
      <ul className="nws-export-links">
        {exportFormats.map(({ format, label }) => (
          <li key={format}>
            <a className="nws-button nws-button--secondary nws-button--small" href={exportPath(boardId, format)} download data-format={format}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
