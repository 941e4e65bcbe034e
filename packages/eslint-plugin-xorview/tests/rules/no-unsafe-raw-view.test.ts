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
    // calls of other functions are not acquisitions
    `
import { acquire } from 'xorview';
declare function helper(value: number): number;
helper(1);
using shared = acquire(new ArrayBuffer(8), 'immutable');
`,
  ],
  invalid: [
    {
      code: `
import { acquire as borrow } from 'xorview';
using ring = borrow(new ArrayBuffer(8), 'raw');
`,
      errors: [
        {
          messageId: 'unjustifiedRawAcquire',
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: 'addJustification',
              output: `
import { acquire as borrow } from 'xorview';
// xorview-unsafe: 
using ring = borrow(new ArrayBuffer(8), 'raw');
`,
            },
          ],
        },
      ],
    },
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
