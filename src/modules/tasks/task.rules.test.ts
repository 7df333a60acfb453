import { describe, expect, it } from 'vitest'
import {
  isOverdue,
  priorityFromInput,
  progressPercentage,
  tagList,
  validateTaskFields,
} from './task.rules.js'

describe('task rules', () => {
  it.each([
    ['low', 'low'],
    [' URGENT ', 'urgent'],
    [1, 'low'],
    [4, 'urgent'],
    ['3', 'high'],
    [0, undefined],
    [5, undefined],
    [2.5, undefined],
    [true, undefined],
    [null, undefined],
    ['critical', undefined],
  ])('reads priority %j as %s', (value, priority) => {
    expect(priorityFromInput(value)).toBe(priority)
  })

  it('computes progress from hours rounded to two decimals', () => {
    expect(progressPercentage(3600, null)).toBe(0)
    expect(progressPercentage(3600, 0)).toBe(0)
    expect(progressPercentage(3600, 3)).toBe(33.3)
    expect(progressPercentage(7182, 2)).toBe(100) // 1.995 h rounds to 2.00 h
    expect(progressPercentage(0, 2)).toBe(0)
  })

  it('is overdue only before today and while open', () => {
    expect(isOverdue({ dueDate: '2025-01-14', status: 'todo' }, '2025-01-15')).toBe(true)
    expect(isOverdue({ dueDate: '2025-01-15', status: 'todo' }, '2025-01-15')).toBe(false)
    expect(isOverdue({ dueDate: '2025-01-14', status: 'done' }, '2025-01-15')).toBe(false)
    expect(isOverdue({ dueDate: null, status: 'todo' }, '2025-01-15')).toBe(false)
  })

  it('splits tags on commas and drops blanks', () => {
    expect(tagList(' a, ,b ,')).toEqual(['a', 'b'])
    expect(tagList(null)).toEqual([])
  })

  it('leaves absent fields out of an update and fills defaults on create', () => {
    expect(validateTaskFields({}, false)).toEqual({ changes: {}, errors: {} })
    expect(validateTaskFields({ name: 'n', projectId: 1 }, true).changes).toMatchObject({
      name: 'n',
      status: 'todo',
      priority: 'medium',
    })
  })
})
