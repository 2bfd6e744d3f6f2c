/** What a search result is, in the reader's words: the board's own search and the network's say it alike. */
import type { SearchKind } from '../../shared/results/boardTexts.ts'
import { t } from '../locale.ts'

/** Comments are named by who wrote them, not by kind. */
export const kindNames: Record<Exclude<SearchKind, 'comment'>, string> = {
  note: t.searchKindNote,
  text: t.searchKindText,
  shape: t.searchKindShape,
  template: t.searchKindTemplate,
  heading: t.searchKindHeading,
  cell: t.searchKindCell,
  card: t.searchKindCard,
  frame: t.searchKindFrame,
}
