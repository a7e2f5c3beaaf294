#!/usr/bin/env node
// Time the wasm build's extract() in node: compile + instantiate, first call, then the
// median of N warm calls. Used to choose the wasm-opt level in wasm-pack.toml.
//
//   node scripts/bench-wasm.mjs [--pkg www/pkg] [--runs 20] FILE.html...

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

let pkg = 'www/pkg';
let runs = 20;
const files = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--pkg') pkg = argv[++i];
  else if (argv[i] === '--runs') runs = Number(argv[++i]);
  else files.push(argv[i]);
}
if (!files.length) files.push('tests/fixtures/news--military-times/source.html');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const t0 = performance.now();
const bytes = fs.readFileSync(path.join(pkg, 'pith_bg.wasm'));
const module = await WebAssembly.compile(bytes);
const glue = await import(pathToFileURL(path.resolve(pkg, 'pith.js')).href);
glue.initSync({ module });
const initMs = performance.now() - t0;

console.log(`${pkg}: ${bytes.length} bytes, compile+instantiate ${initMs.toFixed(1)} ms`);
for (const file of files) {
  const html = fs.readFileSync(file, 'utf8');
  let t = performance.now();
  glue.extract(html, {});
  const first = performance.now() - t;
  const times = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    glue.extract(html, {});
    times.push(performance.now() - t);
  }
  console.log(
    `${path.basename(path.dirname(file))}/${path.basename(file)}: first ${first.toFixed(2)} ms, ` +
      `warm median ${median(times).toFixed(2)} ms (min ${Math.min(...times).toFixed(2)}, n=${runs})`,
  );
}
