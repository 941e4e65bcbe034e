import noConflictingViews from './no-conflicting-views.js';
import noUnsafeRawView from './no-unsafe-raw-view.js';
import noViewAcrossAwait from './no-view-across-await.js';
import noWriteThroughSharedView from './no-write-through-shared-view.js';

/** Every rule of the plugin, by name. The presets in `configs.ts` are derived from this map. */
export const rules = {
  'no-unsafe-raw-view': noUnsafeRawView,
  'no-conflicting-views': noConflictingViews,
  'no-view-across-await': noViewAcrossAwait,
  'no-write-through-shared-view': noWriteThroughSharedView,
};
