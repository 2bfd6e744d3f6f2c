/**
 * A saved version beside another one or the board now, template by template: each field that
 * changed, with its notes before and after, new ones and removed ones marked (not by colour
 * alone). Reads the exports of both states (`shared/results/compare.ts`).
 */
import { useEffect, useId, useState } from 'react'
import type { BoardVersion } from '../../shared/api.ts'
import { compareExports, type TemplateComparison } from '../../shared/results/compare.ts'
import type { BoardExport } from '../../shared/results/export.ts'
import { fetchExport, fetchVersionExport } from '../api.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { t } from '../locale.ts'

const now = 'now'

async function exportOf(boardId: string, token: string, versionId: string): Promise<BoardExport> {
  const blob = versionId === now ? (await fetchExport(boardId, token, 'json')).blob : await fetchVersionExport(boardId, token, versionId, 'json')
  return JSON.parse(await blob.text()) as BoardExport
}

function Notes(props: { notes: string[]; marked: string[]; mark: 'ins' | 'del' }) {
  const left = [...props.marked]
  return (
    <ul className="nws-compare__notes">
      {props.notes.map((note, i) => {
        const at = left.indexOf(note)
        if (at < 0) return <li key={i}>{note}</li>
        left.splice(at, 1)
        const Mark = props.mark
        return (
          <li key={i}>
            <Mark>{note}</Mark> <span className="nws-compare__tag">({props.mark === 'ins' ? t.compareAdded : t.compareRemoved})</span>
          </li>
        )
      })}
    </ul>
  )
}

export function VersionComparison(props: { version: BoardVersion; versions: BoardVersion[]; label(version: BoardVersion): string }) {
  const { version, versions, label } = props
  const { boardId, token } = useOpenBoard()
  const [other, setOther] = useState(now)
  const [result, setResult] = useState<TemplateComparison[] | null>(null)
  const [failed, setFailed] = useState(false)
  const selectId = useId()

  useEffect(() => {
    let current = true
    setResult(null)
    setFailed(false)
    // The older state on the left.
    const otherVersion = versions.find((v) => v.id === other)
    const otherIsOlder = otherVersion !== undefined && otherVersion.createdAt < version.createdAt
    const [left, right] = otherIsOlder ? [other, version.id] : [version.id, other]
    Promise.all([exportOf(boardId, token, left), exportOf(boardId, token, right)])
      .then(([a, b]) => current && setResult(compareExports(a, b)))
      .catch(() => current && setFailed(true))
    return () => {
      current = false
    }
  }, [boardId, token, version, versions, other])

  const otherVersion = versions.find((v) => v.id === other)
  const otherIsOlder = otherVersion !== undefined && otherVersion.createdAt < version.createdAt
  const [leftLabel, rightLabel] = otherIsOlder ? [label(otherVersion), label(version)] : [label(version), otherVersion ? label(otherVersion) : t.versionNow]
  const changed = result?.filter((c) => c.presence !== 'both' || c.changes.length > 0) ?? []

  return (
    <div className="nws-compare">
      <label htmlFor={selectId}>{t.versionCompareWith}</label>{' '}
      <select id={selectId} value={other} onChange={(e) => setOther(e.target.value)}>
        <option value={now}>{t.versionNow}</option>
        {versions
          .filter((v) => v.id !== version.id)
          .map((v) => (
            <option key={v.id} value={v.id}>
              {label(v)}
            </option>
          ))}
      </select>
      {failed ? (
        <p className="nws-error">{t.versionsUnavailable}</p>
      ) : !result ? (
        <p className="nws-field__hint" role="status">
          {t.versionsLoading}
        </p>
      ) : changed.length === 0 ? (
        <p className="nws-field__hint" role="status">
          {t.compareNone}
        </p>
      ) : (
        changed.map((template) => (
          <section key={template.instance} className="nws-compare__template" data-instance={template.instance}>
            <h3>
              {template.title}
              {template.presence !== 'both' && ` (${template.presence === 'added' ? t.compareAddedTemplate : t.compareRemovedTemplate})`}
            </h3>
            {template.changes.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.compareField}</th>
                    <th scope="col">{leftLabel}</th>
                    <th scope="col">{rightLabel}</th>
                  </tr>
                </thead>
                <tbody>
                  {template.changes.map((change) => (
                    <tr key={`${change.table}|${change.row}|${change.column}`}>
                      <th scope="row">
                        {[change.table === template.title ? '' : change.table, change.row, change.column].filter(Boolean).join(' · ')}
                      </th>
                      <td>
                        <Notes notes={change.before} marked={change.removed} mark="del" />
                      </td>
                      <td>
                        <Notes notes={change.after} marked={change.added} mark="ins" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))
      )}
    </div>
  )
}
