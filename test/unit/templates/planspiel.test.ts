import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, renderMarkdown, shapeText } from '../../../shared/results/export.ts'
import { findInstances } from '../../../shared/templates/catalogue.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import type { Locale } from '../../../shared/locale.ts'
import { planspiel, planspielCases, type PlanspielOptions } from '../../../shared/templates/planspiel.ts'
import { build, cellCentre, expectTidy, grow, noteAt, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Netzwerk Alleinerziehende' }
const keyOf = (s: TLShape) => scaffoldMeta(s)?.key
const shapeByKey = (shapes: TLShape[], key: string) => shapes.find((s) => keyOf(s) === key)!
const plain = (shape: TLShape) => shapeText(shape) ?? ''
const parsed = (options: Partial<PlanspielOptions>): PlanspielOptions => planspiel.options.parse(options)
const twelve = Array.from({ length: 12 }, (_, i) => `Organisation ${i + 1}`)

describe('Planspiel', () => {
  const combinations: [unknown, Locale][] = [
    [{}, 'de'],
    [{}, 'en'],
    [{ case: 'blank', scenes: 1, nextSteps: 1, organisations: ['Jobcenter'] }, 'de'],
    [{ case: 'frauenhaus', scenes: 12, nextSteps: 30, organisations: twelve }, 'en'],
    [{ case: 'umschulung', scenes: 7, organisations: twelve.slice(0, 5) }, 'de'],
  ]

  it.each(combinations)('builds valid, tidy scaffold for %j (%s)', (options, locale) => {
    const { plan, shapes } = build('planspiel', options, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    // Only the case card stays editable; every cell takes a 200×200 note, most with room to spare.
    expect(shapes.filter((s) => !s.isLocked).map(keyOf)).toEqual(['case'])
    for (const block of plan.layout.blocks.filter((b) => b.kind === 'cell')) {
      expect(block.w, block.key).toBeGreaterThanOrEqual(300)
      expect(block.h, block.key).toBeGreaterThanOrEqual(block.key.startsWith('role:') ? 200 : 240)
    }
    expect(plan.layout.blocks[0]).toMatchObject({ key: 'title', x: 0, y: 0 })
  })

  it('shows the agenda with the play and evaluation steps a facilitator can highlight', () => {
    const { shapes } = build('planspiel', {})
    expect(plain(shapeByKey(shapes, 'step:play'))).toBe('2 · Spiel (≈ 90 Min.)')
    expect(plain(shapeByKey(shapes, 'step:evaluation'))).toBe('3 · Auswertung (≈ 90 Min.)')
    const agenda = ['step:intro', 'step:play', 'step:evaluation', 'step:next'].map((k) => shapeByKey(shapes, k))
    expect(agenda.map((s) => s.x)).toEqual([...agenda.map((s) => s.x)].sort((a, b) => a - b))
    expect(new Set(agenda.map((s) => s.y)).size).toBe(1)
  })

  it('starts with the first case, four scenes, four next steps and partners fitting the case', () => {
    const de = build('planspiel', {}, 'de')
    const options = de.plan.options as PlanspielOptions
    expect(options).toMatchObject({ case: planspielCases[0].id, scenes: 4, nextSteps: 4 })
    expect(options.organisations).toEqual(['Jobcenter', 'Schuldnerberatung', 'Wohnungsamt', 'Kita-Träger', 'Jugendamt'])
    expect((build('planspiel', {}, 'en').plan.options as PlanspielOptions).organisations).toEqual([
      'Job centre',
      'Debt counselling',
      'Housing office',
      'Childcare providers',
      'Youth welfare office',
    ])
    const card = shapeByKey(de.shapes, 'case')
    expect(scaffoldMeta(card)?.role).toBe('case')
    expect(plain(card)).toContain(planspielCases[0].title.de)
    expect(plain(card)).toContain('Drei Monatsmieten')
    expect(plain(shapeByKey(de.shapes, 'title'))).toBe(`Planspiel – ${planspielCases[0].title.de}`)
    const scenes = de.shapes.filter((s) => keyOf(s)?.endsWith(':was') && keyOf(s)?.startsWith('scene:'))
    expect(scenes.map(plain)).toEqual([1, 2, 3, 4].map((n) => `Szene ${n} – wer trifft wen, was passiert?`))
  })

  it('has six fictional cases of workshop length in both languages, a father and a newcomer among them', () => {
    expect(planspielCases).toHaveLength(6)
    expect(new Set(planspielCases.map((c) => c.id)).size).toBe(6)
    expect(planspielCases.filter((c) => c.title.de.startsWith('Herr '))).toHaveLength(1)
    expect(planspielCases.some((c) => /Eritrea/.test(c.text.de))).toBe(true)
    for (const c of planspielCases) {
      expect(c.id).toMatch(/^[a-z]+$/)
      for (const locale of ['de', 'en'] as const) {
        const words = c.text[locale].split(/\s+/).length
        expect(words, `${c.id} ${locale}`).toBeGreaterThanOrEqual(60)
        expect(words, `${c.id} ${locale}`).toBeLessThanOrEqual(110)
      }
      // Full invented names, as the handbook's cases have them ("Frau Wiesental", not "Frau W."), though none of the handbook's own.
      expect(c.title.de).toMatch(/^(Frau|Herr) [A-ZÄÖÜ][a-zäöüß]+[a-z]: /)
      expect(c.title.en).toMatch(/^(Ms|Mr) [A-Z][a-z]+[a-z]: /)
      expect(`${c.text.de} ${c.text.en}`).not.toMatch(/\b(Frau|Herr|Ms|Mr) [A-Z]\./)
      const { shapes } = build('planspiel', { case: c.id }, 'en')
      expect(plain(shapeByKey(shapes, 'case'))).toContain(c.text.en.slice(0, 40))
    }
  })

  it('blames no father in more than one case; one client tops up her wages with benefits, one is a skilled worker', () => {
    // Only the shelter case names a (former) partner, and nothing else names the children's father.
    const naming = planspielCases.filter((c) => /\b(Vater|Partners?|Ex-?Mann)\b/.test(c.text.de) || /\b(father|partner|ex-husband)\b/i.test(c.text.en))
    expect(naming.map((c) => c.id)).toEqual(['frauenhaus'])
    const topping = planspielCases.filter((c) => /aufstock/i.test(c.text.de))
    expect(topping).toHaveLength(1)
    expect(topping[0].text.de).toMatch(/Teilzeit/)
    expect(topping[0].text.de).toMatch(/Bürgergeld|SGB II/)
    expect(topping[0].text.en).toMatch(/tops up|top up/)
    expect(planspielCases.filter((c) => /Fachkraft|examinierte|ausgebildete/.test(c.text.de))).toHaveLength(1)
  })

  it('asks for trauma-sensitive play in the shelter case: no violence re-enacted, a facilitator may play her, anyone may step out', () => {
    const { shapes } = build('planspiel', { case: 'frauenhaus' })
    const note = plain(shapeByKey(shapes, 'case:note'))
    expect(note).toMatch(/traumasensibel/)
    expect(note).toMatch(/Gewalt/)
    expect(note).toMatch(/nicht nachgespielt/)
    expect(note).toMatch(/Moderation/)
    expect(note).toMatch(/aussteigen/)
    expect(plain(shapeByKey(build('planspiel', { case: 'frauenhaus' }, 'en').shapes, 'case:note'))).toMatch(/step out/)
    // The other cases have no such note.
    expect(build('planspiel', { case: 'mietschulden' }).shapes.some((s) => keyOf(s) === 'case:note')).toBe(false)
  })

  it('lists a filled next step as an open item of the report', () => {
    const { shapes } = build('planspiel', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'next:n2:was', 'Kita-Notfallplätze klären'),
      noteInCell(shapes, 'next:n2:wer', 'Jugendamt'),
      noteInCell(shapes, 'next:n2:bisWann', 'März'),
    ]
    const report = workshopReport(exportBoard({ id: 'b', title: 'Planspiel' }, records), records, '2026-11-24')
    expect(report.openItems.map(({ what, who, when }) => ({ what, who, when }))).toEqual([{ what: ['Kita-Notfallplätze klären'], who: ['Jugendamt'], when: ['März'] }])
  })

  it('a blank case card says what to write', () => {
    const { shapes } = build('planspiel', { case: 'blank' })
    const card = plain(shapeByKey(shapes, 'case'))
    expect(card).toContain('Eigenes Fallbeispiel')
    for (const part of ['Lebenslage', 'Vorgeschichte', 'Erstes Anliegen', 'ohne Lösung']) expect(card).toContain(part)
    expect(plain(shapeByKey(shapes, 'title'))).toBe('Planspiel')
  })

  it('has a role for the client, each organisation, the advisers and the observers', () => {
    const { shapes } = build('planspiel', { organisations: ['Jobcenter', 'Familienzentrum'] })
    const roles = shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'roles')
    expect(roles.map((s) => scaffoldMeta(s)!.cell!.rowLabel)).toEqual([
      'Alleinerziehende(r)',
      'Jobcenter',
      'Familienzentrum',
      'Beraterinnen und Berater',
      'Beobachtende',
    ])
    expect(plain(shapeByKey(shapes, 'role:observers'))).toContain('Rückmeldung')
  })

  it('refuses bad options', () => {
    expect(() => build('planspiel', { case: 'unbekannt' })).toThrow()
    expect(() => build('planspiel', { scenes: 0 })).toThrow()
    expect(() => build('planspiel', { scenes: 13 })).toThrow()
    expect(() => build('planspiel', { scenes: 2.5 })).toThrow()
    expect(() => build('planspiel', { organisations: [' '] })).toThrow()
    expect(() => build('planspiel', { organisations: ['x'.repeat(81)] })).toThrow()
    expect(() => build('planspiel', { organisations: [...twelve, 'eine zu viel'] })).toThrow()
    expect(() => build('planspiel', { nextSteps: 0 })).toThrow()
  })

  it('exports names per role, feedback per scene, the evaluation, next steps and the case', () => {
    const { shapes } = build('planspiel', { organisations: ['Jobcenter', 'Jugendamt'] })
    const at = (key: string, text: string, dy = 0) => noteInCell(shapes, key, text, dy)
    const notes = [
      at('role:observers', 'Anna', -20),
      at('role:observers', 'Bernd', 20),
      at('role:client', 'Carla'),
      at('scene:s2:was', 'Frau K. beim Jugendamt'),
      at('scene:s2:fehlt', 'Niemand fragt nach den Kindern', -10),
      at('scene:s2:fehlt', 'Termin bei der Schuldnerberatung', 10),
      at('scene:s1:gut', 'Freundlicher Empfang'),
      at('level:transfer', 'Laufzettel einführen'),
      at('next:n1:was', 'Laufzettel entwerfen'),
      at('next:n1:wer', 'AG Übergänge'),
      at('next:n1:bisWann', 'März'),
    ]
    const result = exportBoard(board, [...shapes, ...notes])
    expect(result.otherNotes).toEqual([])
    const tables = new Map(result.templates[0].tables.map((t) => [t.title, t]))
    expect([...tables.keys()]).toEqual(['Rollen', 'Spielszenen', 'Offene Fragen', 'Auswertung auf drei Ebenen', 'Nächste Schritte', 'Fiktives Fallbeispiel'])

    const roles = tables.get('Rollen')!
    expect(roles.columns).toEqual(['Rolle', 'Zettel'])
    expect(roles.rows).toContainEqual([['Beobachtende'], ['Anna', 'Bernd']])
    expect(roles.rows).toContainEqual([['Alleinerziehende(r)'], ['Carla']])

    const scenes = tables.get('Spielszenen')!
    expect(scenes.columns).toEqual(['Szene', 'Wer trifft wen, was passiert?', 'Was war gut?', 'Was könnte besser sein?', 'Was fehlt?'])
    expect(scenes.rows.map((r) => r[0][0])).toEqual(['Szene 1', 'Szene 2', 'Szene 3', 'Szene 4'])
    expect(scenes.rows[0]).toEqual([['Szene 1'], [], ['Freundlicher Empfang'], [], []])
    expect(scenes.rows[1]).toEqual([
      ['Szene 2'],
      ['Frau K. beim Jugendamt'],
      [],
      [],
      ['Niemand fragt nach den Kindern', 'Termin bei der Schuldnerberatung'],
    ])

    expect(tables.get('Auswertung auf drei Ebenen')!.rows).toEqual([
      [['Das Spiel'], []],
      [['Die Spielenden'], []],
      [['Der Transfer'], ['Laufzettel einführen']],
    ])
    const next = tables.get('Nächste Schritte')!
    expect(next.columns).toEqual(['Nr.', 'Was?', 'Wer?', 'Bis wann?', 'Erledigt?'])
    expect(next.rows).toHaveLength(4)
    expect(next.rows[0]).toEqual([['1'], ['Laufzettel entwerfen'], ['AG Übergänge'], ['März'], []])
    expect(tables.get('Fiktives Fallbeispiel')!.rows[0][0][0]).toContain('Frau Wiesental')
    expect(renderMarkdown(result, 'de')).toContain('| Szene 2 | Frau K. beim Jugendamt |  |  | • Niemand fragt nach den Kindern<br>• Termin bei der Schuldnerberatung |')
  })

  it('exports with English headings on an English board', () => {
    const { shapes } = build('planspiel', {}, 'en')
    const c = cellCentre(shapes, 'scene:s3:besser')
    const result = exportBoard(board, [...shapes, noteAt(c.x, c.y, 'Shorter waiting time')])
    const scenes = result.templates[0].tables.find((t) => t.title === 'Scenes')!
    expect(scenes.columns).toEqual(['Scene', 'Who meets whom, what happens?', 'What went well?', 'What could be better?', 'What is missing?'])
    expect(scenes.rows[2]).toEqual([['Scene 3'], [], [], ['Shorter waiting time'], []])
  })

  it('grows by a scene: four new cells, notes stay, shapes parked below move down', () => {
    const { plan, shapes } = build('planspiel', { scenes: 8 })
    const c = cellCentre(shapes, 'scene:s8:fehlt')
    const note = noteAt(c.x, c.y, 'Kinderbetreuung während des Termins')
    const scenesX = shapeByKey(shapes, 'scene:s8:was').x
    // Under the scenes, which are the template's tallest column: the new row would cover it.
    const parked = noteAt(scenesX + 200, plan.layout.h + 150, 'Parkplatz')
    const { create, update, next } = grow([...shapes, note, parked], 'addScene')
    expect(create.map(keyOf)).toEqual(['scene:s9:was', 'scene:s9:gut', 'scene:s9:besser', 'scene:s9:fehlt'])
    expect(update.find((s) => s.id === note.id)).toBeUndefined()
    expect(update.find((s) => s.id === parked.id)!.y).toBe(parked.y + 240)
    expectTidy(next)
    const [grown] = findInstances(next)
    expect((grown.options as PlanspielOptions).scenes).toBe(9)
    const scenes = exportBoard(board, next).templates[0].tables.find((t) => t.title === 'Spielszenen')!
    expect(scenes.rows.map((r) => r[0][0])).toHaveLength(9)
    expect(scenes.rows[7][4]).toEqual(['Kinderbetreuung während des Termins'])
    expect(scenes.rows[8]).toEqual([['Szene 9'], [], [], [], []])
  })

  it('stops at twelve scenes', () => {
    const action = planspiel.actions.find((a) => a.id === 'addScene')!
    const full = parsed({ scenes: 12 })
    expect(action.apply(full, undefined)).toBe(full)
  })

  it('grows by an organisation: a new role, and the advisers and observers move with their names', () => {
    // Four players fill two rows: a fifth opens a third, and the groups below move down.
    const { shapes } = build('planspiel', { organisations: ['Jobcenter', 'Jugendamt', 'Schulen'] })
    const c = cellCentre(shapes, 'role:observers')
    const name = noteAt(c.x, c.y, 'Dana')
    const before = shapeByKey(shapes, 'role:observers')
    const { create, update, next } = grow([...shapes, name], 'addOrganisation', '  Familienzentrum  ')
    expect(create.map(keyOf)).toEqual(['role:org3'])
    expect(plain(create[0])).toBe('Familienzentrum')
    const after = update.find((s) => s.id === before.id)!
    const movedName = update.find((s) => s.id === name.id)!
    expect({ x: movedName.x - name.x, y: movedName.y - name.y }).toEqual({ x: after.x - before.x, y: after.y - before.y })
    expect(after.x !== before.x || after.y !== before.y).toBe(true)
    expectTidy(next)
    const [grown] = findInstances(next)
    expect((grown.options as PlanspielOptions).organisations).toEqual(['Jobcenter', 'Jugendamt', 'Schulen', 'Familienzentrum'])
    const roles = exportBoard(board, next).templates[0].tables.find((t) => t.title === 'Rollen')!
    expect(roles.rows.map((r) => r[0][0])).toEqual(['Alleinerziehende(r)', 'Jobcenter', 'Jugendamt', 'Schulen', 'Familienzentrum', 'Beraterinnen und Berater', 'Beobachtende'])
    expect(roles.rows[6][1]).toEqual(['Dana'])
  })

  it('keeps added organisation names within the options’ limits', () => {
    const action = planspiel.actions.find((a) => a.id === 'addOrganisation')!
    const options = parsed({ organisations: ['Jobcenter'] })
    expect(action.apply(options, '').organisations).toEqual(['Jobcenter', '?'])
    const long = action.apply(options, 'x'.repeat(200))
    expect(() => planspiel.options.parse(long)).not.toThrow()
    const full = parsed({ organisations: twelve })
    expect(action.apply(full, 'Noch eine')).toEqual(full)
  })

  it('grows by a next-steps row', () => {
    const { shapes } = build('planspiel', {})
    const c = cellCentre(shapes, 'next:n4:wer')
    const note = noteAt(c.x, c.y, 'Koordination')
    const { create, next } = grow([...shapes, note], 'addNextStep')
    expect(create.map(keyOf)).toEqual(['next:n5:was', 'next:n5:wer', 'next:n5:bisWann', 'next:n5:erledigt'])
    expectTidy(next)
    const table = exportBoard(board, next).templates[0].tables.find((t) => t.title === 'Nächste Schritte')!
    expect(table.rows.map((r) => r[0][0])).toEqual(['1', '2', '3', '4', '5'])
    expect(table.rows[3][2]).toEqual(['Koordination'])
  })

  it('moves a note parked under the scenes out of the way of a new scene', () => {
    const { shapes } = build('planspiel', {})
    const last = shapes.find((s) => scaffoldMeta(s)?.key === 'scene:s4:gut')!
    const { h } = last.props as { h: number }
    const c = cellCentre(shapes, 'scene:s4:gut')
    // Just under scene 4, in the gap beside the taller columns.
    const parked = noteAt(c.x, last.y + h + 130, 'Parkplatz')
    const { next } = grow([...shapes, parked], 'addScene')
    const result = exportBoard({ id: 'b', title: 't' }, next)
    expect(result.otherNotes).toEqual(['Parkplatz'])
    const scenes = result.templates[0].tables.find((t) => t.rows.length === 5)!
    expect(scenes.rows.flat(2)).not.toContain('Parkplatz')
  })

  // H 4.3.4: "Vertreterinnen und Vertreter aller am Netzwerk beteiligten Organisationen,
  // Entscheidungsebene wie operative Ebene"; H 4.3.5: cases are made up, not anonymised real ones;
  // the benefit by its law, not by a name that changes.
  it('asks for every partner in play or advice with both levels, calls a case made up, and names SGB II benefits by the law', () => {
    const { shapes } = build('planspiel', { case: 'blank' })
    expect(plain(shapeByKey(shapes, 'head:roles:prompt'))).toMatch(/Alle Netzwerkpartner.*Entscheidungs.*operative/)
    const all = shapes.map(plain).join(' ')
    expect(all).toContain('erfunden, ohne echte Namen')
    expect(all).not.toMatch(/anonym/i)
    expect(planspielCases.find((c) => c.id === 'mietschulden')!.text.de).toContain('Leistungen nach dem SGB II')
    const en = build('planspiel', { case: 'blank' }, 'en').shapes
    expect(plain(shapeByKey(en, 'head:roles:prompt'))).toMatch(/Every network partner.*decision.*working level/)
    expect(en.map(plain).join(' ')).not.toMatch(/anonymi/i)
  })

  // The review missed a case where maintenance is missing and a child is a teenager: common, and
  // it brings the Unterhaltsvorschuss (UVG, up to 18) and the school into play.
  it('offers a sixth case: no maintenance, the Unterhaltsvorschuss, a teenager at school', () => {
    const unterhalt = planspielCases.find((c) => c.id === 'unterhalt')!
    expect(unterhalt.text.de).toMatch(/Unterhaltsvorschuss/)
    expect(unterhalt.text.de).toMatch(/\b1[3-7]\b/)
    expect(unterhalt.text.en).toMatch(/advance maintenance/)
    const { plan, shapes } = build('planspiel', { case: 'unterhalt' })
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.map(plain).join(' ')).toContain('Jugendamt')
  })
})
