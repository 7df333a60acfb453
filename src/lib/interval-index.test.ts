import { describe, expect, it } from 'vitest'
import { DisjointIntervalSet, StaticIntervalIndex, type Interval } from './interval-index.js'

const overlapsAny = (intervals: Interval[], start: number, end: number) =>
  intervals.some((interval) => interval.start < end && interval.end > start)

/** A deterministic sequence of numbers in [0, 1). */
function numbers(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

describe('StaticIntervalIndex', () => {
  it('finds overlaps with intervals that overlap each other, and lets touching ones pass', () => {
    const index = new StaticIntervalIndex([
      { start: 10, end: 100 },
      { start: 20, end: 30 },
      { start: 200, end: 210 },
    ])

    const answers = [
      index.overlaps(0, 10),
      index.overlaps(99, 150),
      index.overlaps(100, 200),
      index.overlaps(150, 201),
      index.overlaps(210, 300),
    ]

    expect(answers).toEqual([false, true, false, true, false])
  })

  it('agrees with a linear scan on random intervals', () => {
    const next = numbers(7)
    const intervals = Array.from({ length: 300 }, () => {
      const start = Math.floor(next() * 10_000)
      return { start, end: start + 1 + Math.floor(next() * 200) }
    })
    const index = new StaticIntervalIndex(intervals)
    const probes = Array.from({ length: 2000 }, () => {
      const start = Math.floor(next() * 10_000)
      return [start, start + 1 + Math.floor(next() * 50)] as const
    })

    const answers = probes.map(([start, end]) => index.overlaps(start, end))

    expect(answers).toEqual(probes.map(([start, end]) => overlapsAny(intervals, start, end)))
  })
})

describe('DisjointIntervalSet', () => {
  it('keeps the first of overlapping intervals added in any order, across many blocks', () => {
    const next = numbers(11)
    const set = new DisjointIntervalSet()
    const kept: Interval[] = []
    const candidates = Array.from({ length: 5000 }, () => {
      const start = Math.floor(next() * 1_000_000)
      return { start, end: start + 1 + Math.floor(next() * 300) }
    })

    const decisions = candidates.map(({ start, end }) => {
      const overlaps = set.overlaps(start, end)
      if (!overlaps) {
        set.add(start, end)
        kept.push({ start, end })
      }
      return overlaps
    })

    const expected: Interval[] = []
    const expectedDecisions = candidates.map(({ start, end }) => {
      const overlaps = overlapsAny(expected, start, end)
      if (!overlaps) expected.push({ start, end })
      return overlaps
    })
    expect(decisions).toEqual(expectedDecisions)
    expect(kept.length).toBeGreaterThan(2 * 512)
  })
})
