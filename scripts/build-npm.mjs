#!/usr/bin/env node
// Builds the npm package of Pith's WebAssembly core into dist/npm/:
//
//   package.json   name, version (the crate's), exports for browsers and for Node, types
//   index.js       the JavaScript API (www/pith.js): init, extract, extractDocument,
//                  isProbablyReaderable, markdownDocument, version
//   node.js        the same for Node: init() reads the .wasm from the package's folder
//                  (Node's fetch() cannot read file: URLs)
//   index.d.ts     the typed API (Article, Options, Stats, DocumentOptions from the glue's
//                  pith.d.ts, which src/wasm.rs writes)
//   snapshot.js    the live-page serializer index.js uses
//   reader.js      the reader view (www/reader/reader.js), as "pith-core/reader"
//   pkg/           the wasm-bindgen glue and pith_bg.wasm
//   README.md
//
//   node scripts/build-npm.mjs [--out DIR] [--quiet]
//
// Installable as it is: `npm install ./dist/npm` (or `npm pack dist/npm` for a tarball).
// tests/browser/npm.test.mjs installs it into a scratch project and uses it from Node and
// from a page.

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(REPO, 'www');
export const PACKAGE_NAME = 'pith-core';

function crate() {
  const toml = fs.readFileSync(path.join(REPO, 'Cargo.toml'), 'utf8');
  const pkg = toml.slice(toml.indexOf('[package]'));
  const field = (k) => new RegExp(`^${k}\\s*=\\s*"([^"]*)"`, 'm').exec(pkg)?.[1] ?? '';
  return { version: field('version'), description: field('description'), license: field('license') };
}

const NODE_JS = `// Pith for Node: the browser API (index.js), with init() reading the .wasm from this
// package's folder, since Node's fetch() cannot read file: URLs.
import { readFile } from "node:fs/promises";
import { init as initCore } from "./index.js";

export { extract, extractDocument, isProbablyReaderable, markdownDocument, version, status } from "./index.js";

/**
 * Loads and compiles the core (once; safe to call again).
 * @param {import("./index.js").InitOptions} [options]
 * @returns {Promise<void>}
 */
export async function init(options = {}) {
  if (options.module === undefined && options.pkgUrl === undefined) {
    options = { ...options, module: await readFile(new URL("./pkg/pith_bg.wasm", import.meta.url)) };
  }
  return initCore(options);
}
`;

const TYPES = `// The typed API of Pith's WebAssembly core (the same in browsers and in Node).
import type { Article, Options, Stats, DocumentOptions } from "./pkg/pith.js";
export type { Article, Options, Stats, DocumentOptions };

/** Where to load the core from (browsers: ./pkg/ next to index.js; Node: the package's folder). */
export interface InitOptions {
  /** Directory holding pith.js and pith_bg.wasm. */
  pkgUrl?: string | URL;
  /** The .wasm itself, already fetched or compiled. */
  module?: WebAssembly.Module | BufferSource | Response | Promise<Response>;
}

/** Loads and compiles the core. Call and await it once before the other functions. */
export function init(options?: InitOptions): Promise<void>;
/** Extracts the article from a page's HTML. Throws an Error with a clear message on bad input. */
export function extract(html: string, options?: Options): Article;
/** Extracts the article of the document this code runs in (browsers only). */
export function extractDocument(options?: Options): Article;
/** A quick check whether the page holds an article worth extracting. */
export function isProbablyReaderable(html: string): boolean;
/** The Markdown file a person saves: title, byline, date, source URL, then the body. */
export function markdownDocument(article: Partial<Article>, options?: DocumentOptions): string;
/** The version of the Pith core. */
export function version(): string;
/** Diagnostics: crashes recovered from, and whether the core is ready. */
export function status(): { crashes: number; imports: number; ready: boolean; spareReady: boolean; pkgUrl: string };
`;

function readme(version) {
  return `# ${PACKAGE_NAME}

Pith turns a cluttered web page into its article: title, byline, date, lead image and body, as
sanitized HTML, plain text and Markdown. This is its WebAssembly core (${version}) with a small
JavaScript API, for browsers and Node (18+). No dependencies, no network: the page's HTML goes
in, the article comes out.

\`\`\`sh
npm install ./dist/npm     # from a Pith checkout, after \`make package\`
\`\`\`

\`\`\`js
import { init, extract, markdownDocument } from "${PACKAGE_NAME}";

await init();                                    // once: compiles the .wasm
const article = extract(html, { url: "https://example.com/story" });
article.title; article.byline; article.published; article.contentHtml; article.text;
const file = markdownDocument(article, { frontMatter: true });   // the .md a person saves
\`\`\`

- In Node, \`init()\` reads \`pkg/pith_bg.wasm\` from this package.
- In a browser (a bundler, or an import map pointing \`${PACKAGE_NAME}\` at \`index.js\`),
  \`init()\` fetches \`pkg/pith_bg.wasm\` next to \`index.js\`; pass \`{ module }\` (bytes, a
  \`Response\` or a compiled \`WebAssembly.Module\`) or \`{ pkgUrl }\` to load it from elsewhere.
- \`extractDocument()\` reads the page the code runs in (browsers).
- Errors are \`Error\`s with a message saying what was wrong (empty input, binary data, too
  large, no readable text). A crash inside the core never poisons the next call.
- \`${PACKAGE_NAME}/reader\` is the reader view (\`globalThis.PithReader.show(article)\`).

Types: \`index.d.ts\` (\`Article\`, \`Options\`, \`DocumentOptions\`).
`;
}

function main() {
  const args = process.argv.slice(2);
  const quiet = args.includes('--quiet');
  const at = args.indexOf('--out');
  const out = at >= 0 && args[at + 1] ? path.resolve(args[at + 1]) : path.join(REPO, 'dist/npm');
  for (const f of ['pith.js', 'pith_bg.wasm', 'pith.d.ts']) {
    if (!fs.existsSync(path.join(WWW, 'pkg', f))) {
      console.error(`build-npm: error: www/pkg/${f} is missing: run bash scripts/build-wasm.sh first (make package does)`);
      process.exit(1);
    }
  }
  const { version, description, license } = crate();
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'pkg'), { recursive: true });
  fs.copyFileSync(path.join(WWW, 'pith.js'), path.join(out, 'index.js'));
  fs.copyFileSync(path.join(WWW, 'snapshot.js'), path.join(out, 'snapshot.js'));
  fs.copyFileSync(path.join(WWW, 'reader/reader.js'), path.join(out, 'reader.js'));
  for (const f of ['pith.js', 'pith_bg.wasm', 'pith.d.ts']) fs.copyFileSync(path.join(WWW, 'pkg', f), path.join(out, 'pkg', f));
  fs.writeFileSync(path.join(out, 'node.js'), NODE_JS);
  fs.writeFileSync(path.join(out, 'index.d.ts'), TYPES);
  fs.writeFileSync(path.join(out, 'README.md'), readme(version));
  const pkg = {
    name: PACKAGE_NAME,
    version,
    description,
    license,
    type: 'module',
    main: './node.js',
    module: './index.js',
    browser: './index.js',
    types: './index.d.ts',
    exports: {
      '.': {
        types: './index.d.ts',
        node: './node.js',
        browser: './index.js',
        default: './index.js',
      },
      './reader': './reader.js',
      './snapshot': './snapshot.js',
      './pith_bg.wasm': './pkg/pith_bg.wasm',
      './package.json': './package.json',
    },
    files: ['index.js', 'node.js', 'index.d.ts', 'snapshot.js', 'reader.js', 'pkg/', 'README.md'],
    sideEffects: ['./reader.js'],
    engines: { node: '>=18' },
    keywords: ['readability', 'reader-mode', 'article-extraction', 'boilerplate-removal', 'markdown', 'webassembly'],
  };
  fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  if (!quiet) console.log(`build-npm: wrote ${path.relative(process.cwd(), out) || out} (${PACKAGE_NAME}@${version}): npm install ${path.relative(process.cwd(), out) || out}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
