#!/usr/bin/env node
// Builds the static site: the demo page, the bookmarklet (its loader and the reader view) and
// the wasm core, in one folder that any static host serves as it is (GitHub Pages, Netlify,
// Cloudflare Pages, nginx, Apache, `python3 -m http.server`):
//
//   dist/site/            index.html, demo.js, demo.css, pith.js, snapshot.js, examples/,
//                         reader/reader.js, bookmarklet/, pkg/ (pith.js, pith_bg.wasm, pith.d.ts),
//                         and the CORS headers for the hosts that read them from a file
//
//   node scripts/build-site.mjs [--out DIR] [--quiet]
//
// Nothing in it names a host: the demo page writes the bookmarklet's link from its own URL
// (import.meta.url), so the bookmarklet loads Pith from wherever the folder was served, at
// any path. What the host must do (README, "Publishing the demo and the bookmarklet"): send
// `Access-Control-Allow-Origin: *`, because the bookmarklet imports Pith's modules and fetches
// the wasm from the pages it runs in (another origin). GitHub Pages and Cloudflare Pages send
// it for every file; `_headers` asks Netlify and Cloudflare for it, `.htaccess` Apache.
// The .wasm should come as application/wasm (every host above does); when it does not,
// pith.js compiles it from bytes instead, a little slower.

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(REPO, 'www');

/** What the site needs from www/ (the benchmark page and the extension are not part of it). */
const FILES = ['index.html', 'demo.js', 'demo.css', 'pith.js', 'snapshot.js', 'reader/reader.js', 'bookmarklet/bookmarklet.js', 'bookmarklet/loader.js'];
const DIRS = ['examples'];
const PKG = ['pith.js', 'pith_bg.wasm', 'pith.d.ts'];

const HEADERS = `# Netlify and Cloudflare Pages read this file: the bookmarklet loads Pith from other sites.
/*
  Access-Control-Allow-Origin: *
/*.wasm
  Content-Type: application/wasm
`;
const HTACCESS = `# Apache: the bookmarklet loads Pith from other sites (needs mod_headers).
<IfModule mod_headers.c>
  Header set Access-Control-Allow-Origin "*"
</IfModule>
AddType application/wasm .wasm
AddType text/javascript .js .mjs
`;

function main() {
  const args = process.argv.slice(2);
  const quiet = args.includes('--quiet');
  const at = args.indexOf('--out');
  const out = at >= 0 && args[at + 1] ? path.resolve(args[at + 1]) : path.join(REPO, 'dist/site');
  for (const f of PKG) {
    if (!fs.existsSync(path.join(WWW, 'pkg', f))) {
      console.error(`build-site: error: www/pkg/${f} is missing: run bash scripts/build-wasm.sh first (make site does)`);
      process.exit(1);
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
  const copy = (from, to) => {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  };
  for (const f of FILES) copy(path.join(WWW, f), path.join(out, f));
  for (const d of DIRS) fs.cpSync(path.join(WWW, d), path.join(out, d), { recursive: true });
  for (const f of PKG) copy(path.join(WWW, 'pkg', f), path.join(out, 'pkg', f));
  fs.writeFileSync(path.join(out, '_headers'), HEADERS);
  fs.writeFileSync(path.join(out, '.htaccess'), HTACCESS);
  // GitHub Pages: serve the files as they are (no Jekyll run; it would skip nothing here, but
  // it is slower and ignores files starting with "_").
  fs.writeFileSync(path.join(out, '.nojekyll'), '');
  if (!quiet) {
    let bytes = 0;
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else bytes += fs.statSync(p).size;
      }
    };
    walk(out);
    console.log(`build-site: wrote ${path.relative(process.cwd(), out) || out} (${(bytes / 1024).toFixed(0)} KiB): upload it to any static host`);
  }
}

main();
