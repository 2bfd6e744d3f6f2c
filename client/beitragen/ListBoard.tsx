/**
 * The board as the list „Beitragen“ once its link is known: the connection without the editor,
 * the person writing here, and the view (its own lazy chunk). Opened by the list's page
 * (`ContributionPage.tsx`), and by the board page where the canvas cannot run (the tldraw
 * licence, `boardPage/WithoutCanvas.tsx`), where every role works on here.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import type { Role } from '../../shared/access.ts'
import { authorId } from '../../shared/author.ts'
import { t } from '../firstLoadLocale.ts'
import { Notice } from '../Notice.tsx'
import { writerSecret } from '../writerSecret.ts'
import { connectForContribution, type ContributionConnection } from './contributionConnection.ts'
import type { WithoutCanvas } from './ContributionView.tsx'
import { ListName, ListNamePrompt, useListPerson } from './ListPerson.tsx'
import './beitragen.css'

// The list reads the board through its templates' layouts (steps, cells): a chunk of its own,
// fetched beside the link check and the board's first sync, so the page itself loads no template.
let viewChunk: Promise<typeof import('./ContributionView.tsx')> | undefined
export const loadListView = () => (viewChunk ??= import('./ContributionView.tsx'))
const ContributionView = lazy(() => loadListView().then((chunk) => ({ default: chunk.ContributionView })))

interface Props {
  boardId: string
  title: string
  role: Role
  token: string
  /** The board's connection where the caller opened it already (`ContributionPage.tsx`), and closes it; else the list opens its own. */
  connection?: ContributionConnection
  withoutCanvas?: WithoutCanvas
}

export function ListBoard({ boardId, title, role, token, connection: given, withoutCanvas }: Props) {
  const [own, setOwn] = useState<ContributionConnection | null>(null)
  const [writer] = useState(writerSecret)
  useEffect(() => {
    if (given) return
    const opened = connectForContribution(boardId, token, writer)
    setOwn(opened)
    return () => {
      opened.dispose()
      setOwn(null)
    }
  }, [given, boardId, token, writer])
  const connection = given ?? own
  const person = useListPerson(connection, role)
  const userId = person.user.id
  const board = useMemo(() => ({ boardId, title, role, token, writer, author: authorId(writer, boardId), userId }), [boardId, title, role, token, writer, userId])
  if (!connection) return <Notice busy title={t.loadingBoard} />
  return (
    <>
      <Suspense fallback={<Notice busy title={t.loadingBoard} />}>
        <ContributionView board={board} connection={connection} identity={<ListName person={person} />} person={person} withoutCanvas={withoutCanvas} />
      </Suspense>
      <ListNamePrompt person={person} />
    </>
  )
}
