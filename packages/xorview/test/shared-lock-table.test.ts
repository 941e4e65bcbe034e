import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOf } from './support/buffer-error-code.js';
import { openLockTables } from './support/lock-tables.js';
import { BufferError } from '../src/runtime/errors.js';
import { SharedLockTable, starvationMs, type LockToken } from '../src/exporters/shared-lock-table.js';
import type { AccessMode } from '../src/semantics.js';

/**
 * The single-thread reference model of SPEC §2, written from the prose rather than from
 * semantics.ts: two views of overlapping, non-empty ranges conflict unless both are immutable or
 * both are raw. Plus the table's documented bound: at most `capacity` live views.
 */
interface ModelView {
  readonly holder: number;
  readonly mode: AccessMode;
  readonly start: number;
  readonly end: number;
}

function modelConflicts(a: ModelView, b: Omit<ModelView, 'holder'>): boolean {
  const overlap = a.start < a.end && b.start < b.end && a.start < b.end && b.start < a.end;
  const shared = (a.mode === 'immutable' && b.mode === 'immutable') || (a.mode === 'raw' && b.mode === 'raw');
  return overlap && !shared;
}

const modes: readonly AccessMode[] = ['immutable', 'exclusive', 'raw'];
const memoryLength = 64;

function openTables(capacity: number, holders: number): SharedLockTable[] {
  return openLockTables(capacity, holders).tables;
}

type Command =
  | { readonly kind: 'lock'; readonly holder: number; readonly mode: AccessMode; readonly start: number; readonly length: number }
  | { readonly kind: 'unlock'; readonly pick: number }
  | { readonly kind: 'reclaim'; readonly holder: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('lock' as const),
      holder: fc.nat(2),
      mode: fc.constantFrom(...modes),
      start: fc.nat(memoryLength),
      length: fc.nat(24),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('unlock' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reclaim' as const), holder: fc.nat(2) }) },
);

describe('SharedLockTable against the reference model (single thread, no waiting)', () => {
  it('grants, refuses, counts, releases and reclaims exactly as the model', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(command, { maxLength: 80 }), (capacity, commands) => {
        const tables = openTables(capacity, 3);
        const held: { view: ModelView; token: LockToken; released: boolean }[] = [];
        const live = () => held.filter((entry) => !entry.released);
        for (const step of commands) {
          if (step.kind === 'lock') {
            const request = { mode: step.mode, start: step.start, end: Math.min(memoryLength, step.start + step.length) };
            const conflict = live().some((entry) => modelConflicts(entry.view, request));
            const full = live().length >= capacity;
            const table = (tables[step.holder] as SharedLockTable);
            let token: LockToken | undefined;
            const code = codeOf(() => {
              token = table.lock(request.mode, request, undefined);
            });
            expect(code).toBe(conflict || full ? 'CONFLICT' : undefined);
            if (token !== undefined) held.push({ view: { holder: step.holder, ...request }, token, released: false });
          } else if (step.kind === 'unlock') {
            if (held.length === 0) continue;
            const entry = (held[step.pick % held.length] as (typeof held)[number]);
            expect((tables[0] as SharedLockTable).unlock(entry.token)).toBe(!entry.released); // a second release is a no-op
            entry.released = true;
          } else {
            const table = (tables[0] as SharedLockTable);
            const holderId = (tables[step.holder] as SharedLockTable).requester.holderId;
            const mine = live().filter((entry) => entry.view.holder === step.holder);
            const report = table.reclaimHolder(holderId);
            expect(report.views.length).toBe(mine.length);
            expect(report.pendingRequests).toBe(0);
            expect(report.exclusiveRanges).toEqual(
              expect.arrayContaining(
                mine.filter((entry) => entry.view.mode === 'exclusive').map(({ view }) => ({ start: view.start, end: view.end })),
              ),
            );
            expect(report.exclusiveRanges.length).toBe(mine.filter((entry) => entry.view.mode === 'exclusive').length);
            for (const entry of mine) entry.released = true;
          }
          const expected = { immutable: 0, exclusive: 0, raw: 0 };
          for (const entry of live()) expected[entry.view.mode]++;
          expect((tables[1] as SharedLockTable).counts()).toEqual(expected);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('SharedLockTable waiting (one thread, async waits)', () => {
  const all = { start: 0, end: 16 };
  /** Long enough for a waiting request to stop competing and queue (with room for slow timers). */
  const waitUntilQueued = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, starvationMs * 3 + 10));

  it('grants a waiting request when the conflicting view is released', async () => {
    const [owner, waiter] = openTables(8, 2) as [SharedLockTable, SharedLockTable];
    const held = owner.lock('exclusive', all, undefined);
    const pending = waiter.lockAsync('immutable', all, 10_000);
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    owner.unlock(held);
    const token = await pending;
    expect(waiter.isHeld(token)).toBe(true);
    expect(waiter.counts()).toEqual({ immutable: 1, exclusive: 0, raw: 0 });
  });

  it('fails with TIMEOUT and leaves nothing queued behind', async () => {
    const [owner, waiter, third] = openTables(8, 3) as [SharedLockTable, SharedLockTable, SharedLockTable];
    owner.lock('immutable', all, undefined);
    await expect(waiter.lockAsync('exclusive', all, 30)).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    // The timed-out writer no longer queues readers.
    expect(codeOf(() => third.lock('immutable', all, undefined))).toBeUndefined();
  });

  it('queues later readers behind a waiting writer (writers do not starve)', async () => {
    const [reader, writer, lateReader] = openTables(8, 3) as [SharedLockTable, SharedLockTable, SharedLockTable];
    const first = reader.lock('immutable', all, undefined);
    const write = writer.lockAsync('exclusive', all, 10_000);
    await waitUntilQueued();
    expect(codeOf(() => lateReader.lock('immutable', all, undefined))).toBe('CONFLICT');
    const lateRead = lateReader.lockAsync('immutable', all, 10_000);
    reader.unlock(first);
    const writeToken = await write;
    expect(writer.counts()).toEqual({ immutable: 0, exclusive: 1, raw: 0 });
    writer.unlock(writeToken);
    await lateRead;
    expect(reader.counts()).toEqual({ immutable: 1, exclusive: 0, raw: 0 });
  });

  it('lets a holder re-enter a read lock past a writer queued on it (no priority deadlock)', async () => {
    const [reader, writer] = openTables(8, 2) as [SharedLockTable, SharedLockTable];
    reader.lock('immutable', all, undefined);
    const write = writer.lockAsync('exclusive', all, starvationMs * 3 + 60);
    await waitUntilQueued();
    expect(codeOf(() => reader.lock('immutable', { start: 4, end: 8 }, undefined))).toBeUndefined();
    await expect(write).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('lets disjoint requests pass a queued writer', async () => {
    const [reader, writer, other] = openTables(8, 3) as [SharedLockTable, SharedLockTable, SharedLockTable];
    const first = reader.lock('immutable', { start: 0, end: 8 }, undefined);
    const write = writer.lockAsync('exclusive', { start: 0, end: 8 }, 10_000);
    await waitUntilQueued();
    expect(codeOf(() => other.lock('exclusive', { start: 8, end: 16 }, undefined))).toBeUndefined();
    reader.unlock(first);
    await write;
  });

  it('rejects with the abort reason and withdraws the request', async () => {
    const [owner, waiter, third] = openTables(8, 3) as [SharedLockTable, SharedLockTable, SharedLockTable];
    owner.lock('immutable', all, undefined);
    const controller = new AbortController();
    const write = waiter.lockAsync('exclusive', all, Infinity, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error('stop'));
    await expect(write).rejects.toThrow('stop');
    expect(codeOf(() => third.lock('immutable', all, undefined))).toBeUndefined();
    expect(third.counts()).toEqual({ immutable: 2, exclusive: 0, raw: 0 });
  });

  it('refuses a blocking wait on a view its own thread holds instead of deadlocking', () => {
    const [table] = openTables(8, 1) as [SharedLockTable];
    table.lock('exclusive', all, undefined);
    const error = (() => {
      try {
        table.lock('exclusive', all, 60_000);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(BufferError);
    expect((error as BufferError).code).toBe('CONFLICT');
    expect((error as BufferError).message).toMatch(/deadlock/);
  });

  it('waits for a free slot when the table is full and a timeout is given', async () => {
    const [owner, waiter] = openTables(1, 2) as [SharedLockTable, SharedLockTable];
    const only = owner.lock('immutable', { start: 0, end: 1 }, undefined);
    expect(codeOf(() => waiter.lock('immutable', { start: 8, end: 9 }, undefined))).toBe('CONFLICT');
    const later = waiter.lockAsync('immutable', { start: 8, end: 9 }, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    owner.unlock(only);
    expect(waiter.isHeld(await later)).toBe(true);
  });

  it('reports queued requests of a reclaimed holder and frees their slots', async () => {
    const [owner, waiter] = openTables(8, 2) as [SharedLockTable, SharedLockTable];
    owner.lock('exclusive', all, undefined);
    const write = waiter.lockAsync('exclusive', all, 200);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const report = owner.reclaimHolder(waiter.requester.holderId);
    expect(report).toEqual({ views: [], exclusiveRanges: [], pendingRequests: 1 });
    await expect(write).rejects.toBeInstanceOf(BufferError);
  });
});
