// Bad input never leaves a blank page or an uncaught exception: the page says what is wrong
// (in the core's own words where the core refused it) and keeps working. Files go through
// the real file input.

import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { cleanPage, fixture, launch, screenshot, serve, waitForOutcome, watchErrors } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openDemo(query = '') {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + query);
  await page.waitForFunction(() => document.querySelector('[data-testid=version]')?.textContent !== '');
  return { page, errors };
}

const errorText = (page) => page.getByTestId('error').innerText();

/** Opens a file through the file input; waits for the page to react. */
async function openFile(page, name, buffer, mimeType = 'text/html') {
  await page.getByTestId('file').setInputFiles({ name, mimeType, buffer });
  return waitForOutcome(page);
}

describe('bad input', () => {
  test('empty input: the core says the document is empty', async () => {
    const { page, errors } = await openDemo();
    assert.equal(await cleanPage(page, ''), 'error');
    assert.match(await errorText(page), /the document is empty: give the HTML of a page/);
    assert.equal(await page.locator('#results').isVisible(), false);
    assert.equal(await cleanPage(page, '   \n\t  '), 'error');
    assert.match(await errorText(page), /the document is empty/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a binary file through the file input: refused as binary', async () => {
    const { page, errors } = await openDemo();
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      Buffer.alloc(4096, 0xa7),
    ]);
    assert.equal(await openFile(page, 'photo.png', png, 'image/png'), 'error');
    assert.match(await errorText(page), /the input is not an HTML page but binary data \(it contains NUL bytes\)/);
    // Not dumped into the text box: a note says what the file looks like.
    assert.equal(await page.getByTestId('input').inputValue(), '');
    assert.match(await page.locator('#file-note').innerText(), /photo\.png: it looks like a PNG image, not a web page/);
    // Random bytes without NULs: refused too, on the share of undecodable characters.
    const noise = Buffer.from(Array.from({ length: 8192 }, (_, i) => 0x80 + ((i * 37) % 120)));
    assert.equal(await openFile(page, 'noise.bin', noise, 'application/octet-stream'), 'error');
    assert.match(await errorText(page), /not an HTML page but binary data/);
    assert.equal(await page.getByTestId('input').inputValue(), '');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('input over the size limit (set low through ?maxInputBytes): the core says so', async () => {
    const f = fixture('news--military-times');
    const { page, errors } = await openDemo('?maxInputBytes=2048');
    assert.equal(await cleanPage(page, f.html), 'error');
    assert.match(
      await errorText(page),
      /the input is 21\.0 KiB but the limit is 2\.0 KiB: give a smaller page or raise the limit/,
    );
    // Files larger than the limit are not even read.
    assert.equal(await openFile(page, 'story.html', Buffer.from(f.html)), 'error');
    assert.match(await errorText(page), /the file is 21\.0 KiB but the limit is 2\.0 KiB/);
    // A gzip file is unpacked up to the limit and no further.
    assert.equal(await openFile(page, 'story.html.gz', zlib.gzipSync(f.html), 'application/gzip'), 'error');
    assert.match(await errorText(page), /unpacked, the file is more than 2\.0 KiB, the limit/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a 33 MB page against the default 32 MiB limit, then a normal page works', async () => {
    const { page, errors } = await openDemo();
    // Built in the page: sending 33 MB through the test driver would only test the driver.
    await page.evaluate(() => {
      const p = '<p>' + 'All work and no play makes a dull article. '.repeat(20) + '</p>\n';
      const body = p.repeat(Math.ceil((33 * 1024 * 1024) / p.length)); // 33 MiB > 32 MiB
      document.getElementById('input').value = `<html><body><article>${body}</article></body></html>`;
    });
    await page.getByTestId('clean').click();
    assert.equal(await waitForOutcome(page), 'error');
    assert.match(await errorText(page), /the input is 33\.0 MiB but the limit is 32\.0 MiB: give a smaller page or raise the limit/);
    const f = fixture('news--military-times');
    assert.equal(await cleanPage(page, f.html), 'result');
    assert.equal(await page.getByTestId('error').isVisible(), false, 'the error goes away');
    assert.equal(await page.getByTestId('title').textContent(), f.expect.title);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a page URL that is not http(s): the core says so', async () => {
    const f = fixture('news--military-times');
    const { page } = await openDemo();
    assert.equal(await cleanPage(page, f.html, { url: 'javascript:alert(1)' }), 'error');
    assert.match(await errorText(page), /the page URL "javascript:alert\(1\)" is not usable/);
    assert.equal(await cleanPage(page, f.html, { url: 'not a url' }), 'error');
    assert.match(await errorText(page), /the page URL "not a url" is not usable/);
    await page.close();
  });

  test('text that is not HTML (plain text, JSON, Markdown): the core says so and no article shows', async () => {
    const f = fixture('news--military-times');
    const { page, errors } = await openDemo();
    // A good page first, so that a stale article would be there to show.
    assert.equal(await cleanPage(page, f.html), 'result');
    for (const [input, kind] of [
      ['hello', 'plain text'],
      ['{"title": "A story", "body": "Some text", "tags": ["a", "b"]}', 'JSON or other data'],
      ['# A story\n\nSome *text*, with a [link](https://example.com/).\n', 'Markdown or plain text'],
    ]) {
      assert.equal(await cleanPage(page, input), 'error', kind);
      const error = page.getByTestId('error');
      assert.equal(await error.locator('strong').textContent(), 'Pith could not clean this page', kind);
      const message = await error.locator('p').textContent();
      assert.ok(message.startsWith('the input is not HTML ('), `${kind}: ${message}`);
      assert.ok(message.includes(`(${kind} `), `${kind}: ${message}`);
      assert.equal(await page.locator('#results').isVisible(), false, `${kind}: no article under the error`);
      assert.equal(await page.getByTestId('title').isVisible(), false, kind);
      assert.equal(await page.locator('#empty').isVisible(), true, `${kind}: the empty-state hint is back`);
      assert.equal(await page.getByTestId('clean').isEnabled(), true, kind);
    }
    // The message as the page shows it (tests/browser/screenshots/error-not-html.png).
    await page.getByTestId('input').fill('hello');
    await page.getByTestId('clean').click();
    assert.equal(await waitForOutcome(page), 'error');
    await screenshot(page, 'error-not-html', { clip: await page.locator('#input-card').boundingBox() });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a page with no readable text', async () => {
    const { page } = await openDemo();
    assert.equal(await cleanPage(page, '<html><body><div><img src=x.png></div></body></html>'), 'error');
    assert.match(await errorText(page), /the page has no readable text/);
    await page.close();
  });

  test('a failed clean replaces the previous result; the next good one replaces the error', async () => {
    const f = fixture('news--military-times');
    const { page } = await openDemo();
    assert.equal(await cleanPage(page, f.html), 'result');
    assert.equal(await cleanPage(page, ''), 'error');
    assert.equal(await page.locator('#results').isVisible(), false, 'no stale result under the error');
    assert.equal(await cleanPage(page, f.html), 'result');
    assert.equal(await page.getByTestId('error').isVisible(), false);
    await page.close();
  });
});

describe('files that work', () => {
  test('an .html file opens and cleans by itself', async () => {
    const f = fixture('news--military-times');
    const { page, errors } = await openDemo();
    assert.equal(await openFile(page, 'military-times.html', Buffer.from(f.html)), 'result');
    assert.equal(await page.getByTestId('title').textContent(), f.expect.title);
    assert.equal(await page.getByTestId('input').inputValue(), f.html, 'the page is in the textarea');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a gzipped page is unpacked', async () => {
    const f = fixture('news--military-times');
    const { page } = await openDemo();
    assert.equal(await openFile(page, 'military-times.html.gz', zlib.gzipSync(f.html), 'application/gzip'), 'result');
    assert.equal(await page.getByTestId('title').textContent(), f.expect.title);
    await page.close();
  });

  test('a windows-1252 page is decoded by its <meta charset>', async () => {
    const { page } = await openDemo();
    const html =
      '<html><head><meta charset="windows-1252"><title>Caf\xe9 society | Paper</title></head><body><article><h1>Caf\xe9 society</h1>' +
      '<p>The caf\xe9s of the old town open at seven, and by eight every table on the square is taken, na\xefve tourists and regulars alike.</p>'.repeat(4) +
      '</article></body></html>';
    assert.equal(await openFile(page, 'cafe.htm', Buffer.from(html, 'latin1')), 'result');
    assert.equal(await page.getByTestId('title').textContent(), 'Café society');
    assert.match(await page.getByTestId('article').innerText(), /The cafés of the old town/);
    await page.close();
  });

  test('a page too big for the textarea is kept aside and still cleans', async () => {
    const { page } = await openDemo();
    const para = '<p>' + 'A sentence long enough to be worth reading, with a comma, and a full stop. '.repeat(10) + '</p>\n';
    const html = `<html><head><title>Big page</title></head><body><article><h1>Big page</h1>${para.repeat(3000)}</article></body></html>`;
    assert.ok(html.length > 2_000_000);
    assert.equal(await openFile(page, 'big.html', Buffer.from(html)), 'result');
    assert.equal(await page.getByTestId('title').textContent(), 'Big page');
    assert.equal(await page.getByTestId('input').inputValue(), '');
    assert.match(await page.locator('#file-note').innerText(), /Opened big\.html \(\d+\.\d MiB\), not shown/);
    // Typing replaces it.
    await page.getByTestId('input').fill('');
    await page.getByTestId('input').type(' ');
    await page.getByTestId('clean').click();
    assert.equal(await waitForOutcome(page), 'error');
    assert.match(await errorText(page), /the document is empty/);
    await page.close();
  });
});
