#!/usr/bin/env node
// What the browser downloads for Pith: the .wasm and its JS glue, raw, gzip -9 and brotli
// (quality 11), as a Markdown table the README can quote and CI can print.
//
//   node scripts/size-report.mjs [OUT_DIR=www/pkg] [OUT_NAME=pith] [--json]

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const json = args.includes('--json');
const [dir = 'www/pkg', name = 'pith'] = args.filter((a) => a !== '--json');

const files = [`${name}_bg.wasm`, `${name}.js`];
const rows = [];
for (const file of files) {
  const full = path.join(dir, file);
  let buf;
  try {
    buf = fs.readFileSync(full);
  } catch {
    console.error(`size-report: ${full} is missing: build first (bash scripts/build-wasm.sh)`);
    process.exit(1);
  }
  rows.push({
    file,
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
        [zlib.constants.BROTLI_PARAM_MODE]: file.endsWith('.js')
          ? zlib.constants.BROTLI_MODE_TEXT
          : zlib.constants.BROTLI_MODE_GENERIC,
      },
    }).length,
  });
}
const total = { file: 'total', raw: 0, gzip: 0, brotli: 0 };
for (const r of rows) for (const k of ['raw', 'gzip', 'brotli']) total[k] += r[k];
rows.push(total);

if (json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const cells = rows.map((r) => [r.file, kib(r.raw), kib(r.gzip), kib(r.brotli)]);
  const head = ['file', 'raw', 'gzip -9', 'brotli'];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => '| ' + c.map((s, i) => (i ? s.padStart(width[i]) : s.padEnd(width[i]))).join(' | ') + ' |';
  console.log(`Pith wasm size (${dir})`);
  console.log(line(head));
  console.log('|' + width.map((w, i) => (i ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|');
  for (const c of cells) console.log(line(c));
}
