// The reader as people use it (issue 13): print in every theme, each picture once and never
// upscaled, highlighted code keeping its lines, one Markdown document on every surface, the
// table of contents, the settings, reading times, the demo's help for URLs and binary files,
// the static site (`make site`) served by a plain static server with the bookmarklet used from
// a third origin, and the npm package (`make package`) installed into a scratch project.
//
// Origins: www/ (scripts/serve.mjs) on 127.0.0.1:A; the article pages, written here, on
// localhost:B; the static site on 127.0.0.1:C. Screenshots: tests/browser/screenshots/reading-*.png.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cleanPage, cliMarkdown, collapse, launch, markdownHeader, REPO, screenshot, serve, WWW } from './helpers.mjs';

/** An SVG picture of a given size (the stand-in for photos on hosts this network cannot reach). */
const svg = (w, h) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="${w}" height="${h}" fill="#9ab"/><circle cx="${w / 2}" cy="${h / 2}" r="${Math.min(w, h) / 3}" fill="#567"/></svg>`;

const para = (n, topic) =>
  Array.from({ length: n }, (_, i) => `<p>The ${topic} went on through the ${i + 1}th hour, and the people of the harbour talked about it over supper, weighing every rumour against what the boats brought back at dawn and what the old pilots said it meant.</p>`).join('\n');

/** A long article: headings (a table of contents), links, pictures, code in three highlighter styles. */
const LONG = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>The harbour that learned to wait | Coast Weekly</title>
<meta property="og:title" content="The harbour that learned to wait">
<meta property="og:image" content="https://img.example/big/harbour-1600x900.jpg">
<meta name="author" content="Ines Duarte">
<meta property="article:published_time" content="2024-05-02T06:00:00Z">
<meta property="og:site_name" content="Coast Weekly">
<style>.ln { display: block }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>The harbour that learned to wait</h1>
<p class="byline">By Ines Duarte</p>
<figure><img src="https://cdn.img.example/big/harbour-800x450.jpg" alt="The harbour at dawn"><figcaption>The harbour at dawn.</figcaption></figure>
<figure><img src="https://img.example/big/harbour-1024x576.jpg" alt="The harbour at dawn, again"></figure>
${para(3, 'storm')}
<p>The full report is on <a href="https://coast.example/report">the coast guard's site</a>, with the tide tables.</p>
<p><img src="https://img.example/small/buoy.png" width="1200" height="900" alt="A buoy"></p>
<h2>The first night</h2>
${para(3, 'waiting')}
<pre class="prism-code language-js"><div class="token-line"><span class="token keyword">const</span> tide = read();</div><div class="token-line"><span class="token keyword">if</span> (tide &gt; 3) wait();</div><div class="token-line">sail();</div></pre>
<h2>The second night</h2>
${para(3, 'second watch')}
<pre><code class="language-python"><span class="line">boats = count()</span><span class="line">print(boats)</span></code></pre>
<h3>What the pilots said</h3>
${para(3, 'pilots\u2019 council')}
<pre><code><span class="ln">first live line</span><span class="ln">second live line</span><span class="ln">third live line</span></code></pre>
<h2>Morning</h2>
${para(4, 'morning')}
</article>
<footer><p>&copy; Coast Weekly</p></footer>
</body></html>`;

/** A short article (no table of contents) whose lead image is the site's icon. */
const SHORT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A short note</title>
<meta property="og:image" content="https://img.example/icon/logo.png"></head><body><article><h1>A short note</h1>
${para(4, 'meeting')}<h2>One</h2><p>Only one heading and a little text after it, so no contents list is needed here.</p></article></body></html>`;

const PAGES = { '/long/': LONG, '/short/': SHORT };

let www;
let site;
let browser;
let wwwOrigin = '';

/** The article pages, on a second origin. */
async function servePages() {
  const server = http.createServer((req, res) => {
    const page = PAGES[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(page ? 200 : 404, { 'Content-Type': page ? 'text/html; charset=utf-8' : 'text/plain' });
    res.end(page ?? 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { origin: `http://localhost:${port}`, stop: () => new Promise((r) => {
      server.closeAllConnections(); // the browser's keep-alive connections would hold close() for minutes
      server.close(() => r(undefined));
    }) };
}

/**
 * A plain static file server, as a static host is: files with their types, and (like GitHub
 * Pages) `Access-Control-Allow-Origin: *`; nothing else of scripts/serve.mjs.
 * @param {string} root
 */
async function staticHost(root) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json', '.ts': 'text/plain' };
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(root, path.normalize(p));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Access-Control-Allow-Origin': '*' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}/`, stop: () => new Promise((r) => {
      server.closeAllConnections(); // the browser's keep-alive connections would hold close() for minutes
      server.close(() => r(undefined));
    }) };
}

before(async () => {
  assert.ok(fs.existsSync(`${WWW}/pkg/pith_bg.wasm`), 'www/pkg is missing: run scripts/test-browser.sh (it builds it)');
  www = await serve();
  wwwOrigin = www.url.replace(/\/$/, '');
  site = await servePages();
  browser = await launch({ acceptDownloads: true });
  await browser.context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('http://127.0.0.1') || url.startsWith('http://localhost')) return route.continue();
    // Pictures: sizes in the path, a 32 px icon, a 4×3 "small" picture.
    if (url.includes('/big/')) return route.fulfill({ contentType: 'image/svg+xml', body: svg(1600, 900) });
    if (url.includes('/icon/')) return route.fulfill({ contentType: 'image/svg+xml', body: svg(32, 32) });
    if (url.includes('/small/')) return route.fulfill({ contentType: 'image/svg+xml', body: svg(120, 90) });
    return route.abort('blockedbyclient');
  });
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await www?.stop();
});

/** Opens an article page and the reader over it (the bookmarklet's loader, imported as the bookmarklet does). */
async function openReader(pagePath, { viewport, colorScheme } = /** @type {any} */ ({})) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  if (colorScheme) await page.emulateMedia({ colorScheme });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.origin + pagePath);
  await page.evaluate(async (u) => (await import(u)).toggle(), `${wwwOrigin}/bookmarklet/loader.js`);
  await page.waitForFunction(() => document.getElementById('pith-reader')?.shadowRoot?.querySelector('article') && !document.getElementById('pith-reader').shadowRoot.querySelector('.pr-pending'));
  // Let the pictures load (their load handlers size them).
  await page.waitForFunction(() => [...document.getElementById('pith-reader').shadowRoot.querySelectorAll('img')].every((i) => i.complete));
  await page.waitForTimeout(300); // the overlay's 140 ms fade-in, for the screenshots
  return { page, errors };
}

/** Runs `fn(root)` with the reader's shadow root. */
const inReader = (page, fn, arg) => page.evaluate(([f, a]) => new Function('root', 'arg', `return (${f})(root, arg)`)(document.getElementById('pith-reader').shadowRoot, a), [fn.toString(), arg]);

const click = (page, selector) => inReader(page, (root, sel) => root.querySelector(sel).click(), selector);

describe('print', () => {
  test('black on white in every theme (light system, dark system), links with their URL after them', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { page, errors } = await openReader('/long/', { colorScheme });
      for (const theme of ['auto', 'light', 'sepia', 'dark']) {
        await click(page, '[data-action=settings]');
        await click(page, `[data-action=theme][data-value=${theme}]`);
        await click(page, '[data-action=settings]');
        const screen = await inReader(page, (root) => getComputedStyle(root.querySelector('.pr-root')).backgroundColor);
        if (theme === 'sepia') assert.notEqual(screen, 'rgb(255, 255, 255)', 'sepia on screen is not white');
        if (theme === 'dark' || (theme === 'auto' && colorScheme === 'dark')) assert.equal(screen, 'rgb(24, 24, 26)', `${theme} on screen is dark`);
        await page.emulateMedia({ media: 'print' });
        const ink = await inReader(page, (root) => {
          const s = (sel, pseudo) => getComputedStyle(root.querySelector(sel), pseudo);
          const link = [...root.querySelectorAll('.pr-body a')].find((a) => a.textContent.includes('coast guard'));
          return {
            root: s('.pr-root').backgroundColor,
            text: s('.pr-body p').color,
            title: s('#pr-title').color,
            code: s('.pr-body pre').color,
            codeBg: s('.pr-body pre').backgroundColor,
            link: getComputedStyle(link).color,
            after: getComputedStyle(link, '::after').content,
            bar: s('.pr-bar').display,
            toc: s('.pr-toc').display,
          };
        });
        const label = `${theme} theme, ${colorScheme} system`;
        assert.equal(ink.root, 'rgb(255, 255, 255)', label);
        for (const k of ['text', 'title', 'code', 'link']) assert.equal(ink[k], 'rgb(0, 0, 0)', `${label}: ${k}`);
        assert.equal(ink.codeBg, 'rgb(244, 244, 244)', label);
        assert.equal(ink.after, '" (https://coast.example/report)"', label);
        assert.equal(ink.bar, 'none', label);
        assert.equal(ink.toc, 'none', label);
        if (theme === 'dark' && colorScheme === 'dark') await screenshot(page, 'reading-print-dark-theme');
        await page.emulateMedia({ media: 'screen' });
      }
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

  test('the demo prints the article black on white in a dark system theme', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(www.url);
    assert.equal(await cleanPage(page, LONG, { url: 'https://coast.example/harbour' }), 'result');
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const ink = await page.evaluate(() => ({
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.querySelector('#article p')).color,
      input: getComputedStyle(document.querySelector('#input-card')).display,
      after: getComputedStyle([...document.querySelectorAll('#article a')].find((a) => a.href.includes('coast.example/report')), '::after').content,
    }));
    assert.deepEqual(ink, { body: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)', input: 'none', after: '" (https://coast.example/report)"' });
    await page.close();
  });
});

describe('pictures', () => {
  test('the lead photo once (not again at another size or CDN URL), nothing upscaled, no icon as lead image', async () => {
    const { page, errors } = await openReader('/long/');
    const pics = await inReader(page, (root) =>
      [...root.querySelectorAll('article img')].map((i) => ({ src: i.getAttribute('src'), lead: !!i.closest('.pr-lead'), shown: i.getBoundingClientRect().width, natural: i.naturalWidth })),
    );
    const harbour = pics.filter((p) => p.src.includes('harbour'));
    assert.equal(harbour.length, 1, `the harbour photo once: ${JSON.stringify(pics)}`);
    assert.equal(harbour[0].lead, false, 'the body opens with it: no lead image above it');
    const buoy = pics.find((p) => p.src.includes('buoy'));
    assert.ok(buoy, 'the small picture is kept');
    assert.equal(buoy.natural, 120);
    assert.ok(buoy.shown <= 120.5, `a 120 px picture shown at ${buoy.shown} px (its width attribute says 1200)`);
    assert.ok(harbour[0].shown > 500, 'a large picture fills the column');
    await screenshot(page, 'reading-pictures');
    assert.deepEqual(errors, []);
    await page.close();

    const short = await openReader('/short/');
    const lead = await inReader(short.page, (root) => root.querySelectorAll('.pr-lead').length);
    assert.equal(lead, 0, 'a 32 px og:image is the site icon, not a lead picture');
    await short.page.close();
  });

  test('the demo shows the harbour photo once too', async () => {
    const page = await browser.context.newPage();
    await page.goto(www.url);
    assert.equal(await cleanPage(page, LONG, { url: 'https://coast.example/harbour' }), 'result');
    await page.waitForFunction(() => [...document.querySelectorAll('#reader img')].every((i) => i.complete));
    const srcs = await page.evaluate(() => [...document.querySelectorAll('#reader img')].filter((i) => !i.closest('[hidden]') && i.getAttribute('src')).map((i) => i.getAttribute('src')));
    assert.equal(srcs.filter((s) => s.includes('harbour')).length, 1, JSON.stringify(srcs));
    await page.close();
  });
});

describe('code', () => {
  const LINES = [
    ['Prism React (div.token-line)', ['const tide = read();', 'if (tide > 3) wait();', 'sail();']],
    ['Shiki / Gatsby (span.line)', ['boats = count()', 'print(boats)']],
  ];
  test('pasted HTML (the demo): each highlighter style keeps its line breaks', async () => {
    const page = await browser.context.newPage();
    await page.goto(www.url);
    assert.equal(await cleanPage(page, LONG, { url: 'https://coast.example/harbour' }), 'result');
    const pres = await page.evaluate(() => [...document.querySelectorAll('#article pre')].map((p) => p.innerText));
    for (const [style, lines] of LINES) {
      assert.ok(pres.some((t) => t.trim() === lines.join('\n')), `${style}: ${JSON.stringify(pres)}`);
    }
    await page.locator('#article pre').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'reading-code-demo');
    await page.close();
  });

  test('the live page (reader): lines the page makes blocks with its own CSS keep their breaks too', async () => {
    const { page } = await openReader('/long/');
    const pres = await inReader(page, (root) => [...root.querySelectorAll('.pr-body pre')].map((p) => p.innerText));
    for (const [style, lines] of [...LINES, ['the page\'s own CSS (.ln { display: block })', ['first live line', 'second live line', 'third live line']]]) {
      assert.ok(pres.some((t) => t.trim() === lines.join('\n')), `${style}: ${JSON.stringify(pres)}`);
    }
    await inReader(page, (root) => root.querySelector('.pr-body pre').scrollIntoView());
    await screenshot(page, 'reading-code-reader');
    await page.emulateMedia({ media: 'print' });
    const printed = await inReader(page, (root) => root.querySelector('.pr-body pre').innerText);
    assert.equal(printed.trim(), LINES[0][1].join('\n'), 'in print too');
    await page.close();
  });
});

describe('one Markdown document', () => {
  test('the demo, the bookmarklet\'s reader and the CLI write the same header (and the same file)', async () => {
    const url = `${site.origin}/long/`;
    // The demo: the Markdown tab is the file it copies and downloads.
    const demo = await browser.context.newPage();
    await demo.goto(www.url);
    assert.equal(await cleanPage(demo, LONG, { url }), 'result');
    await demo.getByTestId('tab-markdown').click();
    const fromDemo = await demo.getByTestId('source-markdown').innerText();
    const [download] = await Promise.all([demo.waitForEvent('download'), demo.getByTestId('download').click()]);
    const demoFile = fs.readFileSync(await download.path(), 'utf8');
    assert.equal(demoFile, fromDemo.endsWith('\n') ? fromDemo : fromDemo + '\n');
    // Front matter, as an option.
    await demo.getByTestId('front-matter').check();
    const withYaml = await demo.getByTestId('source-markdown').innerText();
    assert.ok(withYaml.startsWith('---\ntitle: "The harbour that learned to wait"\nauthor: "Ines Duarte"\n'), withYaml.slice(0, 200));
    assert.match(withYaml, /\npublished: 2024-05-02\n---\n\n# The harbour that learned to wait\n/);
    await demo.close();

    // The bookmarklet's reader: Download .md.
    const { page } = await openReader('/long/');
    const [dl] = await Promise.all([page.waitForEvent('download'), click(page, '[data-action=download]')]);
    const readerFile = fs.readFileSync(await dl.path(), 'utf8');
    await page.close();

    const header = markdownHeader(demoFile);
    assert.equal(header, `# The harbour that learned to wait\n\n_Ines Duarte · 2024-05-02_\n\nSource: <${url}>`);
    assert.equal(markdownHeader(readerFile), header, 'the bookmarklet writes the demo\'s header');
    const cli = cliMarkdown(LONG, url);
    if (cli !== null) {
      assert.equal(markdownHeader(cli), header, 'the CLI writes the same header');
      assert.equal(cli, demoFile, 'and the same file as the demo (the same HTML in)');
      const yaml = cliMarkdown(LONG, url, ['--front-matter']);
      assert.equal(yaml, withYaml.endsWith('\n') ? withYaml : withYaml + '\n', 'the CLI\'s front matter is the demo\'s');
    }
  });
});

describe('table of contents and settings', () => {
  test('a long article gets a foldable table of contents that follows the reading position; a short one none', async () => {
    const { page, errors } = await openReader('/long/', { viewport: { width: 1360, height: 900 } });
    const toc = await inReader(page, (root) => ({
      links: [...root.querySelectorAll('.pr-toc a')].map((a) => a.textContent),
      open: root.querySelector('.pr-toc details').open,
      current: root.querySelector('.pr-toc a[aria-current=true]')?.textContent,
    }));
    assert.deepEqual(toc.links, ['The first night', 'The second night', 'What the pilots said', 'Morning']);
    assert.equal(toc.open, true, 'open beside the article on a wide screen');
    assert.equal(toc.current, 'The first night');
    await screenshot(page, 'reading-toc-wide');
    // A click on an entry scrolls there, and the list marks it as the one being read.
    await inReader(page, (root) => [...root.querySelectorAll('.pr-toc a')][2].click());
    await page.waitForFunction(() => document.getElementById('pith-reader').shadowRoot.querySelector('.pr-toc a[aria-current=true]')?.textContent === 'What the pilots said');
    const top = await inReader(page, (root) => root.getElementById(root.querySelectorAll('.pr-toc a')[2].getAttribute('href').slice(1)).getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 200, `the heading is at the top: ${top}`);
    // Scrolling by hand moves the mark.
    await inReader(page, (root) => (root.querySelector('.pr-dialog').scrollTop = 0));
    await page.waitForFunction(() => document.getElementById('pith-reader').shadowRoot.querySelector('.pr-toc a[aria-current=true]')?.textContent === 'The first night');
    assert.deepEqual(errors, []);
    await page.close();

    // Narrow: folded above the article; it opens on a click.
    const narrow = await openReader('/long/', { viewport: { width: 700, height: 900 } });
    assert.equal(await inReader(narrow.page, (root) => root.querySelector('.pr-toc details').open), false);
    await inReader(narrow.page, (root) => root.querySelector('.pr-toc summary').click());
    assert.equal(await inReader(narrow.page, (root) => root.querySelector('.pr-toc details').open), true);
    await screenshot(narrow.page, 'reading-toc-narrow');
    await narrow.page.close();

    const short = await openReader('/short/');
    assert.equal(await inReader(short.page, (root) => root.querySelectorAll('.pr-toc').length), 0);
    await short.page.close();
  });

  test('Auto follows the system after another theme was tried; line height and alignment; the per-site note once', async () => {
    // A site where the reader was never opened (the tests above used this origin).
    const fresh = await browser.context.newPage();
    await fresh.goto(`${site.origin}/short/`);
    await fresh.evaluate(() => localStorage.clear());
    await fresh.close();
    const { page } = await openReader('/short/', { colorScheme: 'light' });
    const theme = () => inReader(page, (root) => root.querySelector('.pr-root').dataset.theme);
    await click(page, '[data-action=settings]');
    const note = () => inReader(page, (root) => !root.querySelector('.pr-note').hidden && root.querySelector('.pr-note').textContent);
    assert.match(String(await note()), /remembered for this site only/);
    await click(page, '[data-action=theme][data-value=sepia]');
    assert.equal(await theme(), 'sepia');
    await click(page, '[data-action=theme][data-value=auto]');
    assert.equal(await theme(), 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.getElementById('pith-reader').shadowRoot.querySelector('.pr-root').dataset.theme === 'dark');
    const lh = () => inReader(page, (root) => parseFloat(getComputedStyle(root.querySelector('.pr-body p')).lineHeight) / parseFloat(getComputedStyle(root.querySelector('.pr-body p')).fontSize));
    const before = await lh();
    await click(page, '[data-action=looser]');
    assert.ok((await lh()) > before + 0.1, 'more space between lines');
    await click(page, '[data-action=align][data-value=justify]');
    assert.equal(await inReader(page, (root) => getComputedStyle(root.querySelector('.pr-body p')).textAlign), 'justify');
    await screenshot(page, 'reading-settings');
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('pith.reader.settings')));
    assert.deepEqual({ theme: saved.theme, leading: saved.leading, align: saved.align, told: saved.told }, { theme: 'auto', leading: 1.8, align: 'justify', told: true });
    await page.close();
    // Next time on this site: the settings hold and the note is not said again.
    const again = await openReader('/short/', { colorScheme: 'light' });
    await click(again.page, '[data-action=settings]');
    assert.equal(await inReader(again.page, (root) => root.querySelector('.pr-note').hidden), true);
    assert.equal(await inReader(again.page, (root) => root.querySelector('.pr-root').dataset.align), 'justify');
    await again.page.close();
  });

  test('reading times in words: minutes, hours, "a very long read", with the word count', async () => {
    const { page } = await openReader('/short/');
    const f = (m, w) => page.evaluate(([m, w]) => globalThis.PithReader.readingTime(m, w), [m, w]);
    assert.equal(await f(4, 812), '4 min read (812 words)');
    assert.equal(await f(80, 18400), '1 h 20 min read (18,400 words)');
    assert.equal(await f(16595, 3817000), 'a very long read (3,817,000 words)');
    assert.match(await inReader(page, (root) => root.querySelector('.pr-minutes').textContent), /^1 min read \(\d+ words\)$/);
    await page.close();
  });
});

describe('the demo helps', () => {
  test('a pasted URL: Pith cleans HTML and cannot fetch pages, and says how to save one', async () => {
    const page = await browser.context.newPage();
    await page.goto(www.url);
    assert.equal(await cleanPage(page, 'https://news.example/2024/05/story.html'), 'error');
    const text = await page.getByTestId('error').innerText();
    assert.match(text, /cannot fetch pages/);
    assert.match(text, /Webpage, HTML only/);
    assert.equal(await page.getByTestId('url').inputValue(), 'https://news.example/2024/05/story.html', 'the address goes to the Page URL field');
    assert.equal(await page.locator('#results').isVisible(), false);
    await screenshot(page, 'reading-demo-url');
    await page.close();
  });

  test('after Clean the result scrolls into view', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto(www.url);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    assert.equal(await cleanPage(page, LONG), 'result');
    await page.waitForFunction(() => Math.abs(document.getElementById('results').getBoundingClientRect().top) < 130);
    await page.close();
  });
});

describe('the static site (make site)', () => {
  test('served by a plain static server, its bookmarklet points there and works on a third origin', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-site-'));
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build-site.mjs'), '--out', out, '--quiet']);
    for (const f of ['index.html', 'pith.js', 'pkg/pith_bg.wasm', 'reader/reader.js', 'bookmarklet/loader.js', '_headers']) {
      assert.ok(fs.existsSync(path.join(out, f)), `${f} in the site`);
    }
    const host = await staticHost(out);
    try {
      const demo = await browser.context.newPage();
      const errors = [];
      demo.on('pageerror', (e) => errors.push(e.message));
      await demo.goto(host.url);
      assert.equal(await cleanPage(demo, LONG), 'result', 'the demo works from the static host');
      const href = /** @type {string} */ (await demo.getByTestId('bookmarklet').getAttribute('href'));
      assert.ok(decodeURIComponent(href).includes(JSON.stringify(host.url.replace(/\/$/, ''))), 'the bookmarklet loads from the static host');
      await screenshot(demo, 'reading-site-demo');
      await demo.close();
      // The article page on a third origin, the bookmarklet clicked there.
      const page = await browser.context.newPage();
      await page.goto(`${site.origin}/long/`);
      await page.evaluate((h) => (location.href = h), href);
      await page.waitForFunction(() => document.getElementById('pith-reader')?.shadowRoot?.querySelector('#pr-title'), null, { timeout: 20_000 });
      assert.equal(await inReader(page, (root) => root.getElementById('pr-title').textContent), 'The harbour that learned to wait');
      await page.waitForTimeout(300); // the overlay's fade-in
      await screenshot(page, 'reading-site-bookmarklet');
      await page.close();
      assert.deepEqual(errors, []);
    } finally {
      await host.stop();
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('the npm package (make package)', () => {
  test('npm install ./dist/npm into a scratch project: used from Node and from a page', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-npm-'));
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-scratch-'));
    try {
      execFileSync(process.execPath, [path.join(REPO, 'scripts/build-npm.mjs'), '--out', dist, '--quiet']);
      const pkg = JSON.parse(fs.readFileSync(path.join(dist, 'package.json'), 'utf8'));
      assert.equal(pkg.name, 'pith-core');
      assert.equal(pkg.types, './index.d.ts');
      assert.deepEqual(Object.keys(pkg.exports['.']).sort(), ['browser', 'default', 'node', 'types']);
      for (const f of ['index.js', 'node.js', 'index.d.ts', 'pkg/pith_bg.wasm', 'pkg/pith.js', 'pkg/pith.d.ts', 'README.md']) {
        assert.ok(fs.existsSync(path.join(dist, f)), f);
      }
      fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', type: 'module', private: true }));
      // A copy, as from a registry (--install-links), so nothing resolves back into the checkout.
      execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--install-links', dist], { cwd: scratch, stdio: 'pipe' });
      assert.ok(fs.existsSync(path.join(scratch, 'node_modules/pith-core/pkg/pith_bg.wasm')));
      fs.writeFileSync(
        path.join(scratch, 'main.js'),
        `import { init, extract, markdownDocument, version } from "pith-core";
import { readFileSync } from "node:fs";
await init();
const a = extract(readFileSync("page.html", "utf8"), { url: "https://coast.example/harbour" });
console.log(JSON.stringify({ title: a.title, byline: a.byline, words: a.wordCount, version: version(), md: markdownDocument(a).split("\\n")[0] }));
`,
      );
      fs.writeFileSync(path.join(scratch, 'page.html'), LONG);
      const fromNode = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: scratch, encoding: 'utf8' }));
      assert.equal(fromNode.title, 'The harbour that learned to wait');
      assert.equal(fromNode.byline, 'Ines Duarte');
      assert.ok(fromNode.words > 300, String(fromNode.words));
      assert.equal(fromNode.md, '# The harbour that learned to wait');

      // In a page: an import map points the package name at its browser entry.
      fs.writeFileSync(
        path.join(scratch, 'index.html'),
        `<!doctype html><meta charset="utf-8"><title>scratch</title>
<script type="importmap">{"imports": {"pith-core": "./node_modules/pith-core/index.js"}}</script>
<script type="module">
import { init, extract } from "pith-core";
await init();
const a = extract(document.getElementById("page").textContent, { url: "https://coast.example/harbour" });
document.body.append(Object.assign(document.createElement("h1"), { id: "out", textContent: a.title }));
</script><template id="page"></template>`.replace('<template id="page"></template>', `<script type="text/plain" id="page">${LONG.replace(/<\/script/gi, '<\\/script')}</script>`),
      );
      const host = await staticHost(scratch);
      try {
        const page = await browser.context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(host.url);
        await page.waitForSelector('#out', { timeout: 15_000 });
        assert.equal(await page.locator('#out').innerText(), 'The harbour that learned to wait');
        await screenshot(page, 'reading-npm-page');
        assert.deepEqual(errors, []);
        await page.close();
      } finally {
        await host.stop();
      }
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
