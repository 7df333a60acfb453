/** A half-open interval `[start, end)` of numbers (e.g. epoch milliseconds). */
export interface Interval {
  start: number
  end: number
}

/** Index of the last element of the ascending `values` that is `< limit`, or -1. */
function lastBelow(values: ArrayLike<number>, limit: number): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((values[middle] as number) < limit) low = middle + 1
    else high = middle
  }
  return low - 1
}

/**
 * A fixed set of intervals that may overlap each other, answering "does `[start, end)`
 * overlap any of them?" in O(log n): sorted by start, with the running maximum of the ends.
 * Touching intervals do not overlap.
 */
export class StaticIntervalIndex {
  private readonly starts: Float64Array
  private readonly maxEnds: Float64Array

  constructor(intervals: Interval[]) {
    const sorted = [...intervals].sort((a, b) => a.start - b.start)
    this.starts = Float64Array.from(sorted, (interval) => interval.start)
    this.maxEnds = new Float64Array(sorted.length)
    let maxEnd = -Infinity
    sorted.forEach((interval, index) => {
      maxEnd = Math.max(maxEnd, interval.end)
      this.maxEnds[index] = maxEnd
    })
  }

  overlaps(start: number, end: number): boolean {
    const index = lastBelow(this.starts, end)
    return index >= 0 && (this.maxEnds[index] as number) > start
  }
}

const BLOCK_SIZE = 512

interface Block {
  starts: number[]
  ends: number[]
}

/**
 * A growing set of pairwise disjoint intervals (callers add only what does not overlap),
 * kept sorted in blocks so that both the overlap test and an insertion cost O(log n + block).
 * Disjoint and sorted by start means sorted by end too: only the predecessor can overlap.
 */
export class DisjointIntervalSet {
  private readonly blocks: Block[] = []

  overlaps(start: number, end: number): boolean {
    const blockIndex = this.blockFor(end)
    if (blockIndex < 0) return false
    const block = this.blocks[blockIndex] as Block
    const index = lastBelow(block.starts, end)
    return index >= 0 && (block.ends[index] as number) > start
  }

  /** Adds an interval; the caller has checked that it overlaps none already added. */
  add(start: number, end: number): void {
    const blockIndex = Math.max(0, this.blockFor(end))
    const block = this.blocks[blockIndex] ?? { starts: [], ends: [] }
    if (this.blocks.length === 0) this.blocks.push(block)
    const position = lastBelow(block.starts, end) + 1
    block.starts.splice(position, 0, start)
    block.ends.splice(position, 0, end)
    if (block.starts.length > 2 * BLOCK_SIZE) {
      this.blocks.splice(blockIndex + 1, 0, {
        starts: block.starts.splice(BLOCK_SIZE),
        ends: block.ends.splice(BLOCK_SIZE),
      })
    }
  }

  /** The last block whose first start is below `limit` (the one a predecessor lives in), or -1. */
  private blockFor(limit: number): number {
    let low = 0
    let high = this.blocks.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (((this.blocks[middle] as Block).starts[0] as number) < limit) low = middle + 1
      else high = middle
    }
    return low - 1
  }
}
