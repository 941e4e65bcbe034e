/**
 * The bytes covered by the live views of one access mode on one piece of memory.
 *
 * A sorted list of disjoint half-open segments, each with how many views cover it, kept in three
 * parallel number arrays (no object per segment). Because the segments are disjoint and sorted,
 * their ends are sorted too, so "does anything here overlap [start, end)?" is one binary search:
 * the last segment starting before `end` is the only one that needs looking at
 * (`candidateBefore`). Adding and removing a view splits, counts and re-merges segments around its
 * boundaries only.
 */
export class Coverage {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly counts: number[] = [];
  /** Views held in this mode, empty ones included (which cover no segment). Kept by the record. */
  views = 0;
  /** The last answer of `candidateBefore`: code asks about the same range over and over. */
  private hint = 0;

  get isEmpty(): boolean {
    return this.starts.length === 0;
  }

  /**
   * The index of the last segment that starts before `end`, or -1. If any segment overlaps
   * `[start, end)`, this one does (ends are sorted), so callers test only it.
   */
  candidateBefore(end: number): number {
    const starts = this.starts;
    if (starts.length === 0) return -1;
    // Checked, never trusted: the hint is the answer only if it starts before `end` and the next
    // segment does not (segments may have moved since).
    const hint = this.hint;
    if (hint < starts.length && (starts[hint] as number) < end && (hint + 1 === starts.length || (starts[hint + 1] as number) >= end)) {
      return hint;
    }
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((starts[middle] as number) < end) low = middle + 1;
      else high = middle;
    }
    if (low > 0) this.hint = low - 1;
    return low - 1;
  }

  /** Count one more view over the non-empty range `[start, end)`. */
  add(start: number, end: number): void {
    const { starts, ends, counts } = this;
    if (starts.length === 0 || start >= (ends[ends.length - 1] as number)) {
      // Past every segment (the common case): append, merging with a touching equal neighbour.
      const last = starts.length - 1;
      if (last >= 0 && ends[last] === start && counts[last] === 1) ends[last] = end;
      else {
        starts.push(start);
        ends.push(end);
        counts.push(1);
      }
      return;
    }
    this.addWithin(start, end);
  }

  /** `add` of a range that starts before the last segment ends: split, count, re-merge. */
  private addWithin(start: number, end: number): void {
    const { starts, ends, counts } = this;
    let index = this.firstEndingAfter(start);
    const first = index;
    let cursor = start;
    while (cursor < end) {
      if (index >= starts.length || (starts[index] as number) >= end) {
        this.insert(index, cursor, end, 1);
        index++;
        break;
      }
      const segmentStart = starts[index] as number;
      const segmentEnd = ends[index] as number;
      if (segmentStart > cursor) {
        this.insert(index, cursor, segmentStart, 1);
        index++;
        cursor = segmentStart;
        continue;
      }
      if (segmentStart < cursor) {
        this.insert(index + 1, cursor, segmentEnd, counts[index] as number);
        ends[index] = cursor;
        index++;
        continue;
      }
      if (segmentEnd > end) {
        this.insert(index + 1, end, segmentEnd, counts[index] as number);
        ends[index] = end;
      }
      counts[index] = (counts[index] as number) + 1;
      cursor = ends[index] as number;
      index++;
    }
    this.compact(first - 1, index + 1);
  }

  /** Count one view fewer over `[start, end)`, which a matching `add` covered. */
  remove(start: number, end: number): void {
    const { starts, ends, counts } = this;
    const last = starts.length - 1;
    if (last >= 0 && starts[last] === start && ends[last] === end && counts[last] === 1) {
      // The last segment, covered by this view alone (the common case): drop it.
      starts.pop();
      ends.pop();
      counts.pop();
      return;
    }
    this.removeWithin(start, end);
  }

  /** `remove` anywhere else: split, count down, drop and re-merge. */
  private removeWithin(start: number, end: number): void {
    const { starts, ends, counts } = this;
    let index = this.firstEndingAfter(start);
    const first = index;
    while (index < starts.length && (starts[index] as number) < end) {
      const segmentStart = starts[index] as number;
      const segmentEnd = ends[index] as number;
      if (segmentStart < start) {
        this.insert(index + 1, start, segmentEnd, counts[index] as number);
        ends[index] = start;
        index++;
        continue;
      }
      if (segmentEnd > end) {
        this.insert(index + 1, end, segmentEnd, counts[index] as number);
        ends[index] = end;
      }
      counts[index] = (counts[index] as number) - 1;
      index++;
    }
    this.compact(first - 1, index + 1);
  }

  private firstEndingAfter(position: number): number {
    const ends = this.ends;
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((ends[middle] as number) <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private insert(index: number, start: number, end: number, count: number): void {
    this.starts.splice(index, 0, start);
    this.ends.splice(index, 0, end);
    this.counts.splice(index, 0, count);
  }

  private removeAt(index: number): void {
    this.starts.splice(index, 1);
    this.ends.splice(index, 1);
    this.counts.splice(index, 1);
  }

  /** Drop uncovered segments and merge touching neighbours of equal count in `[from, to]`. */
  private compact(from: number, to: number): void {
    const { starts, ends, counts } = this;
    let index = Math.max(from, 0);
    let stop = Math.min(to, starts.length - 1);
    while (index <= stop && index < starts.length) {
      if (counts[index] === 0) {
        this.removeAt(index);
        stop--;
        continue;
      }
      const next = index + 1;
      if (next <= stop && next < starts.length && ends[index] === starts[next] && counts[index] === counts[next]) {
        ends[index] = ends[next] as number;
        this.removeAt(next);
        stop--;
        continue;
      }
      index++;
    }
  }
}
