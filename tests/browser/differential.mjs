// The parser differential's cases and its browser side, shared by the Chromium test
// (differential.test.mjs) and the Firefox one (firefox-hostile.test.mjs).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from './helpers.mjs';
import { hostilePages } from './hostile.mjs';

export const GENERATED = Number(process.env.PITH_DIFFERENTIAL_GENERATED || 3000);
const FUZZ_CORPUS = path.join(REPO, 'fuzz/corpus/extract');

/**
 * The cases, from `cargo test --test sanitize differential_cases` (which writes Pith's
 * sanitized HTML for every page with html5ever's tree of it): the attack corpus, the hostile
 * pages (written out here), the fixtures, the fuzz corpus if a fuzz run left one, and
 * `GENERATED` pages of generated soup.
 * @returns {{ name: string, html: string, tree: unknown[] }[]}
 */
export function differentialCases() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-differential-'));
  try {
    const hostile = path.join(tmp, 'hostile');
    fs.mkdirSync(hostile);
    for (const p of hostilePages()) fs.writeFileSync(path.join(hostile, `${p.name}.html`), p.html);
    const dirs = [hostile, ...(fs.existsSync(FUZZ_CORPUS) ? [FUZZ_CORPUS] : [])];
    const out = path.join(tmp, 'cases.jsonl');
    const cargo = spawnSync(
      'cargo',
      ['test', '--release', '--quiet', '--test', 'sanitize', 'differential_cases', '--', '--ignored', '--exact', '--nocapture'],
      {
        cwd: REPO,
        encoding: 'utf8',
        maxBuffer: 64 << 20,
        env: { ...process.env, PITH_DIFFERENTIAL_OUT: out, PITH_DIFFERENTIAL_PAGES: dirs.join(':'), PITH_DIFFERENTIAL_GENERATED: String(GENERATED) },
      },
    );
    assert.equal(cargo.status, 0, `cargo test --test sanitize differential_cases failed:\n${cargo.stdout}\n${cargo.stderr}`);
    console.log(cargo.stdout.split('\n').find((l) => l.startsWith('differential:')) ?? '');
    return fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Runs in the page: each case's HTML parsed by DOMParser the way the reader does, walked into
 * the event list html5ever's side wrote; the cases whose trees differ, with where.
 * @param {{ name: string, html: string, tree: unknown[] }[]} batch
 */
export function compareInPage(batch) {
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const byName = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  const events = (root) => {
    const out = [];
    const walk = (node) => {
      for (const c of node.childNodes) {
        if (c.nodeType === Node.ELEMENT_NODE) {
          const key = c.namespaceURI === XHTML ? c.localName : `{${c.namespaceURI}}${c.localName}`;
          const attrs = [...c.attributes].map((a) => [a.localName, a.value]).sort(byName);
          out.push(['open', key, attrs]);
          walk(c); // a <template>'s content is not among its children, on either side
          out.push(['close', key]);
        } else if (c.nodeType === Node.TEXT_NODE) {
          const last = out[out.length - 1];
          if (last && last[0] === 'text') last[1] += c.data;
          else if (c.data) out.push(['text', c.data]);
        } else {
          out.push(['other']);
        }
      }
    };
    walk(root);
    return out;
  };
  const differ = [];
  for (const { name, html, tree } of batch) {
    const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
    const mine = events(doc.body);
    const a = JSON.stringify(mine);
    const b = JSON.stringify(tree);
    if (a === b) continue;
    let i = 0;
    while (i < mine.length && i < tree.length && JSON.stringify(mine[i]) === JSON.stringify(tree[i])) i++;
    differ.push({
      name,
      at: i,
      chromium: JSON.stringify(mine.slice(Math.max(0, i - 1), i + 2)),
      html5ever: JSON.stringify(tree.slice(Math.max(0, i - 1), i + 2)),
    });
  }
  return differ;
}

