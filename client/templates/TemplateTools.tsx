/** Each template's own tools beside its grow actions, looked up by template name. */
import type { ReactNode } from 'react'
import type { Locale } from '../../shared/locale.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { PlanspielTools } from './PlanspielTools.tsx'
import { ProtokollTools } from './ProtokollTools.tsx'
import { ServiceChainTools } from './ServiceChainTools.tsx'
import { ConsentTools } from './ConsentDialog.tsx'

interface ToolProps {
  instanceId: string
  locale: Locale
  /** May this person change the scaffold now (the facilitator, or all while unlocked)? */
  canGrow: boolean
  report(message: string): void
}

const tools: Partial<Record<TemplateName, (props: ToolProps) => ReactNode>> = {
  dienstleistungskette: (props) => <ServiceChainTools {...props} />,
  protokoll: (props) => <ProtokollTools {...props} />,
  // Drawing groups is the facilitator's: a new draw replaces the last one's notes.
  planspiel: (props) => props.canGrow && <PlanspielTools {...props} />,
  // Recording the confirmations is the facilitator's; everyone sees their state on the banner.
  fallkonferenz: (props) => <ConsentTools {...props} />,
}

export function TemplateTools(props: ToolProps & { template: TemplateName }) {
  const { template, ...rest } = props
  return tools[template]?.(rest) ?? null
}
