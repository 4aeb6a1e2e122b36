// Regenerates the built-in API catalog: node --import tsx scripts/catalog/generate.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, renderCatalogModule, type DiscoveryInput } from './buildCatalog.ts';

export const INPUT_PATH = join(__dirname, 'input', 'discovery.json');
export const OUTPUT_PATH = join(__dirname, '..', '..', 'server', 'src', 'core', 'catalog', 'data', 'builtinApi.ts');

export function generatedCatalogSource(): string {
  const input = JSON.parse(readFileSync(INPUT_PATH, 'utf8')) as DiscoveryInput;
  return renderCatalogModule(buildCatalog(input));
}

if (require.main === module) {
  writeFileSync(OUTPUT_PATH, generatedCatalogSource());
  console.log(`wrote ${OUTPUT_PATH}`);
}
