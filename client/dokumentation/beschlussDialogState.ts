/**
 * Whether the Beschluss dialog is open and for which Zettel: set by the buttons beside a
 * selection (`beschluss.tsx`), read by the dialog (`BeschlussDialog.tsx`, a chunk of its own).
 */
import { atom } from 'tldraw'

/** The Zettel the dialog is open for, and whether they are marked already (then it changes their terms); null: closed. */
export const beschlussDialog = atom<{ ids: string[]; editing: boolean; ask?: boolean } | null>('beschluss dialog', null)
