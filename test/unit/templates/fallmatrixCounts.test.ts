/**
 * The Zusammenschau counts, per theme, the cases it came up in: a case counts once however many
 * notes lie in its field, and only the matrix's fields count (not the proposed themes beside it).
 */
import { describe, expect, it } from 'vitest'
import { casesPerTheme } from '../../../shared/templates/fallmatrixCounts.ts'
import { fallmatrix } from '../../../shared/templates/fallmatrix.ts'
import { exportBoard } from '../../../shared/results/export.ts'
import { build, grow, keyOf, noteInCell } from './helpers.ts'

const field = (row: string, col: string, notes: number, section = 'matrix') => ({ ref: { section, row, col }, notes })

describe('cases per theme', () => {
  it('counts each case once per theme, and themes nobody marked as none', () => {
    const counts = casesPerTheme([
      field('th0', 'f1', 1),
      field('th0', 'f2', 3),
      field('th0', 'f3', 0),
      field('th1', 'f1', 0),
      field('th2', 'f4', 1),
      field('vorschlaege', 'vorschlaege', 4, 'vorschlaege'),
    ])
    expect([...counts]).toEqual([
      ['th0', 2],
      ['th1', 0],
      ['th2', 1],
    ])
  })

  it('starts with the cooperation questions among the themes', () => {
    const { plan, shapes } = build('fallmatrix', {})
    const themes = (plan.options as { themes: string[] }).themes
    expect(themes).toContain('Wer weiß was, wer ist wofür zuständig?')
    expect(themes.some((theme) => /Informationen/.test(theme))).toBe(true)
    expect(shapes.some((s) => keyOf(s) === 'vorschlaege')).toBe(true)
    // A board stored before keeps its rows' height; a new one gets lower rows for the longer list.
    expect(fallmatrix.options.parse({ themes: ['Schulden'] }).rowHeight).toBeUndefined()
    expect(plan.options).toMatchObject({ rowHeight: 140 })
  })

  it('keeps a note reaching over the last row with its theme when a theme is added below', () => {
    // A note as large as a readable one is taller than a new board's row: it reaches below the matrix.
    const { shapes } = build('fallmatrix', {})
    const note = noteInCell(shapes, 'matrix:cell:th10:f1', 'X')
    const { next } = grow([...shapes, note], 'addTheme', 'Armut')
    const counts = exportBoard({ id: 'b', title: 'Zusammenschau' }, next).templates[0].tables.find((t) => t.title === 'Fälle je Thema')!
    expect(counts.rows.find((row) => row[0][0] === 'Wie werden Informationen weitergegeben?')![1]).toEqual(['1'])
    expect(counts.rows.find((row) => row[0][0] === 'Armut')![1]).toEqual(['0'])
  })
})
