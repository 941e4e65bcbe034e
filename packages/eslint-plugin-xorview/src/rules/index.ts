import noConflictingViews from './no-conflicting-views.js';
import noUnsafeRawView from './no-unsafe-raw-view.js';
import noUnreleasedView from './no-unreleased-view.js';
import noUseAfterRelease from './no-use-after-release.js';
import noViewAcrossAwait from './no-view-across-await.js';
import noViewEscape from './no-view-escape.js';
import noWriteThroughSharedView from './no-write-through-shared-view.js';
import preferUsing from './prefer-using.js';

/** Every rule of the plugin, by name. The presets in `configs.ts` are derived from this map. */
export const rules = {
  'no-unsafe-raw-view': noUnsafeRawView,
  'no-conflicting-views': noConflictingViews,
  'no-view-across-await': noViewAcrossAwait,
  'no-write-through-shared-view': noWriteThroughSharedView,
  'no-unreleased-view': noUnreleasedView,
  'no-use-after-release': noUseAfterRelease,
  'no-view-escape': noViewEscape,
  'prefer-using': preferUsing,
};
