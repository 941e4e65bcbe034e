/**
 * Platform functions known to only read a buffer argument although their typings demand a
 * writable array (Node's `NodeJS.ArrayBufferView`): the places `asReadonlyInput` may feed
 * without a justification. Recognised by the callee's declaration in `@types/node`, not by name
 * alone, so a user function called `write` does not qualify.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import * as ts from 'typescript';

/**
 * fs, Buffer, stream, net/tls/http sockets, crypto, TextDecoder: functions and methods that read
 * their input.
 */
const readOnlyPlatformFunctions: ReadonlySet<string> = new Set([
  'write',
  'writeSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'writev',
  'writevSync',
  'end',
  'compare',
  'concat',
  'equals',
  'byteLength',
  'update',
  'timingSafeEqual',
  'crc32',
  'decode',
]);

/** zlib's synchronous codecs: read the input, return a new buffer. */
const zlibSyncPattern = /^(?:deflate|deflateRaw|inflate|inflateRaw|gzip|gunzip|unzip|brotliCompress|brotliDecompress|zstdCompress|zstdDecompress)Sync$/u;

/** Node's typings and TypeScript's own lib files (`lib.dom.d.ts`, …): the platform. */
const platformTypesPattern = /[\\/]@types[\\/]node[\\/]|[\\/]typescript[\\/]lib[\\/]lib\.[^\\/]*\.d\.ts$/u;

/** The node naming the called function: `f` in `f()`, `write` in `stream.write()`. */
function calleeNameNode(callee: TSESTree.Expression): TSESTree.Node | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) return callee.property;
  return undefined;
}

/** Whether `call` calls one of the known read-only functions of the platform's typings. */
export function isKnownReadOnlyCall(
  services: ParserServicesWithTypeInformation,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  const nameNode = calleeNameNode(call.callee);
  if (nameNode?.type !== AST_NODE_TYPES.Identifier) return false;
  if (!readOnlyPlatformFunctions.has(nameNode.name) && !zlibSyncPattern.test(nameNode.name)) return false;
  const checker = services.program.getTypeChecker();
  let symbol = services.getSymbolAtLocation(nameNode);
  if (symbol === undefined) return false;
  if ((symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
  return symbol.declarations?.some((declaration) => platformTypesPattern.test(declaration.getSourceFile().fileName)) ?? false;
}
