import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROVIDER_DEFINITION } from '../providers';

/**
 * The core reads the provider from its definition (src/providers): no core source file spells the
 * provider's API path, pact name or hosts.
 */
const ROOT = join(__dirname, '..', '..');
const CORE = ['verify', 'steps', 'drift', 'impact', 'report', 'github', 'auth', 'http', 'audit', 'probes', 'config'];
const WAIVERS: Record<string, string> = {};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('__') ? [] : sources(path);
    const test = entry.name.endsWith('.test.ts');
    return entry.name.endsWith('.ts') && !test ? [path] : [];
  });
}

it('no core source file spells the provider: API path, pact name and hosts come from its definition', () => {
  const spelled = [
    PROVIDER_DEFINITION.apiBasePath,
    PROVIDER_DEFINITION.name,
    PROVIDER_DEFINITION.demoHost,
    ...PROVIDER_DEFINITION.productionHosts,
  ];
  const found = CORE.flatMap((folder) => sources(join(ROOT, 'src', folder)))
    .map((file) => relative(ROOT, file))
    .filter((file) => !(file in WAIVERS))
    .flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return spelled.filter((literal) => text.includes(literal)).map((literal) => `${file}: ${literal}`);
    });
  expect(found).toEqual([]);
});
