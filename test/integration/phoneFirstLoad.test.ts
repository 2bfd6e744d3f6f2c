/**
 * A participant's phone opens a board link and sees the list „Beitragen“: before it shows, the
 * phone fetches the entry with its static imports and the list's route chunk with its static
 * imports (`phoneFirstLoad` in deploy/bundleReport.ts). zod (the relay's checks; 12 % of the
 * client) and the templates' layout code must stay out of that: the client reads what the relay
 * has checked. dist/bundle-report.json holds each chunk's static imports as Rollup wrote them and
 * what each chunk carries. Every other first visit's entry load is part of it, and checked too.
 *
 * Nor the whole catalogue of words: the entry and the list read the first visit's
 * (`client/firstLoadLocale.ts`).
 *
 * The list's view comes next (`listViewLoad`): it lays out the board's templates to read their
 * steps, so it loads those (and with their options zod), one chunk each (`templateLoaders.ts`),
 * but never the catalogue of them all, nor tldraw's schema.
 *
 * A participant's laptop opening the canvas fetches the entry and the editor's chunk
 * (`LiveSession`) with their static imports before the editor is ready: what the facilitator
 * alone uses, or everyone only later (`client/board/laterParts.tsx`), comes after; so do the
 * templates' definitions, but those the board holds, one chunk each (`client/board/editorTemplates.ts`).
 *
 * A phone opened as the canvas draws the board from its records before tldraw is there
 * (`canvasFirstPaintLoad`): the board page's load holds neither zod, nor the catalogue, nor tldraw.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { canvasFirstPaintLoad, canvasRoute, chainsTo, editorChunk, listView, listViewLoad, packagesOf, phoneFirstLoad, phoneRoute, staticClosure, type ChunkReport, type Importers } from '../../deploy/bundleReport.ts'
import { assertBuilt } from '../helpers/serverEntry.ts'

const root = join(import.meta.dirname, '..', '..')
/** The editor's, the facilitation's and the network's words with the list's: `t` of `client/locale.ts`. */
const catalogue = 'client/messages/catalogs.ts'

describe('the first load', () => {
  assertBuilt('dist/bundle-report.json', ['client', 'shared'], 'run `npm run build`')
  const { chunks, importers } = JSON.parse(readFileSync(join(root, 'dist/bundle-report.json'), 'utf8')) as { chunks: ChunkReport[]; importers: Importers }
  const loads = {
    "of every visit (the entry's)": staticClosure(chunks, chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.file)),
    "of a phone's list „Beitragen“": phoneFirstLoad(chunks),
  }

  it('is the entry with its static imports, and for the phone the list’s route chunk with its own', () => {
    expect(loads["of every visit (the entry's)"].some((chunk) => chunk.isEntry)).toBe(true)
    expect(loads["of a phone's list „Beitragen“"].map((chunk) => chunk.facade)).toContain(phoneRoute)
  })

  for (const [name, load] of Object.entries(loads)) {
    const held = (name: string) => load.filter((chunk) => (chunk.packages[name]?.raw ?? 0) > 0).map((chunk) => chunk.file)

    it(`${name} holds no zod: the client reads what the relay has checked`, () => {
      expect(held('zod')).toEqual([])
    })

    it(`${name} holds none of the templates' layout code`, () => {
      expect(held('shared/templates')).toEqual([])
    })

    it(`${name} holds only the first visit's words, not the whole catalogue (client/firstLoadLocale.ts)`, () => {
      expect(load.filter((chunk) => (chunk.modules ?? []).includes(catalogue)).map((chunk) => chunk.file)).toEqual([])
    })

    // @tldraw/utils names no `sideEffects`: one function taken from it brought all of it (vite.config.ts).
    it(`${name} holds no lodash: @tldraw/utils comes as the functions taken from it`, () => {
      expect(packagesOf(load).map(([pkg]) => pkg).filter((pkg) => pkg.startsWith('lodash'))).toEqual([])
    })
  }

  describe("a laptop's editor (`LiveSession`) with its static imports", () => {
    const load = staticClosure(chunks, chunks.filter((chunk) => chunk.isEntry || chunk.facade === editorChunk).map((chunk) => chunk.file))
    const modules = new Set(load.flatMap((chunk) => chunk.modules ?? []))
    const chains = (target: string) => chainsTo(importers, editorChunk, target).map((chain) => chain.join(' → ')).join('\n')
    /** Opened on demand, by the facilitator or by a click, and fetched once the editor is ready. */
    const later = [
      'client/templates/TemplatesPanel.tsx',
      'client/templates/BoardTemplatesList.tsx',
      'client/dokumentation/DokumentationSection.tsx',
      'shared/results/dokumentation.ts',
      'client/facilitation/VersionsPanel.tsx',
      'client/facilitation/GroupsPanel.tsx',
      'client/dokumentation/BeschlussDialog.tsx',
      'client/documents/DocumentImport.tsx',
      'client/join/JoinScreen.tsx',
      'client/facilitation/BeamerBar.tsx',
      'client/facilitation/BringControl.tsx',
      'client/facilitation/PresentationControl.tsx',
      'shared/templates/catalogue.ts',
      'shared/results/export.ts',
      'client/board/exportHolds.ts',
      'client/board/printBoard.ts',
    ]

    it('is there, with the editor and its canvas in it', () => {
      expect(modules.has(editorChunk)).toBe(true)
      expect(modules.has('client/boardPage/BoardEditor.tsx')).toBe(true)
    })

    for (const module of later)
      it(`holds no ${module}: it comes when first used or once the editor is ready`, () => {
        expect(modules.has(module), chains(module)).toBe(false)
        // Still built, in a chunk of its own that the editor asks for.
        expect(chunks.some((chunk) => (chunk.modules ?? []).includes(module))).toBe(true)
      })

    it("holds no template's definition: the board's own come by name before it is read, the catalogue once the editor is ready", () => {
      const registry = 'shared/templates/registry.ts'
      // Their names alone (`templateNames.ts`) are the HTTP contract's, which the editor checks.
      const names = 'shared/templates/templateNames.ts'
      const definitions = Object.entries(importers).filter(([module, by]) => by.includes(registry) && module !== names).map(([module]) => module)
      expect(definitions.length).toBeGreaterThan(20)
      const held = [registry, ...definitions].filter((module) => modules.has(module))
      expect(held, held.map(chains).join('\n')).toEqual([])
    })

    it("holds no QR code encoder (the room's join screen and the groups' codes)", () => {
      expect(load.filter((chunk) => (chunk.packages['uqr']?.raw ?? 0) > 0).map((chunk) => chunk.file), chains('uqr')).toEqual([])
    })
  })

  describe("what a phone's canvas loads before its first paint (the board page with its static imports)", () => {
    const load = canvasFirstPaintLoad(chunks)
    const modules = new Set(load.flatMap((chunk) => chunk.modules ?? []))
    const chains = (target: string) => chainsTo(importers, canvasRoute, target).map((chain) => chain.join(' → ')).join('\n')
    const held = (name: string) => load.filter((chunk) => (chunk.packages[name]?.raw ?? 0) > 0).map((chunk) => chunk.file)

    it('is there, with the board page and the first paint in it', () => {
      expect(load.map((chunk) => chunk.facade)).toContain(canvasRoute)
      expect(modules.has('client/boardPage/firstPaint/FirstPaint.tsx')).toBe(true)
    })

    it('holds no zod: the link check, the settings and the first paint read what the relay has checked', () => {
      expect(held('zod'), chains('zod')).toEqual([])
    })

    it('holds only the first visit’s words, not the whole catalogue', () => {
      expect(modules.has(catalogue), chains(catalogue)).toBe(false)
    })

    it('holds no tldraw: the editor comes after the first paint', () => {
      expect(['tldraw', '@tldraw/editor', '@tldraw/tlschema'].flatMap(held), chains('@tldraw/editor')).toEqual([])
    })
  })

  describe("the list's view („Beitragen“) with its static imports", () => {
    const load = listViewLoad(chunks)
    const modules = new Set(load.flatMap((chunk) => chunk.modules ?? []))
    /** How the view reaches `target`, one chain a line: the imports to cut. */
    const chains = (target: string) => chainsTo(importers, listView, target).map((chain) => chain.join(' → ')).join('\n')
    const registry = 'shared/templates/registry.ts'
    const definitions = Object.entries(importers).filter(([, by]) => by.includes(registry)).map(([module]) => module)

    it('is there, with the view in it', () => {
      expect(modules.has(listView)).toBe(true)
      expect(definitions.length).toBeGreaterThan(20)
    })

    it('holds no template of the catalogue: the board’s own come on their own', () => {
      expect([registry, ...definitions].filter((module) => modules.has(module)), chains(registry)).toEqual([])
    })

    it('holds only the first visit’s words, not the whole catalogue', () => {
      expect(modules.has(catalogue), chains(catalogue)).toBe(false)
    })

    it('holds no lodash', () => {
      expect(packagesOf(load).map(([pkg]) => pkg).filter((pkg) => pkg.startsWith('lodash'))).toEqual([])
    })

    it('holds no tldraw schema (its index loads every record type with its validators)', () => {
      expect(load.filter((chunk) => (chunk.packages['@tldraw/tlschema']?.raw ?? 0) > 0).map((chunk) => chunk.file), chains('@tldraw/tlschema')).toEqual([])
    })
  })
})
