/**
 * Chooses the ESLint major the tests run on. Default: the `eslint` devDependency (ESLint 10).
 * `XORVIEW_ESLINT=9`: every `require('eslint')` / `require('eslint/…')` in this test process
 * (the RuleTester's, typescript-eslint's, tests/eslint.ts's) resolves to the `eslint-9` alias.
 * The switch is checked: a run asked to use ESLint 9 fails unless it really loads 9.x.
 */
import Module, { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);
const requestedMajor = process.env.XORVIEW_ESLINT;

interface ResolvingModule {
  _resolveFilename: (request: string, ...rest: unknown[]) => string;
}

if (requestedMajor === '9') {
  const resolving = Module as unknown as ResolvingModule;
  const resolveOriginal = resolving._resolveFilename;
  const eslint9 = (subpath: string): string => requireHere.resolve(`eslint-9${subpath}`);
  resolving._resolveFilename = function resolveToEslint9(this: unknown, request: string, ...rest: unknown[]): string {
    if (request === 'eslint' || request.startsWith('eslint/')) return eslint9(request.slice('eslint'.length));
    return resolveOriginal.call(this, request, ...rest);
  };
}

const loadedVersion = (requireHere('eslint') as { Linter: { version: string } }).Linter.version;
const expectedMajor = requestedMajor ?? '10';
if (!loadedVersion.startsWith(`${expectedMajor}.`)) {
  throw new Error(`Tests asked for ESLint ${expectedMajor} (XORVIEW_ESLINT) but loaded ESLint ${loadedVersion}.`);
}
