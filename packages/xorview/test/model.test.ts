/**
 * Model-based test (SPEC §8): random acquire / sub-view / release / resize / transfer sequences run
 * against every exporter kind and against a small reference model of SPEC §2 written here from the
 * SPEC text (it deliberately does not import src/semantics.ts), with zero divergence allowed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BufferError,
  OwnedBuffer,
  acquire,
  exportsOf,
  exportView,
  isReleased,
  modeOf,
  release,
  releaseView,
  tryAcquire,
  type AccessMode,
  type ExportRequest,
} from '../src/index.js';

const modes: readonly AccessMode[] = ['immutable', 'exclusive', 'raw'];
const runsPerKind = Number(process.env['XORVIEW_MODEL_RUNS'] ?? 400);

// ---- the reference model ----------------------------------------------------------------------

interface ModelView {
  mode: AccessMode;
  start: number;
  end: number;
  parent: ModelView | undefined;
  released: boolean;
  /** OwnedBuffer: the memory generation the view was granted in. */
  generation: number;
  /**
   * Granted through a user exporter's view in another mode: an acquisition of the lent buffer
   * (the registry's), not a grant of the exporter, so not one of its exports.
   */
  ofLentBuffer: boolean;
}

/** SPEC §2: overlapping non-empty half-open ranges conflict unless both immutable or both raw. */
function modelConflict(first: { mode: AccessMode; start: number; end: number }, second: { mode: AccessMode; start: number; end: number }): boolean {
  const overlap = first.start < first.end && second.start < second.end && first.start < second.end && second.start < first.end;
  const shared = (first.mode === 'immutable' && second.mode === 'immutable') || (first.mode === 'raw' && second.mode === 'raw');
  return overlap && !shared;
}

class Model {
  views: ModelView[] = [];
  generation = 0;
  constructor(
    public length: number,
    readonly checksConflicts: boolean,
    readonly detachesOnIdle: boolean,
  ) {}

  liveRoots(): ModelView[] {
    return this.views.filter((view) => !view.released && view.parent === undefined);
  }

  counts(): Record<AccessMode, number> {
    const counts = { immutable: 0, exclusive: 0, raw: 0 };
    for (const view of this.liveRoots()) if (!view.ofLentBuffer) counts[view.mode]++;
    return counts;
  }

  /** The outcome SPEC §2–§4 predicts for a request of `[start, end)` (already range-checked). */
  grant(mode: AccessMode, start: number, end: number, parent: ModelView | undefined): 'CONFLICT' | ModelView {
    const candidate = { mode, start, end };
    const subView = parent !== undefined && parent.mode === mode;
    if (!subView && this.checksConflicts && this.liveRoots().some((held) => modelConflict(held, candidate))) return 'CONFLICT';
    if (!subView && parent !== undefined && modelConflict(parent, candidate)) return 'CONFLICT';
    const view: ModelView = {
      mode,
      start,
      end,
      parent: subView ? parent : undefined,
      released: false,
      generation: this.generation,
      ofLentBuffer: !subView && parent !== undefined && !this.checksConflicts,
    };
    this.views.push(view);
    return view;
  }

  release(view: ModelView): void {
    if (view.released) return;
    const wasRoot = view.parent === undefined;
    const end = (target: ModelView): void => {
      target.released = true;
      for (const child of this.views) if (child.parent === target && !child.released) end(child);
    };
    end(view);
    if (wasRoot && this.detachesOnIdle && this.liveRoots().length === 0) this.generation++;
  }

  /** Whether a view's bytes are still reachable (OwnedBuffer detaches a generation when it goes idle). */
  attached(view: ModelView): boolean {
    return !this.detachesOnIdle || view.generation === this.generation;
  }
}

// ---- the exporter kinds -------------------------------------------------------------------------

interface Subject {
  exporter: object;
  /** Absolute offset of the exporter's window in its memory. */
  base: number;
  model: Model;
  resizable: boolean;
  transferable: boolean;
}

const size = 24;

const kinds: readonly [string, () => Subject][] = [
  ['ArrayBuffer', () => ({ exporter: new ArrayBuffer(size), base: 0, model: new Model(size, true, false), resizable: false, transferable: false })],
  ['SharedArrayBuffer', () => ({ exporter: new SharedArrayBuffer(size), base: 0, model: new Model(size, true, false), resizable: false, transferable: false })],
  ['Uint8Array window', () => ({ exporter: new Uint8Array(new ArrayBuffer(size + 16), 8, size), base: 8, model: new Model(size, true, false), resizable: false, transferable: false })],
  ['DataView window', () => ({ exporter: new DataView(new ArrayBuffer(size + 8), 8, size), base: 8, model: new Model(size, true, false), resizable: false, transferable: false })],
  ['WebAssembly.Memory', () => ({ exporter: new WebAssembly.Memory({ initial: 1 }), base: 0, model: new Model(65_536, true, false), resizable: false, transferable: false })],
  ['OwnedBuffer', () => ({ exporter: new OwnedBuffer(size, { maxByteLength: 2 * size }), base: 0, model: new Model(size, true, true), resizable: true, transferable: true })],
  ['protocol exporter', () => {
    const bytes = new ArrayBuffer(size);
    const exporter = {
      byteLength: size,
      granted: 0,
      [exportView](request: ExportRequest) {
        void request;
        this.granted++;
        return bytes;
      },
      [releaseView]() {
        this.granted--;
      },
    };
    return { exporter, base: 0, model: new Model(size, false, false), resizable: false, transferable: false };
  }],
];

// ---- commands -----------------------------------------------------------------------------------

type Command =
  | { kind: 'acquire'; mode: AccessMode; offset: number; length: number | undefined }
  | { kind: 'through'; pick: number; mode: AccessMode; offset: number; length: number | undefined }
  | { kind: 'subarray'; pick: number; begin: number; end: number }
  | { kind: 'release'; pick: number }
  | { kind: 'resize'; length: number }
  | { kind: 'transfer' };

const modeArbitrary = fc.constantFrom(...modes);
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('acquire' as const), mode: modeArbitrary, offset: fc.nat(size + 2), length: fc.option(fc.nat(12), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('through' as const), pick: fc.nat(), mode: modeArbitrary, offset: fc.nat(10), length: fc.option(fc.nat(8), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('subarray' as const), pick: fc.nat(), begin: fc.integer({ min: -8, max: 12 }), end: fc.integer({ min: -8, max: 12 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resize' as const), length: fc.integer({ min: size - 8, max: size + 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const) }) },
);

function codeOf(error: unknown): string {
  if (error instanceof BufferError) return error.code;
  throw error;
}

/** Resolve a range request against a window the way SPEC §4.1 reads it (no coercion, no clamping). */
function requestedRange(windowLength: number, offset: number, length: number | undefined): { start: number; end: number } | undefined {
  if (offset > windowLength) return undefined;
  const end = length === undefined ? windowLength : offset + length;
  return end > windowLength ? undefined : { start: offset, end };
}

function run(subject: Subject, commands: readonly Command[]): void {
  const { model } = subject;
  let exporter = subject.exporter;
  const real = new Map<ModelView, Uint8Array>();

  const pickLive = (pick: number): ModelView | undefined => {
    if (model.views.length === 0) return undefined;
    return model.views[pick % model.views.length];
  };

  for (const command of commands) {
    switch (command.kind) {
      case 'acquire': {
        const range = requestedRange(model.length, command.offset, command.length);
        const options = command.length === undefined ? { byteOffset: command.offset } : { byteOffset: command.offset, byteLength: command.length };
        const result = tryAcquire(exporter as never, command.mode, options);
        if (range === undefined) {
          expect(result.ok ? 'granted' : result.error.code).toBe('OUT_OF_RANGE');
          break;
        }
        const expected = model.grant(command.mode, range.start, range.end, undefined);
        if (expected === 'CONFLICT') {
          expect(result.ok ? 'granted' : result.error.code).toBe('CONFLICT');
          break;
        }
        expect(result.ok ? 'granted' : result.error.code).toBe('granted');
        if (result.ok) real.set(expected, result.view as unknown as Uint8Array);
        break;
      }
      case 'through': {
        const parent = pickLive(command.pick);
        if (parent === undefined) break;
        const view = real.get(parent) as Uint8Array;
        const outcome = tryAcquire(view as never, command.mode as never, command.length === undefined ? { byteOffset: command.offset } : { byteOffset: command.offset, byteLength: command.length });
        if (parent.released) {
          expect(outcome.ok ? 'granted' : outcome.error.code).toMatch(/^(RELEASED|DETACHED)$/);
          break;
        }
        if (!model.attached(parent)) throw new Error('a live view was detached');
        const range = requestedRange(parent.end - parent.start, command.offset, command.length);
        if (range === undefined) {
          expect(outcome.ok ? 'granted' : outcome.error.code).toBe('OUT_OF_RANGE');
          break;
        }
        const expected = model.grant(command.mode, parent.start + range.start, parent.start + range.end, parent);
        expect(outcome.ok ? 'granted' : outcome.error.code).toBe(expected === 'CONFLICT' ? 'CONFLICT' : 'granted');
        if (outcome.ok && expected !== 'CONFLICT') real.set(expected, outcome.view as unknown as Uint8Array);
        break;
      }
      case 'subarray': {
        const parent = pickLive(command.pick);
        if (parent === undefined) break;
        const view = real.get(parent) as Uint8Array;
        if (parent.released) {
          expect(codeOf((() => { try { view.subarray(command.begin, command.end); } catch (error) { return error; } return new Error('granted'); })())).toBe('RELEASED');
          break;
        }
        const length = parent.end - parent.start;
        const clamp = (index: number): number => (index < 0 ? Math.max(length + index, 0) : Math.min(index, length));
        const begin = clamp(command.begin);
        const end = Math.max(clamp(command.end), begin);
        const child = view.subarray(command.begin, command.end);
        const expected = model.grant(parent.mode, parent.start + begin, parent.start + end, parent);
        if (expected === 'CONFLICT') throw new Error('the model refused a sub-view');
        real.set(expected, child);
        break;
      }
      case 'release': {
        const target = pickLive(command.pick);
        if (target === undefined) break;
        release(real.get(target) as never);
        model.release(target);
        break;
      }
      case 'resize': {
        if (!subject.resizable) break;
        const owned = exporter as OwnedBuffer;
        const locked = model.liveRoots().length > 0 && command.length !== model.length;
        let outcome = 'ok';
        try {
          owned.resize(command.length);
        } catch (error) {
          outcome = codeOf(error);
        }
        expect(outcome).toBe(locked ? 'LOCKED' : 'ok');
        if (!locked) model.length = command.length;
        break;
      }
      case 'transfer': {
        if (!subject.transferable) break;
        const locked = model.liveRoots().length > 0;
        let moved: OwnedBuffer | undefined;
        try {
          moved = (exporter as OwnedBuffer).transfer();
        } catch (error) {
          expect(codeOf(error)).toBe('LOCKED');
        }
        expect(moved === undefined).toBe(locked);
        if (moved !== undefined) {
          expect(codeOf((() => { try { acquire(exporter as never, 'raw'); } catch (error) { return error; } return new Error('granted'); })())).toBe('DETACHED');
          exporter = moved;
          model.generation++;
        }
        break;
      }
    }

    // Invariants after every command.
    expect(exportsOf(exporter as never)).toEqual(model.counts());
    for (const view of model.views) {
      const lent = real.get(view) as Uint8Array;
      expect(isReleased(lent as never)).toBe(view.released);
      expect(modeOf(lent as never)).toBe(view.mode);
      if (model.attached(view)) {
        expect(lent.byteOffset).toBe(subject.base + view.start);
        expect(lent.byteLength).toBe(view.end - view.start);
      } else {
        expect(view.released).toBe(true);
        expect(lent.byteLength).toBe(0);
      }
    }
  }
  if (subject.exporter !== exporter) return;
  const protocol = exporter as { granted?: number };
  if (protocol.granted !== undefined) expect(protocol.granted).toBe(model.liveRoots().filter((view) => !view.ofLentBuffer).length);
}

describe('model-based: every exporter kind against the SPEC §2 reference model', () => {
  it.each(kinds)('%s', (_name, make) => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { maxLength: 40 }), (commands) => {
        run(make(), commands);
      }),
      { numRuns: runsPerKind },
    );
  });
});
