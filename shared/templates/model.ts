/**
 * What a template is made of, independent of tldraw: blocks laid out from (0, 0).
 *
 * A template is scaffolding: locked headers, prompts and cells that participants fill with
 * their own sticky notes. Generators are pure (options + locale → layout), so the same code
 * builds a template in the browser (Vorlagen panel) and on the server (new board from template).
 */
import type { CellRef } from '../board/scaffoldMeta.ts'

/** tldraw colour names we use for the scaffold. */
export type Tone =
  | 'black'
  | 'grey'
  | 'blue'
  | 'light-blue'
  | 'green'
  | 'light-green'
  | 'yellow'
  | 'orange'
  | 'red'
  | 'light-red'
  | 'violet'
  | 'light-violet'

interface Placed {
  /** Stable within a template instance: growing the template matches blocks by key. */
  key: string
  x: number
  y: number
  w: number
  h: number
}

export type Block =
  /** The template's title; carries the instance's options so that it can grow later. */
  | (Placed & { kind: 'title'; text: string; scale?: number })
  /**
   * A locked, filled label: column and row headers, step names. `scale` enlarges its type (see
   * typography.ts); a header with a prompt on it keeps its title at the top.
   */
  | (Placed & { kind: 'header'; text: string; tone: Tone; scale?: number; align?: 'start' | 'middle' })
  /** A locked hint in body type; `on` names the header it is written on. */
  | (Placed & { kind: 'prompt'; text: string; on?: string })
  /** A locked area that collects the notes lying in it; its label sits in its top-left corner. */
  | (Placed & { kind: 'cell'; cell: CellRef; label?: string; tone: Tone })
  /**
   * A card participants may edit and connect with arrows (case card, start and end of a
   * service chain). Not locked: tldraw does not bind arrows to locked shapes.
   */
  | (Placed & { kind: 'card'; text: string; tone: Tone; role: string; geo?: CardGeo; scale?: number })

/** The outline of a card: an actor's symbol on a network map. */
export type CardGeo = 'rectangle' | 'ellipse' | 'diamond' | 'triangle' | 'hexagon' | 'cloud' | 'octagon'

export type BlockKind = Block['kind']

export interface Layout {
  blocks: Block[]
  /** The layout's size, for placing it in free space. */
  w: number
  h: number
}
