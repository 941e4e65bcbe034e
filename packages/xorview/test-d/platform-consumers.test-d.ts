// An ImmutableView passes to read-only platform consumers without cast or copy (SPEC §5).
import { Buffer } from 'node:buffer';
import { writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { expectType } from 'tsd';
import { asReadonlyInput, type ExclusiveView, type ImmutableView } from 'xorview';

declare const bytes: ImmutableView<Uint8Array<ArrayBuffer>>;
declare const sharedBytes: ImmutableView<Uint8Array<SharedArrayBuffer>>;
declare const header: ImmutableView<DataView<ArrayBuffer>>;

// Web platform consumers typed with BufferSource / AllowSharedBufferSource take it as is.
new TextDecoder().decode(bytes);
new TextDecoder().decode(sharedBytes);
new TextDecoder().decode(header);
void crypto.subtle.digest('SHA-256', bytes);
void crypto.subtle.digest('SHA-256', header);
new Blob([bytes, header]);
new Response(bytes);
structuredClone(bytes);
// A Node stream's write takes any chunk.
new Writable().write(bytes);

// Node parameters typed with the writable NodeJS.ArrayBufferView union demand a mutable type;
// the one adapter, asReadonlyInput, hands over the same object (checked by the lint rule).
// @ts-expect-error: NodeJS.ArrayBufferView is the writable union
writeSync(1, bytes);
writeSync(1, asReadonlyInput(bytes));
void writeFile('/dev/null', asReadonlyInput(bytes));
expectType<-1 | 0 | 1>(Buffer.compare(asReadonlyInput(bytes), asReadonlyInput(bytes)));
deflateSync(asReadonlyInput(bytes));
deflateSync(asReadonlyInput(header));
expectType<Uint8Array<ArrayBuffer>>(asReadonlyInput(bytes));

// Shared memory is not a BufferSource: Blob refuses a view of a SharedArrayBuffer, as it should.
// @ts-expect-error: Blob copies from ArrayBuffer-backed sources only
new Blob([sharedBytes]);

// An exclusive view is a real array and passes everywhere, including writers into it.
declare const target: ExclusiveView<Uint8Array<ArrayBuffer>>;
writeSync(1, target);
new TextDecoder().decode(target);
