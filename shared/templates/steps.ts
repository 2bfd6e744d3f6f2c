/**
 * The agenda of a template instance: its steps, read from the template's own layout (options +
 * locale → blocks), so that their order and names do not depend on where the shapes were moved
 * to; and where each step is worked on. Which step is current is the board's
 * (`facilitation.step`, `../board/entries/step.ts`).
 */
import { stepKeyPrefix } from '../board/entries/step.ts'
import type { Instance } from './instance.ts'
import type { Block, Layout } from './model.ts'

export interface AgendaStep {
  key: string
  /** The header's first line, e.g. "2 · Spiel (≈ 90 Min.)". */
  label: string
}

type StepHeader = Extract<Block, { kind: 'header' }>

const isStepHeader = (block: Block): block is StepHeader => block.kind === 'header' && block.key.startsWith(stepKeyPrefix)

/** What `agendaSteps` needs of an instance: enough to lay it out again. */
export type AgendaSource = Pick<Instance, 'definition' | 'options' | 'locale'>

export function instanceLayout(instance: AgendaSource): Layout {
  return instance.definition.layout(instance.options, instance.locale)
}

/** The instance's steps in agenda order (the order its template lays them out); empty if none. */
export function agendaSteps(instance: AgendaSource): AgendaStep[] {
  return instanceLayout(instance)
    .blocks.filter(isStepHeader)
    .map((block) => ({ key: block.key, label: block.text.split('\n')[0].trim() }))
}

/**
 * Where a step is worked on: the block keys the facilitator's "jump" shows. The Planspiel's
 * agenda is a strip above its sections, so each of its steps names its section (without the
 * strip). Elsewhere (Zukunftskonferenz) a step header sits on top of its column: the header and
 * what lies below it.
 */
const sections: Record<string, Record<string, (key: string) => boolean>> = {
  planspiel: {
    'step:intro': (k) => k === 'head:case' || k === 'case' || k === 'case:zettel' || k === 'head:roles' || k.startsWith('role:') || k.startsWith('group:'),
    'step:play': (k) => k.startsWith('head:scene') || k.startsWith('scene:') || k === 'head:questions' || k === 'questions',
    'step:evaluation': (k) =>
      k === 'head:evaluation' || k.startsWith('head:level:') || k.startsWith('level:') || k === 'head:smallgroups' || k.startsWith('smallgroup:'),
    'step:next': (k) => k.startsWith('head:next') || k.startsWith('next:'),
  },
  // The service chain's agenda sits beside it; each step names the areas it works in.
  dienstleistungskette: {
    'step:wirkungen': (k) => k === 'targetGroup' || k === 'bedarfslagen' || k.startsWith('chain:') || k.startsWith('start:') || k.startsWith('end:'),
    'step:leistungen': (k) => k.startsWith('lane') || k.startsWith('experience'),
    'step:kette': (k) => k === 'head:handovers' || k.startsWith('handover:') || k.startsWith('steuerung:'),
    // The intended effects lie beside the gaps: shown with them, the chain's Soll measured against them.
    'step:vergleich': (k) =>
      k === 'head:comparison' || k.startsWith('vergleich:') || k === 'head:gaps' || k === 'gaps' || k === 'head:wirkungen' || k === 'wirkungen:ziele',
  },
}

/** Blocks outside a step's column that belong to it: the Zukunftskonferenz's mandate is settled before step 1. */
const before: Record<string, Record<string, readonly string[]>> = {
  zukunftskonferenz: { 'step:1': ['head:auftrag', 'head:auftrag:prompt', 'cell:auftrag'] },
}

/** Block keys of the step's working area, in layout order; empty for an unknown step. */
export function stepAreaKeys(templateName: string, layout: Layout, stepKey: string): string[] {
  const header = layout.blocks.find((b) => b.key === stepKey)
  if (!header) return []
  const named = sections[templateName]?.[stepKey]
  if (named) return layout.blocks.filter((b) => b.key !== stepKey && named(b.key)).map((b) => b.key)
  // The header and the column below it: blocks whose centre lies within its width.
  const bottom = header.y + header.h
  return layout.blocks
    .filter((b) => {
      if (b.key === stepKey || before[templateName]?.[stepKey]?.includes(b.key)) return true
      if (b.y < bottom) return false
      const centre = b.x + b.w / 2
      return centre >= header.x && centre <= header.x + header.w
    })
    .map((b) => b.key)
}
