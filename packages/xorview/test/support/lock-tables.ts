import { SharedLockTable } from '../../src/exporters/shared-lock-table.js';

/**
 * A fresh lock table of `capacity` slots opened by `holders` handles, each its own holder and
 * thread (as if in another worker), and the table's words for tests that inspect slots.
 */
export function openLockTables(capacity: number, holders: number): { readonly words: Int32Array; readonly tables: SharedLockTable[] } {
  const memory = SharedLockTable.allocate(capacity);
  const tables = Array.from({ length: holders }, (_, index) =>
    SharedLockTable.open(memory, { holderId: SharedLockTable.newHolderId(memory), threadId: 100 + index }),
  );
  return { words: new Int32Array(memory), tables };
}
