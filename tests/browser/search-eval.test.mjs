// The search evaluation typed into the real page: a sample of the seeded queries of every kind
// (benches/src/eval/), typed into the search box of the national portal in Chromium, served by
// a host that compresses nothing; the first three results shown must hold the team, and must
// be what `ngo search` gives for the same query and province.
//
// The national portal and the queries come from $NGO_SEARCH_EVAL_SITE and $NGO_SEARCH_EVAL
// (tests/run-all prepares them); without them the test makes them itself (a few minutes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { launch, repoRoot, serveStatic } from './support.mjs';
import { typeAndRead } from './search-page.mjs';

/// Queries of each kind typed here: 11 kinds × 15 = 165, at least the 100 the issue asks for.
const PER_KIND = 15;

function prepared() {
  if (process.env.NGO_SEARCH_EVAL_SITE && process.env.NGO_SEARCH_EVAL) {
    return { site: process.env.NGO_SEARCH_EVAL_SITE, cases: process.env.NGO_SEARCH_EVAL };
  }
  const dir = path.join(tmpdir(), 'ngo-search-eval');
  mkdirSync(dir, { recursive: true });
  const content = path.join(dir, 'national');
  const site = path.join(dir, 'public');
  const cases = path.join(dir, 'cases.json');
  const cargo = (args) => execFileSync('cargo', args, { cwd: repoRoot, stdio: 'inherit' });
  if (!existsSync(path.join(content, 'site.yaml'))) {
    cargo(['run', '--release', '--locked', '-p', 'ngo-bench', '--bin', 'gen-national', '--', '--out', content]);
  }
  cargo(['run', '--release', '--locked', '-p', 'ngo', '--', 'build', content, '-o', site, '-q']);
  cargo(['run', '--release', '--locked', '-p', 'ngo-bench', '--bin', 'search-eval', '--',
    '--content', content, '--site', site, '--per-category', String(PER_KIND), '--write', cases]);
  return { site, cases };
}

test('the seeded queries find their team in the first three results shown', { timeout: 30 * 60 * 1000 }, async () => {
  const { site, cases: casesFile } = prepared();
  const all = JSON.parse(readFileSync(casesFile, 'utf8'));
  const byKind = new Map();
  for (const c of all) {
    const list = byKind.get(c.category) ?? [];
    if (list.length < PER_KIND) list.push(c);
    byKind.set(c.category, list);
  }
  const cases = [...byKind.values()].flat();
  assert.ok(cases.length >= 100, `only ${cases.length} queries`);
  const server = await serveStatic(site, '/', { compress: false });
  const browser = await launch();
  const score = new Map();
  const differences = [];
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.url);
    for (const c of cases) {
      const { shown } = await typeAndRead(page, c.query, c.province);
      const first = shown.slice(0, 3).map((p) => p.replace(/^\//, ''));
      const s = score.get(c.label) ?? { n: 0, found: 0, misses: [] };
      s.n += 1;
      if (first.includes(c.expected)) s.found += 1; else s.misses.push(`${c.query} → ${c.expected}: ${first.join(' | ')}`);
      score.set(c.label, s);
      if (first.join() !== c.native.join()) differences.push(`${c.query} (${c.province ?? 'no province'}): page ${first.join(' | ')}; ngo search ${c.native.join(' | ')}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  let found = 0;
  for (const [label, s] of score) {
    found += s.found;
    console.log(`${label.padEnd(40)} ${s.found}/${s.n}`);
    for (const miss of s.misses) console.log(`    ${miss}`);
  }
  const overall = found / cases.length;
  console.log(`Success@3 on the page: ${overall.toFixed(3)} over ${cases.length} queries`);
  assert.deepEqual(differences, [], 'the page shows what ngo search finds');
  assert.ok(overall >= 0.97, `Success@3 ${overall.toFixed(3)} < 0.97`);
  for (const [label, s] of score) {
    assert.ok(s.found / s.n >= 0.93, `${label}: Success@3 ${s.found}/${s.n} < 0.93`);
  }
});
