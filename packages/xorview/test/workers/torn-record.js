// Writers rewrite whole multi-word records under exclusive views; readers check, under immutable
// views, that every word of a record carries the same sequence number.
import { parentPort, workerData } from 'node:worker_threads';
import { acquire, release, SharedOwnedBuffer } from '../../dist/index.js';

const { handle, role, iterations, records, recordWords, seed } = workerData;
const buffer = SharedOwnedBuffer.fromHandle(handle);
const recordBytes = recordWords * 4;
let random = seed >>> 0;
let torn = 0;
let checked = 0;
for (let iteration = 0; iteration < iterations; iteration++) {
  random = (Math.imul(random, 1103515245) + 12345) >>> 0;
  const record = random % records;
  const options = { as: Int32Array, byteOffset: record * recordBytes, length: recordWords, timeout: 60_000 };
  if (role === 'writer') {
    const words = acquire(buffer, 'exclusive', options);
    const sequence = words[0] + 1;
    for (let word = 0; word < recordWords; word++) words[word] = sequence;
    release(words);
  } else {
    const words = acquire(buffer, 'immutable', options);
    const first = words[0];
    for (let word = 1; word < recordWords; word++) if (words[word] !== first) torn++;
    checked++;
    release(words);
  }
}
parentPort.postMessage({ torn, checked });
