import { describe, expect, it } from 'vitest';
import { codeOf } from './support/buffer-error-code.js';
import { openLockTables } from './support/lock-tables.js';
import { SharedLockTable, lockTableLayout as layout } from '../src/exporters/shared-lock-table.js';
import type { AccessMode, ByteRange } from '../src/semantics.js';

/**
 * The lock table's interleavings, staged deterministically: slot 0 is written by hand as another
 * thread's request caught at one exact step of the protocol, and a real handle then asks for
 * bytes. The stress tests in shared-owned-buffer-workers.test.ts meet these only by chance (a
 * reversed ticket comparison once passed them).
 */

const all: ByteRange = { start: 0, end: 16 };
const modeNumber: Readonly<Record<AccessMode, number>> = { immutable: 0, exclusive: 1, raw: 2 };
const { state } = layout;

/** The state of slot `index` (its state word without the generation). */
function stateOf(words: Int32Array, index: number): number {
  return Atomics.load(words, layout.stateAt(index)) & ((1 << layout.stateBits) - 1);
}

interface Staged {
  /** A handle of this thread (another holder and thread than the staged request's). */
  readonly ours: SharedLockTable;
  /** Move the staged request to another step: its state and ticket (0: none yet). */
  readonly restage: (nextState: number, ticket: number) => void;
  /** The state of the slot a request of `ours` used (slot 1: slot 0 is taken). */
  readonly ourSlotState: () => number;
  /** The table's header and slots. */
  readonly words: Int32Array;
}

/**
 * A table whose slot 0 holds another thread's request in `stagedState` with `ticket`, and whose
 * ticket counter makes this thread's next ticket `ourTicket`.
 */
function stage(stagedState: number, ticket: number, ourTicket: number, mode: AccessMode = 'exclusive', range: ByteRange = all): Staged {
  const capacity = 8;
  const memory = SharedLockTable.allocate(capacity);
  const words = new Int32Array(memory);
  const base = layout.slotBase(capacity, 0);
  const slot = layout.slot;
  words[base + slot.mode] = modeNumber[mode];
  words[base + slot.start] = range.start;
  words[base + slot.end] = range.end;
  words[base + slot.holder] = 1_000;
  words[base + slot.thread] = 1_000;
  let generation = 1;
  const restage = (nextState: number, nextTicket: number): void => {
    words[base + slot.ticket] = nextTicket;
    Atomics.store(words, layout.stateAt(0), (generation++ << layout.stateBits) | nextState);
  };
  restage(stagedState, ticket);
  Atomics.store(words, layout.highWater, 1);
  Atomics.store(words, layout.ticketCounter, (ourTicket - 1) | 0);
  const ours = SharedLockTable.open(memory, { holderId: SharedLockTable.newHolderId(memory), threadId: 1 });
  return { ours, restage, ourSlotState: () => stateOf(words, 1), words };
}

describe('lock table interleavings, staged', () => {
  it('a queued request blocks younger conflicting requests, never older ones', () => {
    const older = stage(state.waiting, 100, 101);
    expect(codeOf(() => older.ours.lock('exclusive', all, undefined))).toBe('CONFLICT');
    expect(older.ourSlotState()).toBe(state.free); // the refused attempt left nothing behind

    const younger = stage(state.waiting, 102, 101);
    expect(codeOf(() => younger.ours.lock('exclusive', all, undefined))).toBeUndefined();
    expect(younger.ourSlotState()).toBe(state.held);
  });

  it('orders tickets as serial numbers across the counter wrap', () => {
    const olderBeforeWrap = stage(state.waiting, 0x7fff_fff0, -0x8000_0000);
    expect(codeOf(() => olderBeforeWrap.ours.lock('immutable', all, undefined))).toBe('CONFLICT');
    const youngerAfterWrap = stage(state.waiting, -0x7fff_fff0, -0x8000_0000);
    expect(codeOf(() => youngerAfterWrap.ours.lock('immutable', all, undefined))).toBeUndefined();
  });

  it('a ticketed request being decided blocks younger requests only', () => {
    const older = stage(state.pending, 100, 101);
    expect(codeOf(() => older.ours.lock('exclusive', all, undefined))).toBe('CONFLICT');
    const younger = stage(state.pending, 102, 101);
    expect(codeOf(() => younger.ours.lock('exclusive', all, undefined))).toBeUndefined();
  });

  it('a request still choosing its ticket (PENDING, ticket 0) is never overtaken', () => {
    // Its ticket, once taken, may be older than ours: a ticketed scan waits it out, and an
    // unticketed first attempt gives way to it.
    const choosing = stage(state.pending, 0, 101);
    expect(codeOf(() => choosing.ours.lock('exclusive', all, undefined))).toBe('CONFLICT');
    expect(choosing.ourSlotState()).toBe(state.free);
    // Once it has a younger ticket than ours, ours goes first.
    choosing.restage(state.pending, 500);
    expect(codeOf(() => choosing.ours.lock('exclusive', all, undefined))).toBeUndefined();
  });

  it('a tentative grant (HELD without a ticket, still scanning) blocks like a held view', () => {
    const tentative = stage(state.held, 0, 101);
    expect(codeOf(() => tentative.ours.lock('exclusive', all, undefined))).toBe('CONFLICT');
    expect(codeOf(() => tentative.ours.lock('immutable', { start: 4, end: 8 }, undefined))).toBe('CONFLICT');
    expect(tentative.ourSlotState()).toBe(state.free);
    // Disjoint bytes pass.
    expect(codeOf(() => tentative.ours.lock('exclusive', { start: 16, end: 32 }, undefined))).toBeUndefined();
    // Withdrawn to compete in ticket order with a ticket younger than ours: ours passes.
    const withdrawn = stage(state.held, 0, 101);
    withdrawn.restage(state.pending, 102);
    expect(codeOf(() => withdrawn.ours.lock('exclusive', all, undefined))).toBeUndefined();
  });

  it('a tentative grant of a reader does not block readers', () => {
    const reader = stage(state.held, 0, 101, 'immutable');
    expect(codeOf(() => reader.ours.lock('immutable', all, undefined))).toBeUndefined();
    expect(codeOf(() => reader.ours.lock('raw', all, undefined))).toBe('CONFLICT');
  });

  it('an invisible request (CLAIMED: parked, or still being written) blocks no one', () => {
    const parked = stage(state.claimed, 100, 101);
    expect(codeOf(() => parked.ours.lock('exclusive', all, undefined))).toBeUndefined();
  });

  it('withdrawing a tentative grant wakes waiters, who may have taken it for a held view', () => {
    const queued = stage(state.waiting, 100, 101);
    Atomics.store(queued.words, layout.waiters, 1); // someone is asleep on VERSION
    const version = Atomics.load(queued.words, layout.version);
    expect(codeOf(() => queued.ours.lock('exclusive', all, undefined))).toBe('CONFLICT');
    // The tentative grant was withdrawn (then the ticketed request too): each announced.
    expect(Atomics.load(queued.words, layout.version) - version).toBeGreaterThanOrEqual(2);
  });

  it('a waiter that cannot be granted in time withdraws its request', () => {
    const held = stage(state.held, 0, 101);
    expect(codeOf(() => held.ours.lock('exclusive', all, 5))).toBe('TIMEOUT');
    expect(held.ourSlotState()).toBe(state.free);
  });
});

describe('spare slots', () => {

  it('keeps a released slot as a spare of its handle, and publishes the same request again from it', () => {
    const { words, tables: handles } = openLockTables(4, 1);
    const [only] = handles as [SharedLockTable];
    const first = only.lock('exclusive', all, undefined);
    expect(only.unlock(first)).toBe(true);
    expect(stateOf(words, first.index)).toBe(state.idle);
    const second = only.lock('exclusive', all, undefined);
    expect(second.index).toBe(first.index);
    // A new generation: a scan that read the first view's fields can tell it is gone.
    expect(second.word).not.toBe(first.word);
    expect(only.isHeld(first)).toBe(false);
    expect(only.unlock(first)).toBe(false);
    expect(only.counts()).toEqual({ immutable: 0, exclusive: 1, raw: 0 });
  });

  it('lets a request that finds no free slot take a spare, whose owner then claims elsewhere without writing it', () => {
    const { words, tables: handles } = openLockTables(2, 3);
    const [keeper, owner, taker] = handles as [SharedLockTable, SharedLockTable, SharedLockTable];
    keeper.lock('exclusive', { start: 100, end: 101 }, undefined); // one slot stays taken
    owner.unlock(owner.lock('exclusive', all, undefined)); // the other is owner's spare
    const taken = taker.lock('immutable', { start: 32, end: 48 }, undefined);
    expect(stateOf(words, 1 - taken.index)).toBe(state.held); // the keeper's
    // The owner asks for exactly what its spare held: its publish from the spare fails, the
    // table is full, and the taker's request is left as the taker wrote it.
    expect(codeOf(() => owner.lock('exclusive', all, undefined))).toBe('CONFLICT');
    const base = layout.slotBase(2, taken.index);
    expect([words[base + layout.slot.mode], words[base + layout.slot.start], words[base + layout.slot.end]]).toEqual([0, 32, 48]);
    expect(stateOf(words, taken.index)).toBe(state.held);
    expect(keeper.counts()).toEqual({ immutable: 1, exclusive: 1, raw: 0 });
  });

  it('claims its spare before writing a different request into it', () => {
    const { words, tables: handles } = openLockTables(4, 2);
    const [owner, other] = handles as [SharedLockTable, SharedLockTable];
    owner.unlock(owner.lock('exclusive', all, undefined));
    const different = owner.lock('raw', { start: 4, end: 8 }, undefined);
    const base = layout.slotBase(4, different.index);
    expect([words[base + layout.slot.mode], words[base + layout.slot.start], words[base + layout.slot.end]]).toEqual([2, 4, 8]);
    expect(codeOf(() => other.lock('exclusive', { start: 0, end: 6 }, undefined))).toBe('CONFLICT');
    expect(codeOf(() => other.lock('raw', { start: 0, end: 6 }, undefined))).toBeUndefined();
  });

  it('frees the spare of a reclaimed holder without reporting it as a view or a request', () => {
    const { words, tables: handles } = openLockTables(1, 2);
    const [dead, alive] = handles as [SharedLockTable, SharedLockTable];
    const token = dead.lock('exclusive', all, undefined);
    dead.unlock(token);
    expect(alive.reclaimHolder(dead.requester.holderId)).toEqual({ views: [], exclusiveRanges: [], pendingRequests: 0 });
    expect(stateOf(words, token.index)).toBe(state.free);
    expect(codeOf(() => alive.lock('exclusive', all, undefined))).toBeUndefined();
  });
});
