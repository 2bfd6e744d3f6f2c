/** The board's name on the board page itself, not only in the browser tab. */
import { useOpenBoard } from '../board/boardContext.ts'

export function BoardTitle() {
  const { title } = useOpenBoard()
  if (!title.trim()) return null
  return (
    <h1 className="nws-board-title" title={title}>
      {title}
    </h1>
  )
}
