/**
 * User-defined exporters (PEP 688's `__buffer__` / `__release_buffer__`): objects with an
 * `[exportView](request)` method, optionally `[releaseView](view)` and `[exportModes]`.
 *
 * Enforcement is the exporter's own ('custom'): it refuses a request by throwing from
 * `[exportView]` (a `BufferError` passes through `tryAcquire` as a result). xorview validates what
 * it returns, counts the grants per exporter, and calls `[releaseView]` exactly once per granted
 * view with the very object `acquire` returned, never for a refused request.
 */
import { type AccessMode, accessModes, isAccessMode } from '../semantics.js';
import { exportModes, exportView, releaseView } from '../symbols.js';
import type { ExportCounts } from '../runtime/api-types.js';
import { BorrowRecord } from '../runtime/borrow-record.js';
import { BufferError } from '../runtime/errors.js';
import type { ExporterAdapter } from '../runtime/exporter-adapter.js';
import { type Window, bufferByteLength, bufferKindOf, isDetached, placeholderBuffer, readWindow } from '../runtime/intrinsics.js';
import { describeValue } from '../runtime/views.js';

type ProtocolExporter = Record<PropertyKey, unknown>;

const protocolRecords = new WeakMap<object, BorrowRecord>();

function badReturn(detail: string): BufferError {
  return new BufferError(
    'NOT_AN_EXPORTER',
    `xorview: [exportView] ${detail}. It must return an ArrayBuffer/SharedArrayBuffer covering the requested range, ` +
      'or a TypedArray/DataView whose window starts at the requested bytes; nothing was lent.',
  );
}

/** Whether a value implements the protocol (has a callable `[exportView]`). */
export function isProtocolExporter(value: object): boolean {
  return typeof (value as ProtocolExporter)[exportView] === 'function';
}

export const protocolAdapter: ExporterAdapter = {
  enforcement: 'custom',
  servesViewRequests: false,

  modes(exporter): readonly AccessMode[] {
    const declared = (exporter as ProtocolExporter)[exportModes];
    if (declared === undefined) return accessModes;
    if (!Array.isArray(declared) || !declared.every(isAccessMode)) {
      throw new BufferError(
        'NOT_AN_EXPORTER',
        `xorview: [exportModes] must be an array of 'immutable' | 'exclusive' | 'raw', got ${describeValue(declared)}.`,
      );
    }
    return declared;
  },

  locate(exporter, into) {
    const byteLength = (exporter as ProtocolExporter).byteLength;
    into.buffer = undefined;
    into.start = 0;
    into.length = typeof byteLength === 'number' && Number.isSafeInteger(byteLength) && byteLength >= 0 ? byteLength : -1;
  },

  claim(exporter, lease) {
    const byteOffset = lease.start;
    const byteLength = lease.end - lease.start;
    const request = Object.freeze({ mode: lease.mode, byteOffset, byteLength });
    const lent: unknown = ((exporter as ProtocolExporter)[exportView] as (request: unknown) => unknown).call(exporter, request);
    if (typeof lent !== 'object' || lent === null) throw badReturn(`returned ${describeValue(lent)}`);
    let buffer: ArrayBufferLike;
    let start: number;
    if (ArrayBuffer.isView(lent)) {
      const lentWindow: Window = { buffer: placeholderBuffer, start: 0, length: 0 };
      readWindow(lent, lentWindow);
      if (lentWindow.length < 0 || isDetached(lentWindow.buffer)) throw badReturn('returned a view of detached memory');
      if (lentWindow.length < byteLength) {
        throw badReturn(`returned a view of ${lentWindow.length} bytes for a request of ${byteLength}`);
      }
      buffer = lentWindow.buffer;
      start = lentWindow.start;
    } else if (bufferKindOf(lent) !== 'none') {
      buffer = lent as ArrayBufferLike;
      if (isDetached(buffer)) throw badReturn('returned a detached ArrayBuffer');
      if (byteOffset + byteLength > bufferByteLength(buffer)) {
        throw badReturn(`returned a buffer of ${bufferByteLength(buffer)} bytes for bytes [${byteOffset}, ${byteOffset + byteLength})`);
      }
      start = byteOffset;
    } else {
      throw badReturn(`returned ${describeValue(lent)}`);
    }
    if (start % lease.unit !== 0) throw badReturn(`lent memory at byte ${start}, misaligned for ${lease.unit}-byte elements`);
    lease.buffer = buffer;
    lease.start = start;
    lease.end = start + byteLength;
    lease.token = exporter;
    let record = protocolRecords.get(exporter);
    if (record === undefined) {
      record = new BorrowRecord(() => 'a user exporter');
      protocolRecords.set(exporter, record);
    }
    record.add(lease);
    return undefined; // the memory was named just now: the runtime builds the view
  },

  unclaim(lease, view) {
    (lease.record as BorrowRecord).remove(lease);
    const exporter = lease.token as ProtocolExporter | undefined;
    if (exporter === undefined) return;
    const hook = exporter[releaseView];
    if (typeof hook === 'function') (hook as (view: object) => void).call(exporter, view);
  },

  counts(exporter): ExportCounts {
    return protocolRecords.get(exporter)?.counts() ?? { immutable: 0, exclusive: 0, raw: 0 };
  },
};

