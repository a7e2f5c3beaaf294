#!/usr/bin/env node
// Builds the browser extension from www/extension/ (one source tree, one manifest template)
// into unpacked directories and store-ready zips:
//
//   dist/extension/                    Chrome, Chromium, Edge (Manifest V3, service worker)
//   dist/extension-firefox/            Firefox 112+ (Manifest V3, background scripts)
//   dist/extension-test/               the Chrome build plus what the headless tests need:
//                                      host permissions for 127.0.0.1 and TEST_BUILD = true
//   dist/extension-firefox-test/       the same for the Firefox build, and popup.html
//                                      web-accessible to 127.0.0.1 (WebDriver BiDi may not
//                                      navigate to moz-extension: URLs, so a test page opens it)
//   dist/pith-extension-<v>.zip        dist/extension/, for the Chrome Web Store
//   dist/pith-extension-<v>-firefox.zip  dist/extension-firefox/, for addons.mozilla.org
//
//   node scripts/build-extension.mjs [--quiet]
//
// <v> is the crate's version (Cargo.toml). Each directory holds the extension's sources,
// www/pith.js, www/pkg/pith.js + pith_bg.wasm (bash scripts/build-wasm.sh builds them),
// www/reader/reader.js and the icons, rendered from www/extension/icons/icon.svg by
// headless Chromium (cached in dist/.icons/ by the SVG's hash).
//
// Why per-browser manifests: Chrome 156 loads a manifest that names both
// background.service_worker and background.scripts, but warns "'background.scripts' requires
// manifest version of 2 or lower"; Firefox has no service worker background. So the
// template (www/extension/manifest.json) carries both and this script keeps each browser's.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(REPO, 'www/extension');
const DIST = path.join(REPO, 'dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ICON_SIZES = [16, 32, 48, 128];
/** Origins the test build may script without a click (the tests' local server). */
const TEST_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*', 'file:///*'];

const quiet = process.argv.includes('--quiet');
for (const arg of process.argv.slice(2)) {
  if (arg === '-h' || arg === '--help') {
    console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 20).join('\n').replace(/^\/\/ ?/gm, ''));
    process.exit(0);
  }
  if (arg !== '--quiet') die(`unknown argument: ${arg} (see --help)`);
}

function die(msg) {
  console.error(`build-extension: error: ${msg}`);
  process.exit(1);
}
const say = (msg) => quiet || console.log(`==> [build-extension] ${msg}`);

/** Files from elsewhere in the repository, and where they go in the extension. */
const SHARED = [
  { from: 'www/pith.js', to: 'pith.js' },
  { from: 'www/snapshot.js', to: 'snapshot.js' },
  { from: 'www/pkg/pith.js', to: 'pkg/pith.js', hint: 'run bash scripts/build-wasm.sh' },
  { from: 'www/pkg/pith_bg.wasm', to: 'pkg/pith_bg.wasm', hint: 'run bash scripts/build-wasm.sh' },
  { from: 'www/reader/reader.js', to: 'reader/reader.js', hint: 'the reader view (www/reader/) is part of the extension' },
];

/** The variants: where each goes, and how its manifest differs from the template. */
const VARIANTS = [
  { name: 'chrome', browser: 'chrome', test: false, dir: 'extension', zip: (v) => `pith-extension-${v}.zip` },
  { name: 'firefox', browser: 'firefox', test: false, dir: 'extension-firefox', zip: (v) => `pith-extension-${v}-firefox.zip` },
  { name: 'test', browser: 'chrome', test: true, dir: 'extension-test', zip: null },
  { name: 'firefox-test', browser: 'firefox', test: true, dir: 'extension-firefox-test', zip: null },
];

/** Chrome-only files (the offscreen document: Firefox's background page runs the wasm itself). */
const CHROME_ONLY = new Set(['offscreen.html', 'offscreen.js']);

main().catch((err) => die(err?.stack ?? String(err)));

async function main() {
  const version = crateVersion();
  for (const f of SHARED) {
    if (!fs.existsSync(path.join(REPO, f.from))) die(`${f.from} is missing${f.hint ? `: ${f.hint}` : ''}`);
  }
  const template = JSON.parse(fs.readFileSync(path.join(SRC, 'manifest.json'), 'utf8'));
  const sources = fs
    .readdirSync(SRC, { withFileTypes: true })
    .filter((d) => d.isFile() && /\.(js|html|css)$/.test(d.name))
    .map((d) => d.name)
    .sort();
  const icons = await renderIcons();

  fs.mkdirSync(DIST, { recursive: true });
  for (const variant of VARIANTS) {
    const out = path.join(DIST, variant.dir);
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });

    for (const name of sources) {
      if (variant.browser === 'firefox' && CHROME_ONLY.has(name)) continue;
      let text = fs.readFileSync(path.join(SRC, name), 'utf8');
      if (name === 'build-flags.js' && variant.test) {
        const flipped = text.replace(/export const TEST_BUILD = false;/, 'export const TEST_BUILD = true;');
        if (flipped === text) die('build-flags.js: cannot find `export const TEST_BUILD = false;`');
        text = flipped;
      }
      write(out, name, text);
    }
    for (const f of SHARED) write(out, f.to, fs.readFileSync(path.join(REPO, f.from)));
    for (const [size, png] of icons) write(out, `icons/icon-${size}.png`, png);

    const manifest = manifestFor(variant, template, version);
    write(out, 'manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    checkReferences(out, manifest);

    if (variant.zip) {
      const zipPath = path.join(DIST, variant.zip(version));
      fs.writeFileSync(zipPath, zipDirectory(out));
      say(`${path.relative(REPO, out)}/ and ${path.relative(REPO, zipPath)} (${kib(fs.statSync(zipPath).size)})`);
    } else {
      say(`${path.relative(REPO, out)}/`);
    }
  }
}

/** The crate version, from Cargo.toml's [package] table. */
function crateVersion() {
  const toml = fs.readFileSync(path.join(REPO, 'Cargo.toml'), 'utf8');
  const pkg = /^\[package\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
  const v = /^version\s*=\s*"([^"]+)"/m.exec(pkg)?.[1];
  if (!v) die('cannot read [package] version from Cargo.toml');
  // Browsers want 1 to 4 dot-separated integers: "0.1.0-beta.2" becomes "0.1.0".
  const numeric = /^\d+(\.\d+){0,3}/.exec(v)?.[0];
  if (!numeric) die(`Cargo.toml version ${v} has no numeric part for the manifest`);
  return numeric;
}

/**
 * The manifest of one variant, from the template.
 * @param {{ name: string, browser: 'chrome' | 'firefox', test: boolean }} variant
 */
function manifestFor(variant, template, version) {
  const m = structuredClone(template);
  m.version = version;
  const bg = m.background ?? {};
  if (variant.browser === 'firefox') {
    delete bg.service_worker;
    m.permissions = (m.permissions ?? []).filter((p) => p !== 'offscreen');
  } else {
    delete bg.scripts;
    delete m.browser_specific_settings;
  }
  m.background = bg;
  delete m.host_permissions;
  if (variant.test) {
    m.name = `${m.name} (test build)`;
    m.host_permissions = TEST_HOSTS;
    if (variant.browser === 'firefox') {
      m.web_accessible_resources = [{ resources: ['popup.html'], matches: ['http://127.0.0.1/*'] }];
    }
  }
  return m;
}

/** Every file the manifest names exists in the built directory. */
function checkReferences(out, m) {
  const refs = [
    ...Object.values(m.icons ?? {}),
    ...Object.values(m.action?.default_icon ?? {}),
    m.action?.default_popup,
    m.background?.service_worker,
    ...(m.background?.scripts ?? []),
  ].filter(Boolean);
  for (const ref of refs) {
    if (!fs.existsSync(path.join(out, ref))) die(`${path.relative(REPO, out)}/manifest.json names ${ref}, which is missing`);
  }
}

function write(root, rel, data) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

// ---------------------------------------------------------------------------------------
// Icons: the SVG rendered by headless Chromium (the same engine that draws it in the
// browser), with a transparent background, at each size the manifest names. Cached by the
// SVG's hash, so a rebuild does not start a browser.

async function renderIcons() {
  const svg = fs.readFileSync(path.join(SRC, 'icons/icon.svg'), 'utf8');
  const hash = crypto.createHash('sha256').update(svg).digest('hex').slice(0, 16);
  const cache = path.join(DIST, '.icons', hash);
  const files = ICON_SIZES.map((s) => [s, path.join(cache, `icon-${s}.png`)]);
  if (files.every(([, f]) => fs.existsSync(f))) return new Map(files.map(([s, f]) => [s, fs.readFileSync(f)]));

  say('rendering the icons with headless Chromium');
  if (!fs.existsSync(CHROMIUM)) die(`${CHROMIUM} not found: it renders the icons (scripts/setup.sh installs it)`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
  });
  const icons = new Map();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}img{display:block}</style>` +
          `<img src="${src}" width="${size}" height="${size}">`,
      );
      await page.locator('img').evaluate((img) => img.decode());
      icons.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
  } finally {
    await browser.close();
  }
  fs.rmSync(path.join(DIST, '.icons'), { recursive: true, force: true });
  fs.mkdirSync(cache, { recursive: true });
  for (const [size, png] of icons) fs.writeFileSync(path.join(cache, `icon-${size}.png`), png);
  return icons;
}

// ---------------------------------------------------------------------------------------
// A minimal zip writer (deflate through node's zlib; no dependency, no `zip` command
// needed). Entries are sorted and dated 1980-01-01, so the same tree gives the same bytes.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Every file under `dir`, as forward-slash relative paths, sorted. */
function listFiles(dir, base = dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? listFiles(path.join(dir, d.name), base) : [path.relative(base, path.join(dir, d.name))]))
    .map((p) => p.split(path.sep).join('/'))
    .sort();
}

function zipDirectory(dir) {
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const name of listFiles(dir)) {
    const data = fs.readFileSync(path.join(dir, name));
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external: regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);

    offset += local.length + nameBuf.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const count = centrals.length / 2;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
