/**
 * eslint-plugin-xorview: typed lint rules for view lifetimes. Skeleton; rules arrive with the
 * plugin issue.
 */
import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

const plugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: 'xorview' },
  rules: {},
  configs: {},
};

export default plugin;
