/**
 * One request after the other per board. Storage calls are asynchronous: without this a ballot
 * or private note stored between a reveal's read and its cleanup would be deleted unseen.
 */
export function perBoard() {
  const tails = new Map<string, Promise<unknown>>()
  return <T>(boardId: string, work: () => Promise<T>): Promise<T> => {
    const result = (tails.get(boardId) ?? Promise.resolve()).then(work)
    const tail = result.catch(() => {})
    tails.set(boardId, tail)
    // The map keeps only boards with requests under way.
    void tail.then(() => tails.get(boardId) === tail && tails.delete(boardId))
    return result
  }
}
