import { exportModes, exportView } from '../symbols.js';
import type { ExporterProtocol } from '../types/exporter.js';
import { BufferError } from '../runtime/errors.js';
import { bindExporter } from '../runtime/exporter-adapter.js';
import { OwnedMemory } from './owned-memory.js';

const frozenModes = Object.freeze(['immutable'] as const);
const creation = Symbol('FrozenBuffer creation');

/** The error for calling the protocol method of xorview's own exporters directly. */
export function directExportError(className: string): BufferError {
  return new BufferError(
    'NOT_AN_EXPORTER',
    `xorview: ${className}[exportView] is not called directly; use acquire(exporter, mode, options), which counts the view.`,
  );
}

/**
 * The result of `OwnedBuffer#freeze()`: immutable views only, backed by a real immutable
 * ArrayBuffer where the platform has one (`capabilities(frozen).enforcement` is then `'engine'`,
 * otherwise `'registry'`).
 */
export class FrozenBuffer implements ExporterProtocol<ArrayBuffer> {
  readonly [exportModes]: readonly ['immutable'] = frozenModes;
  readonly #memory: OwnedMemory;

  private constructor(token: symbol, buffer: ArrayBuffer, engineImmutable: boolean) {
    if (token !== creation) throw new TypeError('xorview: FrozenBuffer is created by OwnedBuffer#freeze().');
    this.#memory = new OwnedMemory(buffer, 'FrozenBuffer', engineImmutable ? 'engine' : 'registry', frozenModes);
    bindExporter(this, this.#memory);
  }

  /** The length in bytes. */
  get byteLength(): number {
    return this.#memory.buffer?.byteLength ?? 0;
  }

  /** @internal The exporter protocol; `acquire` is the way to call it. */
  [exportView](): ArrayBuffer {
    throw directExportError('FrozenBuffer');
  }
}

type FrozenBufferConstructor = new (token: symbol, buffer: ArrayBuffer, engineImmutable: boolean) => FrozenBuffer;

/** Wrap bytes nobody else can reach (moved there by `OwnedBuffer#freeze`). */
export function createFrozenBuffer(buffer: ArrayBuffer, engineImmutable: boolean): FrozenBuffer {
  return new (FrozenBuffer as unknown as FrozenBufferConstructor)(creation, buffer, engineImmutable);
}
