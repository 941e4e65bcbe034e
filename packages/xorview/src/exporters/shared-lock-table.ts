/**
 * The lock table of a `SharedOwnedBuffer`: SPEC §2's conflict rule enforced across threads.
 *
 * The table lives in its own SharedArrayBuffer (an `Int32Array`: a 48-word header, then one state
 * word per slot, packed, then `capacity` slots of 16 words, one cache line each). Every live
 * request — granted, queued or being decided — occupies one slot: its state word (state |
 * generation) and `{ mode, start, end, holder, thread, ticket }`.
 *
 * Why slots and tickets instead of one global mutex word: a worker can be terminated at any
 * instruction. With a table-wide mutex, a thread killed inside the critical section wedges every
 * thread, even ones asking for disjoint bytes. Here nothing is shared but slots, each written only
 * by the thread that claimed it, so a dead thread leaves nothing behind but slots tagged with its
 * holder and thread ids, which `reclaim` frees.
 *
 * The protocol is Lamport's bakery adapted to ranges (all `Atomics` operations are sequentially
 * consistent, which the argument needs):
 *   1. claim a FREE slot (CAS), write the request, publish it as PENDING with ticket 0 ("choosing");
 *   2. take a ticket from the shared counter and store it;
 *   3. scan every other visible slot whose request conflicts (`viewsConflict` from semantics.ts):
 *      a HELD one blocks; a PENDING/WAITING one blocks only if its ticket is older; a choosing one
 *      is waited out (it will get a ticket in a few instructions).
 *   4. no blocker: CAS to HELD. Blocked: withdraw (CONFLICT), or wait (below).
 * For two conflicting requests, at least one sees the other with a ticket (if B read A's slot
 * before A published, A took its ticket after B did), and the younger ticket yields, so two
 * conflicting views are never HELD at once. A request is only ever visible with a ticket taken
 * after it became visible, which is all the argument needs.
 *
 * The first attempt of every request skips step 2 (the ticket counter is the one shared line
 * every acquire would write, and it made disjoint workers slow each other down) and step 4: it is
 * published straight as HELD with ticket 0, a tentative grant, and stays granted only if its scan
 * meets no conflicting request at all, HELD or not. Of two such attempts at least one sees the
 * other (both publish before they scan), so at most one stays; every other scan takes a tentative
 * grant for a held view, which is safe, and watches it: an attempt that meets anyone withdraws its
 * grant (CAS back to PENDING, ticket 0: choosing), takes its ticket and goes on as above. (A thread that dies
 * inside those few instructions is reported by `reclaim` as holding the range it asked for.)
 *
 * Spares: a released slot stays with its handle (IDLE: invisible, a new generation) for the next
 * request, which, when it asks for the same bytes in the same mode (a worker's loop), is published
 * from IDLE with one compare-exchange: an uncontended acquire+release then writes one shared word
 * twice, as a spin lock's lock+unlock does. A spare is not reserved: a request that finds no free
 * slot takes anyone's (claiming it with a compare-exchange before writing it, like a free slot),
 * so spares never make the table full, and its owner's next publish from it then fails and claims
 * another slot.
 *
 * Fairness (Go's sync.Mutex policy, barging first, then starvation mode, with a longer window):
 * during the first `starvationMs` (4 ms) of a wait, a blocked request parks invisibly (CLAIMED)
 * and re-enters with a fresh ticket after each change, competing with new arrivals, which keeps
 * contended throughput close to a plain spin lock. Once it has waited longer it becomes a queued
 * intent (WAITING): visible, keeping its ticket, and blocking every *younger* conflicting request,
 * waiting or not. So readers arriving after a writer has waited 4 ms queue behind it: a writer waits at most
 * ~4 ms plus the views already held, never for a stream of readers (and the same holds the other
 * way round). Non-conflicting requests (disjoint ranges, reader after reader) pass freely. One
 * exception prevents priority-induced deadlock: a request ignores a queued intent that is itself
 * blocked by a view its own holder (or thread) holds, as a reader re-entering its read lock must.
 *
 * Waiting: a blocked request first spins on the word of the slot in its way (loads only: a held
 * view, or a queued or undecided request, whose word changes when it moves on) and re-enters once
 * no conflicting view is held and none is taken for a few hundred nanoseconds (`QUIET_POLLS`): a
 * thread that releases and re-takes the range in a loop is not leaving it, and a re-entry would
 * only make it give way. After `SPIN_POLLS` loads a blocking `acquire` that is still barging
 * naps, unannounced, for 250 µs, then 1 ms, 4 ms, ... until it is due to queue, looking (loads
 * only) after each nap whether the range is free before it re-enters (releases do not wake it:
 * under contention the releasing thread usually takes the range again at once, and a wake-up per
 * release would cost more than the whole lock). A request that waits on VERSION — a queued
 * one, one waiting for a slot of a full table, and every `acquireAsync` — counts itself in
 * WAITERS *before* it reads the VERSION word and scans again, then sleeps. Every change that can
 * unblock someone (release, withdraw, reclaim) first frees its slot, then, if WAITERS is non-zero,
 * increments VERSION and, if a sleeper raised the SLEEPING flag, clears it and notifies VERSION.
 * A sleeper sleeps with `Atomics.wait(VERSION, seen)`: if the change came after its count, the
 * sleeper either saw the freed slot in its scan or finds VERSION moved and does not sleep; if it
 * came before, the scan saw it. No lost wake-ups, and a release costs one CAS and one load unless
 * someone sleeps.
 */
import { accessModes, coexists, modeIndex, viewsConflict, type AccessMode, type ByteRange } from '../semantics.js';
import type { AbortSignalLike } from '../runtime/api-types.js';
import { BufferError, withArticle } from '../runtime/errors.js';

// ---- layout -------------------------------------------------------------------------------------

const MAGIC = 0x58_56_53_4c; // "XVSL"
const LAYOUT_VERSION = 2;

// The header spreads over three 64-byte cache lines so the words every acquire writes (the ticket
// counter) and the words contention writes (VERSION and the waiter counts) do not evict the
// read-mostly ones every scan reads.
const H_MAGIC = 0;
const H_LAYOUT = 1;
const H_CAPACITY = 2;
/** One past the highest slot index ever claimed: scans stop there (it never shrinks). */
const H_HIGH_WATER = 3;
const H_NEXT_HOLDER = 4;
const H_TICKET = 16;
const H_VERSION = 32;
/** Requests waiting (spinning or asleep): a release bumps VERSION only when there are some. */
const H_WAITERS = 33;
/**
 * Set by a request before it sleeps on VERSION; the first release after that clears it and
 * notifies, later ones do not (a count would make every release notify until the woken sleepers
 * get a CPU back, which under load is most of them).
 */
const H_SLEEPING = 34;
const HEADER_WORDS = 48;

/**
 * The slots' state words, one per slot, packed together right after the header (16 to a 64-byte
 * line): a scan reads one line for up to 16 slots. Spreading them one per line (as the slots'
 * other fields are) made every scan fetch each active thread's line from its core: two workers on
 * disjoint ranges then ran 3× slower than one, where packed they run about as fast as one spin
 * lock's line bouncing between two cores.
 */
const STATE_LINE_WORDS = 16;
/** The rest of a slot (mode, range, holder, ticket), one 64-byte line each: read-mostly. */
const SLOT_WORDS = 16;
const S_MODE = 0;
const S_START = 1;
const S_END = 2;
const S_HOLDER = 3;
const S_THREAD = 4;
const S_TICKET = 5;

/** Words of the state region: one per slot, rounded up to whole lines. */
function stateRegionWords(capacity: number): number {
  return Math.ceil(capacity / STATE_LINE_WORDS) * STATE_LINE_WORDS;
}

/** The table's size in words for `capacity` slots. */
function tableWords(capacity: number): number {
  return HEADER_WORDS + stateRegionWords(capacity) + capacity * SLOT_WORDS;
}

/** Index of slot `index`'s state word. */
function stateAt(index: number): number {
  return HEADER_WORDS + index;
}

// Slot states (low 3 bits of a state word; the other 29 bits are a generation bumped at every
// claim and every spare, so a compare-exchange on the word can tell one occupancy of the slot from
// the next). A request is published with ticket 0 ("choosing") and gets its ticket right after.
const FREE = 0;
const IDLE = 1; // a handle's spare: invisible, kept for its next request; anyone's if no slot is free
const CLAIMED = 2; // owned and invisible to scans: a parked waiter, or a slot being reclaimed
const PENDING = 3; // visible, being decided (ticket 0 while choosing)
const WAITING = 4; // visible, queued: blocked and sleeping
const HELD = 5; // granted
const STATE_BITS = 3;
const STATE_MASK = (1 << STATE_BITS) - 1;
const GENERATION_MASK = ~STATE_MASK;

/** The word of the slot's next occupancy (generation + 1) in `state`. */
function nextOccupancy(word: number, state: number): number {
  return ((word & GENERATION_MASK) + (1 << STATE_BITS)) | state;
}

/**
 * @internal The layout, for tests that stage another thread's request at an exact protocol step
 * by writing its slot (interleavings a stress test only meets by chance).
 */
export const lockTableLayout = {
  headerWords: HEADER_WORDS,
  /** The state word of slot `index`. */
  stateAt,
  /** The first word of slot `index`'s fields, in a table of `capacity` slots. */
  slotBase: (capacity: number, index: number): number => HEADER_WORDS + stateRegionWords(capacity) + index * SLOT_WORDS,
  ticketCounter: H_TICKET,
  highWater: H_HIGH_WATER,
  version: H_VERSION,
  waiters: H_WAITERS,
  slotWords: SLOT_WORDS,
  slot: { mode: S_MODE, start: S_START, end: S_END, holder: S_HOLDER, thread: S_THREAD, ticket: S_TICKET },
  state: { free: FREE, idle: IDLE, claimed: CLAIMED, pending: PENDING, waiting: WAITING, held: HELD },
  stateBits: STATE_BITS,
} as const;

/** Default number of slots: concurrent views (and queued requests) across all threads. */
export const defaultLockTableCapacity = 256;
/** Upper bound accepted for `maxViews`: a scan stays cheap and the table stays small (≤ 512 KiB). */
export const maxLockTableCapacity = 16_384;
/** The largest memory a table can describe: ranges are stored as unsigned 32-bit words. */
export const maxSharedByteLength = 0xffff_ffff;

/**
 * How long a waiting request competes with new arrivals before it queues. Go's mutex uses 1 ms,
 * but a goroutine handoff costs well under a microsecond, where handing the range to a thread
 * asleep in V8's Atomics.wait leaves it idle for the ~80–130 µs that thread takes to run again:
 * with 1 ms, 4 workers contending lost ~20% of their throughput to queue handoffs.
 */
export const starvationMs = 4;
/**
 * How many loads of the slot in its way a blocked request spins for before it naps or sleeps:
 * about a microsecond when the line is quiet, long enough to catch a short hold ending. Not more:
 * under contention the releasing thread usually takes the range again before a waiter gets in,
 * and every load of the holder's line makes the holder's next write to it a cache miss. (4
 * workers contending, bench/workers.js: 100 loads cost 0.74–0.87× the CPU per operation of
 * 1,000, and 30 or 300 were no better.)
 */
const SPIN_POLLS = 100;
/**
 * How many loads of the slot in its way a waiter sees unchanged, with no conflicting view held,
 * before it takes the range for free (a few hundred nanoseconds): longer than a thread that
 * releases and re-takes the range in a loop stays away from it.
 */
const QUIET_POLLS = 32;
/**
 * A barging request's first unannounced nap; each next one is NAP_GROWTH times longer, until it
 * is due to queue. Few and long: every V8 Atomics.wait with a timeout costs ~20–30 µs of CPU and at
 * least ~80 µs of wall time however short the timeout (Node 20 and 24), so a 50 µs nap cost more
 * CPU than the wait it saved. (4 workers contending, bench/workers.js: naps of 50 µs doubling
 * took two thirds of the workers' CPU time.)
 */
const FIRST_NAP_MS = 0.25;
const NAP_GROWTH = 4;
/** How long an in-flight request (PENDING) can hold up a `CONFLICT`-at-once request, in checks. */
const IN_FLIGHT_CHECKS = 2_000;
/** Sleep slice while blocked by an in-flight request: it changes state without notifying. */
const IN_FLIGHT_SLEEP_MS = 1;

// ---- public shapes ------------------------------------------------------------------------------

/** A granted slot: release it with `SharedLockTable#unlock`. */
export interface LockToken {
  readonly index: number;
  readonly word: number;
}

/** One view freed by `reclaim`. */
export interface ReclaimedView {
  readonly mode: AccessMode;
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly holderId: number;
}

/**
 * What `reclaim` freed. `exclusiveRanges` are the ranges the dead holder could write: their
 * contents may be half-written. Nothing hides that; check or rewrite them before trusting them.
 */
export interface ReclaimReport {
  /** Views that were held (granted). */
  readonly views: readonly ReclaimedView[];
  /** Ranges that were held `exclusive`: possibly half-written. */
  readonly exclusiveRanges: readonly ByteRange[];
  /** Requests that were queued or being decided when their holder died (never granted). */
  readonly pendingRequests: number;
}

/** Who is asking: one holder id per opened `SharedOwnedBuffer`, and its thread when known. */
export interface LockRequester {
  readonly holderId: number;
  /** `node:worker_threads` threadId, or -1 where threads have no id (browsers). */
  readonly threadId: number;
}

/**
 * How long a request may wait, in milliseconds (`Infinity`: until granted), then `TIMEOUT`;
 * `undefined`: not at all, a conflict is `CONFLICT` at once. The clock starts when the request
 * first finds itself blocked (the uncontended path never reads it).
 */
export type WaitTimeout = number | undefined;

/** A live request while it is being decided; once granted, its own `LockToken`. */
interface Attempt extends LockToken {
  readonly index: number;
  /** The slot's state word. */
  readonly state: number;
  /** The slot's first field word. */
  readonly base: number;
  word: number;
  readonly mode: AccessMode;
  readonly range: ByteRange;
  ticket: number;
}

/** What blocks a request, worst first: a granted view, a queued older request, one being decided. */
const Blocked = { No: 0, ByHeld: 1, ByQueued: 2, ByInFlight: 3 } as const;
type Blocked = (typeof Blocked)[keyof typeof Blocked];
/** `#examine`'s verdict for an unticketed attempt that meets an undecided request: stop, give way. */
const giveWay = -1;

/**
 * One step of a blocked request: sleep on VERSION while it still reads `seen`, for `ms`;
 * `announced`: raise SLEEPING first so the next release notifies (a counted waiter's sleep).
 */
interface Sleep {
  readonly seen: number;
  readonly ms: number;
  readonly announced: boolean;
}

/** `Atomics.waitAsync` (ES2024; Node 16+, every current browser): not in this project's ES2023 lib. */
interface AtomicsWithWaitAsync {
  waitAsync(
    typedArray: Int32Array,
    index: number,
    value: number,
    timeout?: number,
  ): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
}

function modeAt(index: number): AccessMode {
  // Slots only ever hold 0..2; anything else means a corrupt table, treat it as the strictest mode.
  return accessModes[index] ?? 'exclusive';
}

function ticketPrecedes(first: number, second: number): boolean {
  return ((first - second) | 0) < 0; // serial-number order: the counter wraps
}

/** A word no one writes: what a barging request naps on (see `#lockBlocked`). */
const napWord = new Int32Array(new SharedArrayBuffer(4));

let blockingAllowedHere: boolean | undefined;
/** Whether `Atomics.wait` may block this thread (not a browser's main thread). */
export function canBlock(): boolean {
  if (blockingAllowedHere === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      blockingAllowedHere = true;
    } catch {
      blockingAllowedHere = false;
    }
  }
  return blockingAllowedHere;
}

/** Only what `AbortSignalLike` promises (`aborted`, `reason`): not every signal has `throwIfAborted`. */
function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted === true) throw signal.reason;
}

function describe(mode: AccessMode, range: ByteRange): string {
  return `${withArticle(mode)} view of bytes [${range.start}, ${range.end})`;
}

// ---- the table ----------------------------------------------------------------------------------

/**
 * One thread's handle on a shared lock table. Several handles (one per thread, or per opened
 * `SharedOwnedBuffer`) over the same SharedArrayBuffer see the same locks.
 */
export class SharedLockTable {
  readonly #words: Int32Array;
  readonly #capacity: number;
  /** Where the slots' fields start (after the header and the state words). */
  readonly #slotsStart: number;
  readonly #requester: LockRequester;
  /** Reused by scans so the hot path allocates nothing per slot. */
  readonly #scratch: { start: number; end: number } = { start: 0, end: 0 };
  #blockedBySelf = false;
  /**
   * The slot a blocked request watches (its word's index and value), or -1: the first HELD slot
   * the last scan found in the way, else the first queued or undecided one.
   */
  #blockerBase = -1;
  #blockerWord = 0;
  /** Where `#begin` looks for a free slot first: the slot this handle freed last, and its word then. */
  #lastIndex = 0;
  #lastFreedWord = -1;
  /**
   * This handle's spare slot (IDLE) and its word, or -1: the slot of its last released view, kept
   * so that the next request, when it asks for the same bytes in the same mode, is published with
   * one compare-exchange instead of a claim and a publish. Anyone may take it when no slot is free.
   */
  #spareIndex = -1;
  #spareWord = 0;
  /** The high-water mark as this handle last saw it (it never shrinks). */
  #highWaterSeen = 0;
  /** A request the fast path left blocked, handed to the slow path (same synchronous call). */
  #carried: Attempt | undefined;

  private constructor(words: Int32Array, requester: LockRequester) {
    this.#words = words;
    this.#capacity = Atomics.load(words, H_CAPACITY);
    this.#slotsStart = HEADER_WORDS + stateRegionWords(this.#capacity);
    this.#requester = requester;
  }

  /** A fresh table's shared memory with room for `capacity` live requests. */
  static allocate(capacity: number): SharedArrayBuffer {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > maxLockTableCapacity) {
      throw new BufferError(
        'OUT_OF_RANGE',
        `xorview: maxViews must be an integer from 1 to ${maxLockTableCapacity}, got ${String(capacity)}.`,
      );
    }
    const memory = new SharedArrayBuffer(tableWords(capacity) * Int32Array.BYTES_PER_ELEMENT);
    const words = new Int32Array(memory);
    words[H_CAPACITY] = capacity;
    words[H_LAYOUT] = LAYOUT_VERSION;
    Atomics.store(words, H_MAGIC, MAGIC); // last: publishes the header
    return memory;
  }

  /** Whether `memory` looks like a table this version of xorview laid out. */
  static isTableMemory(memory: unknown): memory is SharedArrayBuffer {
    if (!(memory instanceof SharedArrayBuffer) || memory.byteLength < HEADER_WORDS * 4) return false;
    const words = new Int32Array(memory);
    const capacity = Atomics.load(words, H_CAPACITY);
    return (
      Atomics.load(words, H_MAGIC) === MAGIC &&
      Atomics.load(words, H_LAYOUT) === LAYOUT_VERSION &&
      capacity >= 1 &&
      capacity <= maxLockTableCapacity &&
      memory.byteLength === tableWords(capacity) * 4
    );
  }

  /** Open `memory` (checked with `isTableMemory`) for a requester. */
  static open(memory: SharedArrayBuffer, requester: LockRequester): SharedLockTable {
    return new SharedLockTable(new Int32Array(memory), requester);
  }

  /** A new holder id, unique for the table's lifetime (never 0). */
  static newHolderId(memory: SharedArrayBuffer): number {
    const words = new Int32Array(memory);
    let id = (Atomics.add(words, H_NEXT_HOLDER, 1) + 1) | 0;
    while (id <= 0) id = (Atomics.add(words, H_NEXT_HOLDER, 1) + 1) | 0; // 2^31 opens: wrap past 0
    return id;
  }

  /** How many slots (concurrent views plus queued requests) the table has. */
  get capacity(): number {
    return this.#capacity;
  }

  get requester(): LockRequester {
    return this.#requester;
  }

  // ---- acquiring --------------------------------------------------------------------------------

  /**
   * Take a slot for `[start, end)` in `mode`, waiting as `wait` allows by blocking the thread
   * (`Atomics.wait`). Throws `CONFLICT` (no wait, full table, or a wait that would deadlock this
   * thread) or `TIMEOUT`.
   */
  lock(mode: AccessMode, range: ByteRange, timeout: WaitTimeout): LockToken {
    return this.#tryFast(mode, range, timeout) ?? this.#lockBlocked(mode, range, timeout);
  }

  /** `lock` once its first attempt met a conflict (or a full table). */
  #lockBlocked(mode: AccessMode, range: ByteRange, timeout: WaitTimeout): LockToken {
    if (timeout !== undefined && !canBlock()) {
      const blocked = this.#carried;
      this.#carried = undefined;
      if (blocked !== undefined) this.#withdraw(blocked);
      throw new BufferError(
        'CONFLICT',
        `xorview: ${describe(mode, range)} conflicts with a view held by another thread, and this thread may not block ` +
          '(Atomics.wait is not allowed here). Use acquireAsync to wait without blocking.',
      );
    }
    const steps = this.#steps(mode, range, timeout, true);
    try {
      for (let step = steps.next(); ; ) {
        if (step.done === true) return step.value;
        const { seen, ms, announced } = step.value;
        if (announced) {
          Atomics.store(this.#words, H_SLEEPING, 1);
          Atomics.wait(this.#words, H_VERSION, seen, ms);
        } else {
          // A nap is a plain sleep. On VERSION it would end at the first release once anyone is
          // queued (every release then moves VERSION): the napper would spin through its loop.
          Atomics.wait(napWord, 0, 0, ms);
        }
        step = steps.next();
      }
    } finally {
      steps.return(undefined as never); // a no-op once settled; withdraws the request otherwise
    }
  }

  /**
   * Like `lock`, waiting with `Atomics.waitAsync` so the thread keeps running. Rejects with the
   * signal's reason when `signal` aborts; nothing stays held or queued then.
   */
  async lockAsync(mode: AccessMode, range: ByteRange, timeout: WaitTimeout, signal?: AbortSignalLike): Promise<LockToken> {
    throwIfAborted(signal);
    const granted = this.#tryFast(mode, range, timeout);
    if (granted !== undefined) return granted;
    const steps = this.#steps(mode, range, timeout, false);
    try {
      for (let step = steps.next(); ; ) {
        if (step.done === true) return step.value;
        await this.#sleepAsync(step.value, signal);
        throwIfAborted(signal);
        step = steps.next();
      }
    } finally {
      steps.return(undefined as never); // runs the generator's cleanup (withdraw) when aborted
    }
  }

  /**
   * The uncontended path, no allocation beyond the attempt: a grant, or undefined to go slow
   * (with the blocked attempt, still published, in `#carried` for `#steps`).
   */
  #tryFast(mode: AccessMode, range: ByteRange, timeout: WaitTimeout): LockToken | undefined {
    const attempt = this.#begin(mode, range, false);
    if (attempt === undefined) {
      if (timeout === undefined) throw this.#fullError(mode, range);
      return undefined;
    }
    // Published as a tentative grant: a clean scan leaves it granted, with no third write.
    if (this.#scan(attempt) === Blocked.No) return attempt; // the attempt is its own token
    // Contention seen: withdraw the tentative grant and compete in ticket order from here on. A
    // request that took the grant for a held view may be asleep waiting for it to go: announce.
    this.#words[attempt.base + S_TICKET] = 0; // choosing, once PENDING (the CAS publishes it)
    if (this.#move(attempt, PENDING)) {
      this.#announceChange();
      this.#takeTicket(attempt);
      this.#carried = attempt;
    }
    return undefined;
  }

  /**
   * The slow path as a generator: it yields the sleeps it needs and returns the grant, so the
   * blocking and the async drivers share one implementation of the protocol.
   */
  *#steps(mode: AccessMode, range: ByteRange, timeout: WaitTimeout, blocking: boolean): Generator<Sleep, LockToken> {
    const words = this.#words;
    const waits = timeout !== undefined;
    const deadline = waits ? Date.now() + timeout : -Infinity;
    let queueAt = Infinity; // when this request stops barging and queues (starvation mode)
    let attempt = this.#carried;
    this.#carried = undefined;
    let settled = false;
    // A request that waits by watching VERSION (asleep, or for a slot in a full table) counts
    // itself in WAITERS first, then reads VERSION and scans again (see the file comment). One that
    // spins on the word of the slot in its way needs no announcement and stays uncounted, so
    // releases under plain contention write no shared word but their own slot.
    let counted = false;
    // One spin per sleep: a waiter that re-entered on a change and is blocked again lost the race
    // to a thread that takes the range back at once; spinning again would only slow that thread.
    let spun = false;
    let nap = FIRST_NAP_MS;
    try {
      for (let checks = 0; ; checks++) {
        const seen = Atomics.load(words, H_VERSION);
        if (attempt === undefined) attempt = this.#begin(mode, range, true);
        else if ((attempt.word & STATE_MASK) === CLAIMED && !this.#publish(attempt, true)) attempt = undefined;
        let blocked: Blocked;
        if (attempt === undefined) {
          if (!waits) throw this.#fullError(mode, range);
          blocked = Blocked.ByHeld; // full: wait for any release (announced on VERSION)
          this.#blockedBySelf = false;
          this.#blockerBase = -1;
        } else {
          blocked = this.#scan(attempt);
          if (Atomics.load(words, attempt.state) !== attempt.word) {
            attempt = undefined; // reclaimed under us (a manual reclaim of a live holder): start over
            continue;
          }
          if (blocked === Blocked.No) {
            if (this.#move(attempt, HELD)) {
              settled = true;
              return attempt;
            }
            attempt = undefined;
            continue;
          }
          if (blocked === Blocked.ByHeld && blocking && this.#blockedBySelf) {
            throw new BufferError(
              'CONFLICT',
              `xorview: ${describe(mode, range)} conflicts with a view this same thread holds; blocking until it is ` +
                'released would deadlock. Release it first (or use acquireAsync if another task releases it).',
            );
          }
        }
        if (!waits) {
          if (blocked === Blocked.ByInFlight && checks < IN_FLIGHT_CHECKS) continue;
          throw this.#conflictError(mode, range, blocked);
        }
        const now = Date.now();
        if (now >= deadline) {
          throw new BufferError(
            'TIMEOUT',
            `xorview: timed out waiting for ${describe(mode, range)}: a conflicting view is still held by another ` +
              'thread. Raise the timeout, or find the holder that does not release.',
          );
        }
        if (queueAt === Infinity) queueAt = now + starvationMs;
        if (attempt !== undefined && (attempt.word & STATE_MASK) === PENDING) {
          // Barging phase: step aside invisibly and re-enter with a fresh ticket. Starving: queue.
          this.#move(attempt, now >= queueAt ? WAITING : CLAIMED);
        }
        if (!spun && this.#blockerBase >= 0) {
          spun = true;
          // Test-and-test-and-set: watch with loads only, re-enter (which writes shared lines) only
          // once the range looks free.
          if (this.#awaitQuiet(mode, range)) continue;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) continue; // the check above throws TIMEOUT
        const untilQueued = queueAt - Date.now();
        // Due to queue but still parked invisibly: re-enter now, and queue if still blocked.
        if (untilQueued <= 0 && attempt !== undefined && (attempt.word & STATE_MASK) === CLAIMED) continue;
        if (blocking && untilQueued > 0 && attempt !== undefined) {
          // Barging, spun out: nap unannounced, backing off (see the file comment), and come back
          // only once the range looks free, or when it is time to queue or to give up. A thread
          // that re-takes the range in a loop is not leaving it: re-entering would make it give
          // way, and hand the range over at a cost of microseconds to both.
          for (let until = Math.min(deadline, queueAt); ; ) {
            yield { seen, ms: Math.min(until - Date.now(), nap), announced: false };
            nap *= NAP_GROWTH;
            if (until <= Date.now() || this.#blockerBase < 0) break;
            // Held right now (one read-only scan): nap again without watching it come and go.
            if (!this.#findHeldBlocker(mode, range) && this.#awaitQuiet(mode, range)) break;
          }
          spun = true;
          continue;
        }
        if (!counted) {
          // About to sleep on VERSION: be counted first, then read it and scan again.
          Atomics.add(words, H_WAITERS, 1);
          counted = true;
          spun = true; // scan again, then sleep
          continue;
        }
        // Announced sleep: the next release wakes it. While barging (acquireAsync), until it is due
        // to queue; an in-flight request resolves without announcing, so look again soon.
        const napUntil = blocked === Blocked.ByInFlight ? IN_FLIGHT_SLEEP_MS : untilQueued > 0 ? untilQueued : remaining;
        yield { seen, ms: Math.min(remaining, napUntil), announced: true };
        spun = false;
      }
    } finally {
      if (counted) Atomics.sub(words, H_WAITERS, 1);
      if (!settled && attempt !== undefined) this.#withdraw(attempt);
    }
  }

  async #sleepAsync({ seen, ms, announced }: Sleep, signal: AbortSignalLike | undefined): Promise<void> {
    if (announced) Atomics.store(this.#words, H_SLEEPING, 1);
    const outcome = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(this.#words, H_VERSION, seen, ms);
    if (!outcome.async) return;
    // A pending waitAsync does not keep Node's event loop alive; this timer does, for the wait.
    let keepAlive: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    try {
      await Promise.race([
        outcome.value,
        new Promise<void>((resolve) => {
          keepAlive = setTimeout(resolve, Math.min(ms, 2 ** 31 - 1));
          if (signal !== undefined) {
            onAbort = resolve;
            signal.addEventListener('abort', onAbort, { once: true });
          }
        }),
      ]);
    } finally {
      clearTimeout(keepAlive);
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    }
  }

  // ---- releasing --------------------------------------------------------------------------------

  /**
   * End a granted slot: it becomes this handle's spare if it has none, else free. False (and
   * nothing changed) if it was already ended or reclaimed.
   */
  unlock(token: LockToken): boolean {
    const state = stateAt(token.index);
    if (this.#spareIndex < 0) {
      // A new generation: scans that read the view's fields before can tell it is gone.
      const spare = nextOccupancy(token.word, IDLE);
      if (Atomics.compareExchange(this.#words, state, token.word, spare) !== token.word) return false;
      this.#spareIndex = token.index;
      this.#spareWord = spare;
    } else {
      const freed = (token.word & GENERATION_MASK) | FREE;
      if (Atomics.compareExchange(this.#words, state, token.word, freed) !== token.word) return false;
      this.#lastIndex = token.index;
      this.#lastFreedWord = freed;
    }
    this.#announceChange();
    return true;
  }

  /** Whether a token's slot is still granted to it. */
  isHeld(token: LockToken): boolean {
    return Atomics.load(this.#words, stateAt(token.index)) === token.word;
  }

  /**
   * Granted views per mode, across every thread; within `window`, the views touching it (an
   * empty view counts where it sits).
   */
  counts(window?: ByteRange): { immutable: number; exclusive: number; raw: number } {
    const counts = { immutable: 0, exclusive: 0, raw: 0 };
    const words = this.#words;
    const highWater = Atomics.load(words, H_HIGH_WATER);
    for (let index = 0; index < highWater; index++) {
      const base = this.#slotsStart + index * SLOT_WORDS;
      const state = stateAt(index);
      const word = Atomics.load(words, state);
      if ((word & STATE_MASK) !== HELD) continue;
      const mode = modeAt(Atomics.load(words, base + S_MODE));
      const start = Atomics.load(words, base + S_START) >>> 0;
      const end = Atomics.load(words, base + S_END) >>> 0;
      if (Atomics.load(words, state) !== word) continue;
      if (window !== undefined) {
        const touches = start < end ? start < window.end && window.start < end : start >= window.start && start <= window.end;
        if (!touches) continue;
      }
      counts[mode]++;
    }
    return counts;
  }

  /** Free every slot of `holderId` (a dead thread's, or one you know will never release). */
  reclaimHolder(holderId: number): ReclaimReport {
    return this.#reclaim(S_HOLDER, holderId);
  }

  /** Free every slot requested from the node:worker_threads thread `threadId` (it exited). */
  reclaimThread(threadId: number): ReclaimReport {
    if (threadId < 0) return { views: [], exclusiveRanges: [], pendingRequests: 0 };
    return this.#reclaim(S_THREAD, threadId);
  }

  // ---- the protocol ------------------------------------------------------------------------------

  /**
   * Steps 1–2: claim, write, publish as choosing, take a ticket unless `ticketed` is false (the
   * fast path, which takes one only once it sees contention). Undefined when full.
   */
  #begin(mode: AccessMode, range: ByteRange, ticketed: boolean): Attempt | undefined {
    if (this.#spareIndex >= 0) {
      const fromSpare = this.#beginFromSpare(mode, range, ticketed);
      if (fromSpare !== undefined) return fromSpare;
    }
    // A free slot, else anyone's spare (IDLE): spares never make the table full.
    return this.#claimAndBegin(FREE, mode, range, ticketed) ?? this.#claimAndBegin(IDLE, mode, range, ticketed);
  }

  /**
   * Publish from this handle's spare. A fast-path request for the bytes and mode the spare's
   * fields already hold is published straight from IDLE (one compare-exchange, nothing written:
   * writing the fields of a slot one does not own by a compare-exchange first could overwrite
   * those of whoever took it meanwhile); any other request claims it like a free slot.
   */
  #beginFromSpare(mode: AccessMode, range: ByteRange, ticketed: boolean): Attempt | undefined {
    const words = this.#words;
    const index = this.#spareIndex;
    const spare = this.#spareWord;
    this.#spareIndex = -1;
    const state = stateAt(index);
    const base = this.#slotsStart + index * SLOT_WORDS;
    const requester = this.#requester;
    // Plain reads of a slot someone may have taken: whatever they return, the compare-exchange
    // from `spare` decides, and it fails if the slot was taken.
    if (
      !ticketed &&
      words[base + S_MODE] === modeIndex(mode) &&
      words[base + S_START] === (range.start | 0) &&
      words[base + S_END] === (range.end | 0) &&
      words[base + S_HOLDER] === requester.holderId &&
      words[base + S_THREAD] === requester.threadId
    ) {
      const held = (spare & GENERATION_MASK) | HELD;
      if (Atomics.compareExchange(words, state, spare, held) !== spare) return undefined;
      this.#lastIndex = index;
      return { index, state, base, word: held, mode, range, ticket: 0 };
    }
    const claimed = nextOccupancy(spare, CLAIMED);
    if (Atomics.compareExchange(words, state, spare, claimed) !== spare) return undefined;
    const attempt = this.#fill(index, state, base, claimed, mode, range);
    return this.#publish(attempt, ticketed) ? attempt : undefined;
  }

  /** Claim a slot in state `taking` (FREE, or IDLE: someone's spare), write the request, publish it. */
  #claimAndBegin(taking: number, mode: AccessMode, range: ByteRange, ticketed: boolean): Attempt | undefined {
    const words = this.#words;
    const capacity = this.#capacity;
    // Start at the slot this requester used last: it is usually free again, and its fields are
    // usually what this request writes (so it writes none), where a claim of slot 0 would fight
    // every other thread for it.
    const first = this.#lastIndex;
    for (let probe = 0; probe < capacity; probe++) {
      const index = first + probe < capacity ? first + probe : first + probe - capacity;
      const base = this.#slotsStart + index * SLOT_WORDS;
      const state = stateAt(index);
      // The slot freed last is most likely as it was left: try the claim without reading it first.
      const guessed = probe === 0 && taking === FREE && this.#lastFreedWord !== -1;
      const word = guessed ? this.#lastFreedWord : Atomics.load(words, state);
      if (taking === FREE) this.#lastFreedWord = -1;
      if ((word & STATE_MASK) !== taking) continue;
      const claimed = nextOccupancy(word, CLAIMED);
      if (Atomics.compareExchange(words, state, word, claimed) !== word) {
        if (guessed) probe = -1; // guessed wrong: read that slot after all
        continue;
      }
      const attempt = this.#fill(index, state, base, claimed, mode, range);
      if (this.#publish(attempt, ticketed)) return attempt;
      // Freed while invisible (a reclaim misread a stale thread id): claim another.
    }
    return undefined;
  }

  /** Write a request into the slot just claimed (still invisible). */
  #fill(index: number, state: number, base: number, claimed: number, mode: AccessMode, range: ByteRange): Attempt {
    const words = this.#words;
    // Plain accesses while invisible: the compare-exchange that publishes the slot orders them.
    // A field that already holds its value is not written: a thread that asks for the same bytes
    // again in its usual slot then leaves the line clean in the other cores' caches, whose scans
    // read it.
    const modeNumber = modeIndex(mode);
    if (words[base + S_MODE] !== modeNumber) words[base + S_MODE] = modeNumber;
    if (words[base + S_START] !== (range.start | 0)) words[base + S_START] = range.start | 0;
    if (words[base + S_END] !== (range.end | 0)) words[base + S_END] = range.end | 0;
    const { holderId, threadId } = this.#requester;
    if (words[base + S_HOLDER] !== holderId) words[base + S_HOLDER] = holderId;
    if (words[base + S_THREAD] !== threadId) words[base + S_THREAD] = threadId;
    this.#raiseHighWater(index + 1);
    this.#lastIndex = index;
    return { index, state, base, word: claimed, mode, range, ticket: 0 };
  }

  /**
   * Make a CLAIMED attempt visible: `ticketed`, as choosing (PENDING, ticket 0), then with a fresh
   * ticket; otherwise (the fast path) as a tentative grant, HELD with ticket 0.
   */
  #publish(attempt: Attempt, ticketed: boolean): boolean {
    // No one reads the ticket of a HELD slot: a tentative grant writes it when it withdraws.
    if (ticketed) this.#words[attempt.base + S_TICKET] = 0;
    attempt.ticket = 0;
    if (!this.#move(attempt, ticketed ? PENDING : HELD)) return false;
    if (ticketed) this.#takeTicket(attempt);
    return true;
  }

  #takeTicket(attempt: Attempt): void {
    const words = this.#words;
    let ticket = (Atomics.add(words, H_TICKET, 1) + 1) | 0;
    while (ticket === 0) ticket = (Atomics.add(words, H_TICKET, 1) + 1) | 0;
    attempt.ticket = ticket;
    Atomics.store(words, attempt.base + S_TICKET, ticket);
  }

  #raiseHighWater(atLeast: number): void {
    if (this.#highWaterSeen >= atLeast) return;
    let current = Atomics.load(this.#words, H_HIGH_WATER);
    while (current < atLeast) {
      const previous = Atomics.compareExchange(this.#words, H_HIGH_WATER, current, atLeast);
      if (previous === current) {
        current = atLeast;
        break;
      }
      current = previous;
    }
    this.#highWaterSeen = current;
  }

  /**
   * Step 3: what, if anything, blocks `attempt`. An unticketed attempt (the fast path) is blocked
   * by every visible conflicting request, so it is granted only when it meets no one.
   */
  #scan(attempt: Attempt): Blocked {
    const words = this.#words;
    const highWater = Atomics.load(words, H_HIGH_WATER);
    let blocked: Blocked = Blocked.No;
    this.#blockedBySelf = false;
    this.#blockerBase = -1;
    for (let index = 0; index < highWater; index++) {
      if (index === attempt.index) continue;
      const base = this.#slotsStart + index * SLOT_WORDS;
      const state = stateAt(index);
      const before = Atomics.load(words, state);
      if ((before & STATE_MASK) < PENDING) continue; // free or invisible: the common case, kept small
      const outcome = this.#examine(attempt, state, base, before, blocked);
      if (outcome === giveWay) return Blocked.ByInFlight;
      blocked = outcome;
    }
    return blocked;
  }

  /**
   * One visible slot met by `#scan` (whose word read `before`): what blocks `attempt` after it,
   * given what blocked it before (`blocked`); `giveWay` when an unticketed attempt must stop.
   */
  #examine(attempt: Attempt, state: number, base: number, before: number, blocked: Blocked): Blocked | typeof giveWay {
    const words = this.#words;
    const scratch = this.#scratch;
    const otherMode = modeAt(Atomics.load(words, base + S_MODE));
    if (coexists[otherMode][attempt.mode]) return blocked;
    scratch.start = Atomics.load(words, base + S_START) >>> 0;
    scratch.end = Atomics.load(words, base + S_END) >>> 0;
    let after = Atomics.load(words, state);
    // Another occupancy (or freed) since `before`: its fields may be mixed, and a new occupant
    // published after us, so it will see us and yield. Skip it.
    if ((after & GENERATION_MASK) !== (before & GENERATION_MASK) || (after & STATE_MASK) < PENDING) return blocked;
    if (!viewsConflict(otherMode, scratch, attempt.mode, attempt.range)) return blocked;
    if ((after & STATE_MASK) !== HELD) {
      // Undecided (fast path, or a fresh request still choosing): a few instructions from being
      // granted or ticketed. An unticketed attempt gives way to it, a ticketed one waits it out.
      if (attempt.ticket === 0) {
        this.#blockerBase = state;
        this.#blockerWord = after;
        return giveWay;
      }
      let ticket = Atomics.load(words, base + S_TICKET);
      for (let spin = 0; ticket === 0 && spin < 256 && Atomics.load(words, state) === after; spin++) {
        ticket = Atomics.load(words, base + S_TICKET);
      }
      if (ticket === 0) {
        const now = Atomics.load(words, state);
        if (now === after) {
          // Still undecided (its thread is descheduled, or died there).
          this.#watch(state, now);
          return blocked === Blocked.No ? Blocked.ByInFlight : blocked;
        }
        // Granted without a ticket (the fast path): a held view. Anything else (parked, freed,
        // ticketed and withdrawn) took its ticket after ours, so it yields to us.
        if ((now & GENERATION_MASK) !== (after & GENERATION_MASK) || (now & STATE_MASK) !== HELD) return blocked;
        after = now;
      } else {
        if (!ticketPrecedes(ticket, attempt.ticket)) return blocked; // younger: it yields to us
        if (this.#holdsViewBlocking(otherMode, scratch)) return blocked; // it waits on us: never wait on it
        this.#watch(state, after);
        if ((after & STATE_MASK) === WAITING) return blocked === Blocked.ByHeld ? blocked : Blocked.ByQueued;
        return blocked === Blocked.No ? Blocked.ByInFlight : blocked;
      }
    }
    // A held view in the way.
    if (blocked !== Blocked.ByHeld) {
      this.#blockerBase = state;
      this.#blockerWord = after;
    }
    // Whose it is matters only for a blocking wait (deadlock on itself), so it is read only now,
    // and trusted only if the slot still holds the same view.
    const holderId = Atomics.load(words, base + S_HOLDER);
    const threadId = Atomics.load(words, base + S_THREAD);
    if (this.#isMine(holderId, threadId) && Atomics.load(words, state) === after) this.#blockedBySelf = true;
    return Blocked.ByHeld;
  }


  /** Watch a queued or undecided slot in the way, unless the scan already watches one. */
  #watch(state: number, word: number): void {
    if (this.#blockerBase >= 0) return;
    this.#blockerBase = state;
    this.#blockerWord = word;
  }

  /**
   * Read-only, at most `SPIN_POLLS` loads of the watched slot: whether the range looks free, that
   * is no conflicting view is held and the slot last in the way stays as it is for `QUIET_POLLS`
   * loads (longer than a thread that releases and re-takes the range in a loop stays away).
   */
  #awaitQuiet(mode: AccessMode, range: ByteRange): boolean {
    const words = this.#words;
    let quietSince = -1;
    let quietWord = 0;
    for (let polls = 0; polls < SPIN_POLLS; polls++) {
      const word = Atomics.load(words, this.#blockerBase);
      if (quietSince >= 0 && word === quietWord) {
        if (polls - quietSince < QUIET_POLLS) continue;
        if (!this.#findHeldBlocker(mode, range)) return true; // (taken elsewhere: watch that one)
        quietSince = -1;
      } else if (word !== this.#blockerWord || quietSince >= 0) {
        // It moved: released, or taken again. Free for now? Then see whether it stays free.
        if (this.#findHeldBlocker(mode, range)) {
          quietSince = -1;
        } else {
          quietSince = polls;
          quietWord = Atomics.load(words, this.#blockerBase);
        }
      }
    }
    return false;
  }

  /**
   * Read-only: whether a HELD slot conflicts with `mode`/`range`; if so it becomes the watched
   * blocker. Cheap to repeat while waiting: it writes nothing shared.
   */
  #findHeldBlocker(mode: AccessMode, range: ByteRange): boolean {
    const words = this.#words;
    const scratch = this.#scratch;
    const highWater = Atomics.load(words, H_HIGH_WATER);
    for (let index = 0; index < highWater; index++) {
      const base = this.#slotsStart + index * SLOT_WORDS;
      const state = stateAt(index);
      const word = Atomics.load(words, state);
      if ((word & STATE_MASK) !== HELD) continue;
      const otherMode = modeAt(Atomics.load(words, base + S_MODE));
      if (coexists[otherMode][mode]) continue;
      scratch.start = Atomics.load(words, base + S_START) >>> 0;
      scratch.end = Atomics.load(words, base + S_END) >>> 0;
      if (Atomics.load(words, state) !== word || !viewsConflict(otherMode, scratch, mode, range)) continue;
      this.#blockerBase = state;
      this.#blockerWord = word;
      return true;
    }
    return false;
  }

  #isMine(holderId: number, threadId: number): boolean {
    const me = this.#requester;
    return holderId === me.holderId || (me.threadId >= 0 && threadId === me.threadId);
  }

  /** Whether this requester holds a view that conflicts with a queued request `mode`/`range`. */
  #holdsViewBlocking(mode: AccessMode, range: ByteRange): boolean {
    const words = this.#words;
    const highWater = Atomics.load(words, H_HIGH_WATER);
    const held = { start: 0, end: 0 };
    for (let index = 0; index < highWater; index++) {
      const base = this.#slotsStart + index * SLOT_WORDS;
      const state = stateAt(index);
      const word = Atomics.load(words, state);
      if ((word & STATE_MASK) !== HELD) continue;
      if (!this.#isMine(Atomics.load(words, base + S_HOLDER), Atomics.load(words, base + S_THREAD))) continue;
      const heldMode = modeAt(Atomics.load(words, base + S_MODE));
      held.start = Atomics.load(words, base + S_START) >>> 0;
      held.end = Atomics.load(words, base + S_END) >>> 0;
      if (Atomics.load(words, state) === word && viewsConflict(heldMode, held, mode, range)) return true;
    }
    return false;
  }

  /** CAS the attempt's slot to `state`; false if someone reclaimed it meanwhile. */
  #move(attempt: Attempt, state: number): boolean {
    const next = (attempt.word & GENERATION_MASK) | state;
    if (Atomics.compareExchange(this.#words, attempt.state, attempt.word, next) !== attempt.word) return false;
    attempt.word = next;
    return true;
  }

  /** Give up a request that was not granted; its intent may have been blocking others. */
  #withdraw(attempt: Attempt): void {
    if (this.#move(attempt, FREE)) this.#announceChange();
  }

  /** After freeing a slot: wake waiting requests, if any (see the file comment for the order). */
  #announceChange(): void {
    if (Atomics.load(this.#words, H_WAITERS) !== 0) this.#wakeWaiters();
  }

  #wakeWaiters(): void {
    Atomics.add(this.#words, H_VERSION, 1);
    // Same argument one level down: a sleeper raises SLEEPING before it sleeps on VERSION, so either
    // this release sees the flag, or the sleeper's wait sees VERSION moved. Whoever clears the
    // flag wakes everyone asleep.
    if (Atomics.load(this.#words, H_SLEEPING) !== 0 && Atomics.exchange(this.#words, H_SLEEPING, 0) !== 0) {
      Atomics.notify(this.#words, H_VERSION);
    }
  }

  #reclaim(field: number, id: number): ReclaimReport {
    const words = this.#words;
    const views: ReclaimedView[] = [];
    const exclusiveRanges: ByteRange[] = [];
    let pendingRequests = 0;
    let sparesFreed = 0;
    for (let index = 0; index < this.#capacity; index++) {
      const base = this.#slotsStart + index * SLOT_WORDS;
      const stateWord = stateAt(index);
      for (;;) {
        const word = Atomics.load(words, stateWord);
        const state = word & STATE_MASK;
        if (state === FREE || Atomics.load(words, base + field) !== id) break;
        const mode = modeAt(Atomics.load(words, base + S_MODE));
        const start = Atomics.load(words, base + S_START) >>> 0;
        const end = Atomics.load(words, base + S_END) >>> 0;
        const holderId = Atomics.load(words, base + S_HOLDER);
        if (Atomics.compareExchange(words, stateWord, word, (word & GENERATION_MASK) | FREE) !== word) continue;
        if (state === HELD) {
          views.push({ mode, byteOffset: start, byteLength: end - start, holderId });
          if (mode === 'exclusive') exclusiveRanges.push({ start, end });
        } else if (state === IDLE) {
          sparesFreed++; // a spare holds nothing; free for a request waiting on a full table
        } else {
          pendingRequests++; // queued, parked or being decided: never granted
        }
        break;
      }
    }
    if (views.length > 0 || pendingRequests > 0 || sparesFreed > 0) this.#announceChange();
    return { views, exclusiveRanges, pendingRequests };
  }

  #fullError(mode: AccessMode, range: ByteRange): BufferError {
    return new BufferError(
      'CONFLICT',
      `xorview: cannot lend ${describe(mode, range)}: the lock table is full (${this.#capacity} concurrent views and ` +
        'queued requests across all threads). Release views, pass a timeout to wait for a free slot, or create the ' +
        'SharedOwnedBuffer with a larger maxViews.',
    );
  }

  #conflictError(mode: AccessMode, range: ByteRange, blocked: Blocked): BufferError {
    const why =
      blocked === Blocked.ByHeld
        ? 'an overlapping view in an incompatible mode is held'
        : blocked === Blocked.ByQueued
          ? 'an earlier conflicting request is queued for those bytes (writers are not starved by later readers)'
          : 'a conflicting request from another thread is being decided';
    return new BufferError(
      'CONFLICT',
      `xorview: cannot lend ${describe(mode, range)}: ${why}. Release it first, or pass { timeout } (or use ` +
        'acquireAsync) to wait.',
    );
  }
}
