/**
 * One word for one thing: the German texts of the client, the shared templates and results, and
 * the docs use the glossary's word, never a variant of it. A small lint over the string literals
 * (comments and code do not count) and over the docs' prose.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalogs } from '../../client/messages/catalogs.ts'

const root = join(import.meta.dirname, '..', '..')

/** The word to use, and what people wrote instead. */
export const glossary: { word: string; variants: RegExp[]; only?: RegExp }[] = [
  // „Freigabe“ is the release of results to be passed on; the scaffold is unlocked.
  { word: 'Vorlagen entsperren', variants: [/Vorlagen\b[^.!?„“]{0,40}\bfrei(geben|gegeben|gibt)/] },
  { word: 'Leistungszettel', variants: [/Leistungskarte/, /Leistungen als Karten/, /für jede Leistung eine Karte/, /\bdie Karten mit Pfeilen/] },
  { word: 'Teilnetzwerke', variants: [/\bTeilnetzen?\b/, /\bTeil-Netzwerk/, /\bSubnetzwerk/, /\bUnternetzwerk/] },
  { word: 'Verbindlichkeit', variants: [/Verbindlichkeitsgrad/, /Grad der Verbindlichkeit/, /Form der Vereinbarung/] },
  { word: 'Noch zuzuordnen', variants: [/noch ohne Ebene/, /Noch keiner Schnittstelle zugeordnet/, /\bnicht zugeordnet\b/, /\bohne Zuordnung\b/] },
  // One name per template: the registry's title.
  { word: 'Netzwerkarchitektur', variants: [/Aufbau des Netzwerks/] },
  { word: 'Fallübergreifende Zusammenschau', variants: [/\bFallmatrix\b/] },
  { word: 'Alleinerziehende(r)', variants: [/Klientin \/ Klient/] },
]

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : []
  })
}

/** The string literals of a source file: quoted and template strings, not comments or code. */
function literals(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1')
  return [...withoutComments.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? m[3])
}

function offences(texts: { where: string; text: string }[]): string[] {
  return texts.flatMap(({ where, text }) =>
    glossary.flatMap(({ word, variants }) => variants.filter((v) => v.test(text)).map((v) => `${where}: „${text.match(v)![0]}“ – say „${word}“`)),
  )
}

describe('glossary', () => {
  it('the lint finds each variant it is meant to find', () => {
    const old = ['Vorlagen freigeben', 'Hat sie die Vorlagen zur Bearbeitung freigegeben', 'Leistungskarte hinzufügen', 'teilen Sie die Karte in Teilnetze.', 'Form der Vereinbarung', 'Übernommen, noch ohne Ebene', 'Aufbau des Netzwerks', 'Klientin / Klient']
    expect(old.filter((text) => offences([{ where: 'x', text }]).length === 0)).toEqual([])
    const fine = ['Zur Weitergabe freigeben', 'Vorlagen entsperren', 'Netzwerkkarte', 'Welche Karten?', 'Teilnetzwerke', 'Verbindlichkeit', 'Noch zuzuordnen']
    expect(fine.flatMap((text) => offences([{ where: 'x', text }]))).toEqual([])
  })

  it('the client’s German messages use the glossary’s words', () => {
    expect(offences(Object.entries(catalogs.de).map(([key, text]) => ({ where: `i18n ${key}`, text })))).toEqual([])
  })

  it('the German strings in client and shared code use the glossary’s words', () => {
    const sources = [...files(join(root, 'client'), /\.tsx?$/), ...files(join(root, 'shared'), /\.ts$/)]
    const texts = sources.flatMap((path) =>
      literals(readFileSync(path, 'utf8'))
        // Import paths and file names are code.
        .filter((text) => !/^\.{0,2}\/[\w./-]+$/.test(text))
        .map((text) => ({ where: relative(root, path), text })),
    )
    expect(offences(texts)).toEqual([])
  })

  it('the docs use the glossary’s words', () => {
    const docs = files(join(root, 'docs'), /\.md$/)
    const texts = docs.flatMap((path) => readFileSync(path, 'utf8').split('\n').map((text, i) => ({ where: `${relative(root, path)}:${i + 1}`, text })))
    expect(offences(texts)).toEqual([])
  })
})
