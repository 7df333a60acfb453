import { describe, expect, it } from 'vitest'
import { clientResult, entryDescription, entryTitle, isLongEnough, taskBadge } from './search.rules.js'

describe('search rules', () => {
  it('counts characters, not UTF-16 units, for the minimum query length', () => {
    expect(isLongEnough('ab')).toBe(true)
    expect(isLongEnough('a')).toBe(false)
    expect(isLongEnough('😀')).toBe(false)
  })

  it.each([
    ['in_progress', 'In Progress'],
    ['todo', 'Todo'],
    ['on_hold', 'On Hold'],
    ['', 'Task'],
  ])('badges task status %j as %j', (status, badge) => {
    expect(taskBadge(status)).toBe(badge)
  })

  it('titles entries by the project and task present', () => {
    expect(entryTitle('Apollo', 'Docs')).toBe('Apollo • Docs')
    expect(entryTitle('Apollo', null)).toBe('Apollo')
    expect(entryTitle(null, 'Docs')).toBe('• Docs')
    expect(entryTitle(null, null)).toBe('Time Entry')
  })

  it('describes entries by 100 characters of notes and their tags', () => {
    expect(entryDescription('n'.repeat(120), null)).toBe('n'.repeat(100))
    expect(entryDescription(null, 'a,b')).toBe(' [a,b]')
    expect(entryDescription('', '')).toBe('')
  })

  it('describes clients by the first non-empty of description, contact person and email', () => {
    const hit = { id: 1, name: 'C', description: '', contactPerson: null, email: 'c@example.com' }

    expect(clientResult(hit).description).toBe('c@example.com')
    expect(clientResult({ ...hit, email: null }).description).toBe('')
  })
})
