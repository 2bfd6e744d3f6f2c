/**
 * `npm run admin -- licence [--json]`: what the configured tldraw key says and how tldraw's
 * editor will judge it at PUBLIC_URL; exit 1 when it would stop the canvas there. Reads the
 * relay's environment, never prints the key.
 */
import { readConfig } from '../ops/config.ts'
import { parseCommand } from './cli.ts'
import { configuredLicence, describeLicence, licenceReport } from '../base/tldrawLicence.ts'

export const licenceUsage = `  licence [--json]              the tldraw licence key's kind, date and hosts, and whether tldraw
                                accepts it at PUBLIC_URL (exit 1 when it would stop the canvas)
`

export async function licenceCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { name: 'licence', options: { json: { type: 'boolean' } } })
  const config = readConfig()
  const report = licenceReport(configuredLicence(config), config.publicUrl)
  if (values.json) {
    console.log(JSON.stringify({ publicUrl: report.publicUrl, reading: report.reading, verdict: report.verdict, callsHome: report.callsHome }, null, 2))
  } else {
    console.log(describeLicence(report))
  }
  return report.verdict.verdict === 'rejected' ? 1 : 0
}
