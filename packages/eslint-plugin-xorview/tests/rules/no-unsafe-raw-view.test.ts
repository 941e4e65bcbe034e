import rule from '../../src/rules/no-unsafe-raw-view.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('no-unsafe-raw-view', rule, {
  valid: [
    // justified on the line above
    `
import { acquire } from 'xorview';
const memory = new ArrayBuffer(8);
// xorview-unsafe: the audio thread owns the ring-buffer protocol
using ring = acquire(memory, 'raw');
`,
  ],
  invalid: [
    {
      code: `
import { acquire } from 'xorview';
const memory = new ArrayBuffer(8);
using ring = acquire(memory, 'raw');
`,
      errors: [
        {
          messageId: 'unjustifiedRawAcquire',
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: 'addJustification',
              output: `
import { acquire } from 'xorview';
const memory = new ArrayBuffer(8);
// xorview-unsafe: 
using ring = acquire(memory, 'raw');
`,
            },
          ],
        },
      ],
    },
  ],
});
