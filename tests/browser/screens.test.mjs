// How the demo looks: light and dark, wide and narrow, the removed view, an error. Saves
// screenshots under tests/browser/screenshots/ (git-ignored) for a person to look at, and
// checks what can be checked mechanically: one column under 800px, nothing wider than the
// window, dark colours in dark mode.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cleanPage, fixture, launch, screenshot, serve } from './helpers.mjs';

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

/**
 * @param {{ width: number, height: number }} viewport
 * @param {'light' | 'dark'} colorScheme
 */
async function openDemo(viewport, colorScheme) {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('[data-testid=version]')?.textContent !== '');
  return page;
}

async function loadExample(page) {
  await page.getByTestId('example').click();
  await page.getByTestId('title').filter({ hasText: 'night train' }).waitFor();
  await page.waitForLoadState('networkidle');
  // The frame's srcdoc renders asynchronously.
  await page.frameLocator('#original-frame').locator('body').waitFor();
  await page.waitForTimeout(200);
}

/** Nothing sticks out sideways. */
async function assertNoSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${label}: page is ${scroll}px wide in a ${width}px window`);
}

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const luminance = (rgb) => {
  const [r, g, b] = rgb.match(/\d+/g).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

describe('screens', () => {
  test('wide, light: the article beside the page', async () => {
    const page = await openDemo({ width: 1360, height: 900 }, 'light');
    await screenshot(page, 'empty-light');
    await loadExample(page);
    await screenshot(page, 'wide-light');
    await screenshot(page, 'wide-light-full', { fullPage: true });
    const result = await page.locator('.result-pane').boundingBox();
    const original = await page.locator('.page-pane').boundingBox();
    assert.ok(original.x > result.x + result.width - 1, 'two columns side by side');
    assert.ok(Math.abs(original.y - result.y) < 2, 'tops aligned');
    assert.ok(luminance(await background(page)) > 200, 'light background');
    await assertNoSidewaysScroll(page, 'wide light');
    await page.close();
  });

  test('wide, dark', async () => {
    const page = await openDemo({ width: 1360, height: 900 }, 'dark');
    await loadExample(page);
    await screenshot(page, 'wide-dark');
    assert.ok(luminance(await background(page)) < 50, 'dark background');
    const text = await page.getByTestId('article').evaluate((e) => getComputedStyle(e).color);
    assert.ok(luminance(text) > 180, `light text in dark mode (${text})`);
    for (const view of ['markdown', 'json']) {
      await page.getByTestId(`tab-${view}`).click();
      await screenshot(page, `wide-dark-${view}`);
    }
    await page.close();
  });

  test('narrow: one column, nothing sideways, in light and dark', async () => {
    for (const scheme of ['light', 'dark']) {
      const page = await openDemo({ width: 390, height: 844 }, scheme);
      await screenshot(page, `narrow-${scheme}-empty`);
      await loadExample(page);
      const result = await page.locator('.result-pane').boundingBox();
      const original = await page.locator('.page-pane').boundingBox();
      assert.ok(Math.abs(result.x - original.x) < 2, `${scheme}: panes stacked (x ${result.x} vs ${original.x})`);
      assert.ok(original.y >= result.y + result.height - 1, `${scheme}: the page below the article`);
      assert.ok(result.width > 330, `${scheme}: the article uses the width (${result.width}px)`);
      await assertNoSidewaysScroll(page, `narrow ${scheme}`);
      await screenshot(page, `narrow-${scheme}`);
      await page.locator('.page-pane').scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      await screenshot(page, `narrow-${scheme}-page-pane`);
      await screenshot(page, `narrow-${scheme}-full`, { fullPage: true });
      await page.close();
    }
  });

  test('the removed view, wide and narrow', async () => {
    const f = fixture('news--military-times');
    for (const [label, viewport] of [['wide', { width: 1360, height: 900 }], ['narrow', { width: 390, height: 844 }]]) {
      const page = await openDemo(viewport, 'light');
      assert.equal(await cleanPage(page, f.html), 'result');
      await page.getByTestId('view-removed').click();
      await page.frameLocator('#removed-frame').locator('[data-pith-removed]').first().waitFor();
      await page.waitForTimeout(300);
      await page.getByTestId('removed-view').scrollIntoViewIfNeeded();
      await screenshot(page, `removed-${label}`);
      await assertNoSidewaysScroll(page, `removed ${label}`);
      await page.close();
    }
    const page = await openDemo({ width: 1360, height: 900 }, 'dark');
    await loadExample(page);
    await page.getByTestId('view-removed').click();
    await page.frameLocator('#removed-frame').locator('[data-pith-removed]').first().waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'removed-example-dark');
    await page.close();
  });

  test('an error, light and dark', async () => {
    for (const scheme of ['light', 'dark']) {
      const page = await openDemo({ width: 1360, height: 900 }, scheme);
      assert.equal(await cleanPage(page, '\u0000\u0001 not a page'), 'error');
      await screenshot(page, `error-${scheme}`);
      await page.close();
    }
  });
});
