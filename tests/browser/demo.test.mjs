// The demo page in headless Chromium: paste a page, clean it, read the result in every tab,
// copy and download it, look at what was removed.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  assertInOrder,
  assertNoneOf,
  cleanPage,
  collapse,
  fixture,
  fixtureNames,
  launch,
  serve,
  waitForOutcome,
  watchErrors,
  WWW,
} from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {Awaited<ReturnType<typeof launch>>} */
let browser;

before(async () => {
  assert.ok(fs.existsSync(`${WWW}/pkg/pith_bg.wasm`), 'www/pkg is missing: run scripts/test-browser.sh (it builds it)');
  server = await serve();
  browser = await launch();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh tab on the demo, ready to clean (the core loaded). */
async function openDemo(query = '') {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + query);
  await page.waitForFunction(() => document.querySelector('[data-testid=version]')?.textContent !== '');
  return { page, errors };
}

/** What the core itself returns for this page, called in the page through the JS API. */
async function coreResult(page, html, url) {
  return page.evaluate(
    async ({ html, url }) => {
      const pith = await import('./pith.js');
      await pith.init();
      const options = { formats: ['html', 'text', 'markdown'] };
      if (url) options.url = url;
      const a = pith.extract(html, options);
      // The Markdown file the demo shows, copies and downloads (the core's one document).
      return { ...a, markdownDocument: pith.markdownDocument(a) };
    },
    { html, url },
  );
}

/** The text the reader view shows for the article body. */
const readerText = (page) => page.getByTestId('article').evaluate((el) => el.innerText);

describe('the demo page', () => {
  test('loads without any request outside its own server, and the example cleans', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('[data-testid=version]')?.textContent !== '');
    assert.match(await page.getByTestId('version').textContent(), /^core \d+\.\d+\.\d+/);
    assert.equal(await page.locator('#results').isVisible(), false, 'no result before cleaning');

    await page.getByTestId('example').click();
    await page.getByTestId('title').filter({ hasText: 'night train' }).waitFor();
    assert.equal(await page.getByTestId('title').textContent(), 'The quiet comeback of the night train');
    assert.equal(await page.getByTestId('byline').textContent(), 'Ines Marlowe');
    assert.equal(await page.getByTestId('site-name').textContent(), 'The Meridian');
    // Let the frames and images load before judging the requests.
    await page.waitForLoadState('networkidle');

    const foreign = requests.filter((u) => !u.startsWith(server.url) && !/^(data|blob|about):/.test(u));
    assert.deepEqual(foreign, [], 'requests outside the demo server');
    assert.ok(requests.some((u) => u.endsWith('/pkg/pith_bg.wasm')), 'the wasm was fetched');
    assert.equal(requests.filter((u) => u.endsWith('/pkg/pith_bg.wasm')).length, 1, 'the wasm is fetched once');
    // One copy of the glue: the modulepreload and pith.js's import share it.
    assert.deepEqual(requests.filter((u) => /\/pkg\/pith\.js(\?|$)/.test(u)), [`${server.url}pkg/pith.js`], 'the glue is loaded once');
    // The example's image is local and loads, in the reader and in the original frame.
    const img = page.getByTestId('article').locator('img').first();
    assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), 'the reader shows the example image');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('military-times: title, date, body in order, no boilerplate', async () => {
    const f = fixture('news--military-times');
    const { page, errors } = await openDemo();
    assert.equal(await cleanPage(page, f.html), 'result');

    assert.equal(await page.getByTestId('title').textContent(), f.expect.title);
    const published = page.getByTestId('published');
    assert.ok((await published.getAttribute('datetime')).startsWith(f.expect.published));
    assert.match(await published.textContent(), /2014/);
    assert.match(await published.textContent(), /June|Jun/);
    assert.equal(await page.getByTestId('site-name').textContent(), f.expect.site_name);

    const body = await readerText(page);
    assertInOrder(body, f.expect.include_in_order, 'reader view');
    assertNoneOf(body, f.expect.exclude, 'reader view');
    // Nothing else on the result side shows boilerplate either (title block, stats).
    const wholeReader = await page.locator('#reader').innerText();
    assertNoneOf(wholeReader.replace(f.expect.site_name, ''), f.expect.exclude, 'reader header');

    const words = Number((await page.locator('[data-stat=words] b').textContent()).replace(/\D/g, ''));
    assert.ok(words >= f.expect.min_words && words <= f.expect.max_words, `word count ${words}`);
    const stats = await page.getByTestId('stats').innerText();
    assert.match(stats, /\d+(\.\d)? ms\s+to clean/);
    assert.match(stats, /\d+ min\s+read/);
    assert.match(stats, /\d+%\s+of the page removed/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('every fixture: the page shows exactly what the core returned', async (t) => {
    const { page, errors } = await openDemo();
    for (const name of fixtureNames()) {
      const f = fixture(name);
      const url = f.expect.url ?? '';
      const expected = await coreResult(page, f.html, url).catch((e) => ({ error: e.message }));
      const outcome = await cleanPage(page, f.html, { url });
      if (expected.error) {
        assert.equal(outcome, 'error', `${name}: the core refused it, the page must say so`);
        assert.ok((await page.getByTestId('error').innerText()).includes(expected.error), name);
        continue;
      }
      assert.equal(outcome, 'result', `${name}: ${outcome === 'error' ? await page.getByTestId('error').innerText() : ''}`);
      assert.equal(await page.getByTestId('title').textContent(), expected.title ?? 'Untitled', `${name}: title`);
      if (expected.byline) assert.equal(await page.getByTestId('byline').textContent(), expected.byline, `${name}: byline`);
      assert.equal(await page.getByTestId('byline').isVisible(), Boolean(expected.byline), `${name}: byline shown`);
      assert.equal(await page.getByTestId('published').getAttribute('datetime'), expected.published, `${name}: date`);
      // Every paragraph of the core's text is in the reader view, in order.
      const paragraphs = expected.text.split(/\n\s*\n/).map(collapse).filter((p) => p.length >= 40);
      assertInOrder(await readerText(page), paragraphs, `${name}: reader body`);
      assert.equal(await page.locator('#out-text').textContent(), expected.text, `${name}: text tab`);
      assert.equal(await page.locator('#out-markdown').textContent(), expected.markdownDocument, `${name}: markdown tab`);
      assert.ok(expected.markdownDocument.endsWith(`${expected.markdown.trim()}\n`), `${name}: the document ends with the body`);
      // The same rules as the CLI's eval: checked softly here, reported, not failed (the
      // eval gate owns extraction quality; this test owns the page).
      if (f.expect.title && expected.title !== f.expect.title) t.diagnostic(`${name}: title ${JSON.stringify(expected.title)} (expected ${JSON.stringify(f.expect.title)})`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('tabs: reader, HTML, Markdown, text and JSON each show their format', async () => {
    const { page } = await openDemo();
    await page.getByTestId('example').click();
    await page.getByTestId('title').filter({ hasText: 'night train' }).waitFor();

    const panel = (view) => page.locator(`#panel-${view}`);
    const select = async (view) => {
      await page.getByTestId(`tab-${view}`).click();
      assert.equal(await page.getByTestId(`tab-${view}`).getAttribute('aria-selected'), 'true');
      for (const other of ['reader', 'html', 'markdown', 'text', 'json']) {
        assert.equal(await panel(other).isVisible(), other === view, `${other} panel visible with ${view} selected`);
      }
    };

    await select('html');
    const html = await page.locator('#out-html').textContent();
    assert.match(html, /<p>At ten to eleven/);
    assert.match(html, /<h2>Who rides a sleeper now<\/h2>/);
    assert.match(html, /<blockquote>/);
    assert.match(html, /<li>arriving rested/);
    assert.doesNotMatch(html, /<script|onclick|Most read|Sign up/);

    await select('markdown');
    const md = await page.locator('#out-markdown').textContent();
    assert.match(md, /^## Who rides a sleeper now$/m);
    assert.match(md, /^## The rolling stock problem$/m);
    assert.match(md, /^> “You go to sleep/m);
    assert.match(md, /^- arriving rested/m);
    assert.match(md, /^\| Year \| Routes \| Passengers \|$/m);
    assert.match(md, /!\[A night train crossing a viaduct under a full moon\]\(http:\/\/127\.0\.0\.1:\d+\/examples\/night-train\.svg\)/);

    await select('text');
    const text = await page.locator('#out-text').textContent();
    assert.match(text, /^At ten to eleven on a Tuesday night/m);
    assert.match(text, /^Who rides a sleeper now$/m);
    assert.doesNotMatch(text, /<p>|^## |\*\*/m);

    await select('json');
    const json = JSON.parse(await page.locator('#out-json').textContent());
    assert.equal(json.title, 'The quiet comeback of the night train');
    assert.equal(json.byline, 'Ines Marlowe');
    assert.equal(json.siteName, 'The Meridian');
    assert.ok(json.published.startsWith('2024-05-14'));
    assert.equal(typeof json.stats.extractMs, 'number');
    assert.ok(md.startsWith('# The quiet comeback of the night train\n\n_Ines Marlowe · 2024-05-14_\n\nSource: <'), md.slice(0, 200));
    assert.ok(md.endsWith(`${json.markdown.trim()}\n`), 'the Markdown tab is the document: header, then the body');
    assert.equal(json.text, text);

    await select('reader');
    assert.equal(await page.getByTestId('article').locator('h2').first().textContent(), 'Who rides a sleeper now');
    assert.ok((await page.getByTestId('article').locator('table tr').count()) >= 4);
    // Arrow keys move between tabs.
    await page.getByTestId('tab-reader').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByTestId('tab-html').getAttribute('aria-selected'), 'true');
    await page.keyboard.press('End');
    assert.equal(await page.getByTestId('tab-json').getAttribute('aria-selected'), 'true');
    await page.close();
  });

  test('copy puts the current tab on the clipboard; download saves it', async () => {
    const { page } = await openDemo();
    await page.getByTestId('example').click();
    await page.getByTestId('title').filter({ hasText: 'night train' }).waitFor();
    const core = JSON.parse(await page.locator('#out-json').textContent());
    core.markdownDocument = await page.evaluate(async (a) => {
      const pith = await import('./pith.js');
      await pith.init();
      return pith.markdownDocument(a);
    }, core);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    // The clipboard is written asynchronously after the click (and the button still says
    // "Copied" from the click before): poll until it changes to what is expected, or time out.
    const clipboardAfterCopy = async (want, previous) => {
      await page.getByTestId('copy').click();
      let got;
      for (let i = 0; i < 50; i++) {
        got = await clipboard();
        if (typeof want === 'function' ? want(got) : got === want) break;
        if (got !== previous && i > 10) break;
        await page.waitForTimeout(100);
      }
      return got;
    };

    const expected = {
      html: core.contentHtml,
      markdown: core.markdownDocument,
      text: core.text,
    };
    let previous = '';
    for (const [view, want] of Object.entries(expected)) {
      await page.getByTestId(`tab-${view}`).click();
      previous = await clipboardAfterCopy(want, previous);
      assert.equal(previous, want, `copy in the ${view} tab`);
    }
    assert.equal(await page.getByTestId('copy').textContent(), 'Copied');
    await page.getByTestId('tab-json').click();
    previous = await clipboardAfterCopy((s) => s.startsWith('{'), previous);
    assert.equal(previous, await page.locator('#out-json').textContent(), 'copy in the JSON tab: what the tab shows');
    assert.equal(JSON.parse(previous).title, core.title);
    // The reader view copies rich text: plain text with the title first (and HTML).
    await page.getByTestId('tab-reader').click();
    const copied = await clipboardAfterCopy((s) => s.startsWith(core.title), previous);
    assert.ok(copied.startsWith('The quiet comeback of the night train\nInes Marlowe'), copied.slice(0, 80));
    assert.ok(copied.includes('At ten to eleven on a Tuesday night'));

    // Download: the reader as a standalone HTML document, Markdown as .md.
    let [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    assert.equal(download.suggestedFilename(), 'the-quiet-comeback-of-the-night-train.html');
    const saved = fs.readFileSync(await download.path(), 'utf8');
    assert.match(saved, /^<!DOCTYPE html>/);
    assert.match(saved, /<h1>The quiet comeback of the night train<\/h1>/);
    assert.match(saved, /<p>At ten to eleven/);
    await page.getByTestId('tab-markdown').click();
    [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    assert.equal(download.suggestedFilename(), 'the-quiet-comeback-of-the-night-train.md');
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), core.markdownDocument);
    await page.close();
  });

  test('download in the HTML, Text and JSON tabs saves exactly what the tab shows', async () => {
    const { page } = await openDemo();
    await page.getByTestId('example').click();
    await page.getByTestId('title').filter({ hasText: 'night train' }).waitFor();
    const slug = 'the-quiet-comeback-of-the-night-train';
    const saved = {};
    for (const [view, file] of [
      ['html', `${slug}.content.html`],
      ['text', `${slug}.txt`],
      ['json', `${slug}.json`],
    ]) {
      await page.getByTestId(`tab-${view}`).click();
      const shown = await page.locator(`#out-${view}`).textContent();
      assert.ok(shown.length > 500, `${view}: the tab shows the article`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
      assert.equal(download.suggestedFilename(), file, view);
      saved[view] = fs.readFileSync(await download.path(), 'utf8');
      assert.equal(saved[view], shown, `${view}: the file holds what the tab shows`);
    }
    // And each is its format: the HTML fragment, plain text, the Article as JSON.
    assert.match(saved.html, /^</);
    assert.doesNotMatch(saved.html, /<!DOCTYPE|<html|<body/i, 'the fragment, not a document');
    assert.match(saved.html, /<h2>Who rides a sleeper now<\/h2>/);
    assert.doesNotMatch(saved.text, /<[a-z][^>]*>/i);
    assert.match(saved.text, /^Who rides a sleeper now$/m);
    const article = JSON.parse(saved.json);
    assert.equal(article.title, 'The quiet comeback of the night train');
    assert.equal(article.contentHtml, saved.html);
    assert.equal(article.text, saved.text);
    await page.close();
  });

  test('the JSON tab is the Article as the API returns it; copy and download give exactly that', async () => {
    const { page } = await openDemo();
    await page.getByTestId('example').click();
    await page.getByTestId('title').filter({ hasText: 'night train' }).waitFor();
    await page.getByTestId('tab-json').click();
    const shown = await page.locator('#out-json').textContent();
    const json = JSON.parse(shown);
    // The demo asks the core for the annotated page too (the "What Pith removed" view): that
    // field is the demo's own and is not part of the Article shown here.
    assert.ok(!('annotatedHtml' in json), 'annotatedHtml left out');
    assert.doesNotMatch(shown, /annotatedHtml|data-pith-removed|shown in “What Pith removed”/);
    // Field for field what the API returns for the same page (timings aside).
    const html = await page.getByTestId('input').inputValue();
    const api = await coreResult(page, html, await page.getByTestId('url').inputValue());
    const untimed = (a) => ({ ...a, stats: Object.fromEntries(Object.entries(a.stats).filter(([k]) => !k.endsWith('Ms'))) });
    // (Asked without `annotate`, the API says `annotatedHtml: null`; the tab leaves it out.)
    // (markdownDocument is coreResult's addition, not a field of the Article.)
    const { annotatedHtml, markdownDocument: _document, ...article } = api;
    assert.equal(annotatedHtml ?? null, null);
    assert.deepEqual(untimed(json), untimed(article));
    assert.deepEqual(Object.keys(json), Object.keys(article), 'the same fields in the same order');

    // Copy: the clipboard gets the very text shown (a marker first, to see it change).
    await page.evaluate(() => navigator.clipboard.writeText('(nothing copied yet)'));
    await page.getByTestId('copy').click();
    const copied = await (
      await page.waitForFunction(async () => {
        const t = await navigator.clipboard.readText();
        return t === '(nothing copied yet)' ? false : t;
      })
    ).jsonValue();
    assert.equal(copied, shown);
    assert.deepEqual(JSON.parse(copied), json);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    assert.equal(download.suggestedFilename(), 'the-quiet-comeback-of-the-night-train.json');
    const saved = fs.readFileSync(await download.path(), 'utf8');
    assert.equal(saved, shown);
    assert.deepEqual(JSON.parse(saved), json);
    await page.close();
  });

  test('dropping an .html file on the drop target opens and cleans it', async () => {
    const f = fixture('news--military-times');
    const { page, errors } = await openDemo();
    // A real DragEvent carrying a DataTransfer with the file, as the browser makes for a
    // file dragged in from the desktop: enter, over, drop on the drop target.
    const during = await page.evaluate((html) => {
      const zone = document.getElementById('dropzone');
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([html], 'military-times.html', { type: 'text/html' }));
      const fire = (type) => zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer }));
      const entered = fire('dragenter');
      const over = fire('dragover');
      const state = {
        // dispatchEvent returns false when a listener called preventDefault(): the page accepts the drop.
        accepted: !entered && !over,
        dragging: document.body.classList.contains('dragging'),
        overlay: getComputedStyle(zone.querySelector('.drop-overlay')).display,
      };
      state.dropHandled = !fire('drop');
      return state;
    }, f.html);
    assert.deepEqual(during, { accepted: true, dragging: true, overlay: 'grid', dropHandled: true });
    assert.equal(await waitForOutcome(page), 'result');
    assert.equal(await page.getByTestId('title').textContent(), f.expect.title);
    assert.equal(await page.getByTestId('input').inputValue(), f.html, 'the page is in the textarea');
    assert.match(await page.locator('#file-note').innerText(), /^Opened military-times\.html \(\d+\.\d KiB\)\.$/);
    assert.equal(await page.evaluate(() => document.body.classList.contains('dragging')), false, 'the drop overlay is gone');
    assertInOrder(await readerText(page), f.expect.include_in_order, 'dropped file');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the lead image: shown above the article when the page's og:image is not in the body", async () => {
    const { page, errors } = await openDemo();
    const para = '<p>A paragraph that is long enough to be kept, with a comma, and a full stop at its end.</p>';
    const html = `<html><head><title>A story with a picture | Site</title>
      <meta property="og:image" content="../examples/night-train.svg"></head>
      <body><article><h1>A story with a picture</h1>${para.repeat(6)}</article></body></html>`;
    assert.equal(await cleanPage(page, html, { url: `${server.url}news/story.html` }), 'result');
    const want = `${server.url}examples/night-train.svg`;
    assert.equal(await page.locator('#lead-image').getAttribute('hidden'), null, 'the lead image is not hidden');
    assert.equal(await page.locator('#lead-img').getAttribute('src'), want, 'resolved against the page URL');
    assert.equal(await page.locator('#lead-img').getAttribute('referrerpolicy'), 'no-referrer');
    await page.waitForFunction(() => /** @type {HTMLImageElement} */ (document.getElementById('lead-img')).complete);
    assert.ok(await page.locator('#lead-img').evaluate((i) => i.naturalWidth > 0), 'and loads');
    assert.equal(await page.locator('#lead-image').isVisible(), true, 'the lead image shows');
    assert.equal(await page.getByTestId('article').locator('img').count(), 0, 'the body has no image of its own');
    // Above the body, below the title.
    const [titleBox, leadBox, bodyBox] = await Promise.all(['#title', '#lead-image', '#article'].map((s) => page.locator(s).boundingBox()));
    assert.ok(titleBox.y < leadBox.y && leadBox.y < bodyBox.y, 'title, lead image, body');

    // The example's og:image is also its first figure: shown once, in the body, no lead.
    await page.getByTestId('example').click();
    await page.getByTestId('title').filter({ hasText: 'night train' }).waitFor();
    assert.equal(await page.locator('#lead-image').isVisible(), false, 'no lead image when the body has it');
    assert.equal(await page.locator('#lead-img').getAttribute('src'), null);
    const bodyImages = await page.getByTestId('article').locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
    assert.deepEqual(bodyImages.filter((s) => s.endsWith('/examples/night-train.svg')), [want]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the removed view marks the boilerplate red and the article green', async () => {
    const f = fixture('news--military-times');
    const { page } = await openDemo();
    assert.equal(await cleanPage(page, f.html), 'result');
    assert.equal(await page.getByTestId('removed-view').isVisible(), false);
    await page.getByTestId('view-removed').click();
    const view = page.getByTestId('removed-view');
    await view.waitFor();
    const frame = page.frameLocator('[data-testid=removed-view] iframe');
    await frame.locator('[data-pith-removed]').first().waitFor();

    const count = Number(await page.getByTestId('removed-count').textContent());
    assert.ok(count > 5, `removed blocks: ${count}`);
    assert.equal(await frame.locator('[data-pith-removed]').count(), count);

    // Each boilerplate line of the fixture sits inside a part marked removed; each article
    // passage inside a part marked kept (the outermost marks, so look up the ancestors).
    const where = (text) =>
      frame.locator('body').evaluate((body, text) => {
        const norm = (s) => s.replace(/\s+/g, ' ').trim();
        const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_ELEMENT);
        let found = null;
        for (let n = walker.currentNode; n; n = walker.nextNode()) {
          if (norm(n.textContent).includes(text)) found = n; // the deepest element holding it
        }
        if (!found) return 'absent';
        if (found.closest('[data-pith-removed]')) return 'removed';
        if (found.closest('[data-pith-kept]')) return 'kept';
        return 'unmarked';
      }, text);
    for (const line of ['More In News', 'Customer Service', 'Trusted Classifieds', 'Most Popular']) {
      assert.equal(await where(line), 'removed', line);
    }
    for (const passage of f.expect.include_in_order.slice(1, 4)) {
      assert.equal(await where(passage.slice(0, 60)), 'kept', passage.slice(0, 60));
    }
    // The marks are visible: a red outline on removed parts.
    const outline = await frame.locator('[data-pith-removed]').first().evaluate((e) => getComputedStyle(e).outlineColor);
    assert.match(outline, /rgba?\(220, 38, 38/);
    await page.close();
  });

  test('a hostile page runs nothing, in the result or in the frames', async () => {
    const f = fixture('hostile--xss-article');
    const { page } = await openDemo();
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    assert.equal(await cleanPage(page, f.html, { url: f.expect.url ?? 'https://news.example/story' }), 'result');
    await page.getByTestId('view-removed').click();
    await page.frameLocator('[data-testid=removed-view] iframe').locator('body').waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(dialogs, []);
    const active = await page.getByTestId('article').evaluate((root) => {
      const bad = [];
      for (const e of root.querySelectorAll('*')) {
        if (/^(script|iframe|object|embed|form|style)$/i.test(e.localName)) bad.push(e.localName);
        for (const a of e.attributes) {
          if (/^on/i.test(a.name) || /^\s*(javascript|vbscript):/i.test(a.value)) bad.push(`${e.localName}[${a.name}]`);
        }
      }
      return bad;
    });
    assert.deepEqual(active, []);
    for (const id of ['original-frame', 'removed-frame']) {
      assert.equal(await page.locator(`#${id}`).getAttribute('sandbox'), '', `${id} is fully sandboxed`);
    }
    await page.close();
  });

  test('with a page URL, relative images and links in the result are absolute', async () => {
    const html = `<html><head><title>Relative | Site</title></head><body><article><h1>Relative</h1>
      ${'<p>A paragraph that is long enough to be kept, with a comma, and a full stop.</p>'.repeat(5)}
      <p><img src="/img/a.png" alt="a"> <a href="other.html">another page</a></p></article></body></html>`;
    const { page } = await openDemo();
    assert.equal(await cleanPage(page, html, { url: 'https://site.example/news/story.html' }), 'result');
    const src = await page.getByTestId('article').locator('img').getAttribute('src');
    assert.equal(src, 'https://site.example/img/a.png');
    const link = page.getByTestId('article').locator('a', { hasText: 'another page' });
    assert.equal(await link.getAttribute('href'), 'https://site.example/news/other.html');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match(await link.getAttribute('rel'), /noopener/);
    // The original page resolves against it too (a <base> in the frame).
    const srcdoc = await page.locator('#original-frame').getAttribute('srcdoc');
    assert.match(srcdoc, /<base href="https:\/\/site\.example\/news\/story\.html">/);
    await page.close();
  });

  test('shows a busy state while cleaning and stays responsive', async () => {
    const f = fixture('news--military-times');
    const { page } = await openDemo();
    await page.getByTestId('input').fill(f.html);
    await page.evaluate(() => {
      window.__states = [];
      const record = () => window.__states.push(document.getElementById('status').textContent);
      new MutationObserver(record).observe(document.getElementById('status'), { childList: true, characterData: true, subtree: true });
    });
    await page.getByTestId('clean').click();
    await page.getByTestId('title').filter({ hasText: 'legal immunity' }).waitFor();
    const states = await page.evaluate(() => window.__states);
    assert.ok(states.includes('Cleaning…'), `status went through ${JSON.stringify(states)}`);
    assert.equal(await page.getByTestId('clean').isEnabled(), true);
    assert.equal(await page.getByTestId('clean').textContent(), 'Clean');
    await page.close();
  });
});
