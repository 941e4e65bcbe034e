import noUnsafeRawView from './no-unsafe-raw-view.js';

/** Every rule of the plugin, by name. The presets in `configs.ts` are derived from this map. */
export const rules = {
  'no-unsafe-raw-view': noUnsafeRawView,
};
