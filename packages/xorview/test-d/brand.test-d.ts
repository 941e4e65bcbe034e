// The brand: one stable string key shared by every copy of xorview.
import { expectAssignable, expectNotAssignable, expectType } from 'tsd';
import type { ExclusiveView, ImmutableView, RawView, ViewBrand } from 'xorview';
import { viewBrandKey } from 'xorview/semantics';

expectType<'~xorview'>(viewBrandKey);
expectType<'~xorview'>('~xorview' as keyof ViewBrand<'raw'>);

// A structurally identical brand from a duplicated package copy is the same brand.
interface BrandFromAnotherCopy {
  readonly '~xorview': { readonly mode: 'immutable' | 'exclusive'; readonly kind: unknown };
}
declare const fromAnotherCopy: ReadonlyArray<number> & BrandFromAnotherCopy;
expectAssignable<ViewBrand<'immutable' | 'exclusive'>>(fromAnotherCopy);

expectAssignable<ViewBrand<'immutable' | 'exclusive'>>(0 as unknown as ExclusiveView);
expectNotAssignable<ViewBrand<'exclusive'>>(0 as unknown as ImmutableView);
expectNotAssignable<ViewBrand<'immutable' | 'exclusive'>>(0 as unknown as RawView);
expectNotAssignable<ViewBrand<'raw'>>(new Uint8Array(1));
