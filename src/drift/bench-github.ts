/**
 * Times the engine on GitHub's REST description, 18.2.0 vs 22.0.0 (11 MB each), against the floor of
 * reading and parsing both files. Run: `npx tsx src/drift/bench-github.ts` (prints one JSON line).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { diffSpecs } from './diff-specs';
import { loadSpecText } from './load';

const root = path.resolve(__dirname, '../..');
const files = ['octokit-openapi-18', 'octokit-openapi-22'].map((p) => path.join(root, 'node_modules', p, 'generated', 'api.github.com.json'));

const parseStart = performance.now();
for (const file of files) JSON.parse(readFileSync(file, 'utf8'));
const parseMs = performance.now() - parseStart;

const start = performance.now();
const [base, revision] = files.map((file) => loadSpecText(readFileSync(file, 'utf8'), file));
const loadedMs = performance.now() - start;
const findings = diffSpecs(base!, revision!);
const totalMs = performance.now() - start;

const byLevel: Record<string, number> = {};
for (const finding of findings) byLevel[finding.level] = (byLevel[finding.level] ?? 0) + 1;
console.log(
  JSON.stringify({
    parseMs: Math.round(parseMs),
    loadMs: Math.round(loadedMs),
    diffMs: Math.round(totalMs - loadedMs),
    totalMs: Math.round(totalMs),
    ratioToParse: Number((totalMs / parseMs).toFixed(2)),
    findings: findings.length,
    byLevel,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
