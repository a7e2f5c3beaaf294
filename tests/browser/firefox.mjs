// Debian's Firefox ESR (/usr/bin/firefox-esr, headless) driven over WebDriver BiDi, the
// protocol Firefox speaks itself (no geckodriver, no playwright Firefox build). Shared by the
// Firefox tests: firefox.test.mjs (the extension) and firefox-hostile.test.mjs (the demo on
// hostile pages, the parser differential). External requests go to a dead proxy: refused at
// once, but still seen by `network.beforeRequestSent`. FIREFOX overrides the binary.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
/** The WebSocket client playwright-core bundles (Node 20 has no WebSocket of its own). */
const { ws: WebSocket } = require('playwright-core/lib/utilsBundle');

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

/** A minimal WebDriver BiDi client: commands with replies, and events. */
export class Bidi {
  constructor(socket) {
    this.socket = socket;
    this.next = 0;
    /** @type {Map<number, { resolve: Function, reject: Function, method: string }>} */
    this.pending = new Map();
    /** @type {Array<(event: any) => void>} */
    this.listeners = [];
    socket.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.type === 'event') return this.listeners.forEach((l) => l(m));
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(`${p.method}: ${m.error}: ${m.message}`));
      else p.resolve(m.result);
    });
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`${p.method}: the connection closed`));
      this.pending.clear();
    });
  }

  /** @param {string} method @param {object} [params] */
  send(method, params = {}) {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /**
   * Runs `expression` (awaited) in a browsing context and returns its value, which must be
   * a string, number, boolean or null (JSON for anything else).
   */
  async evaluate(context, expression, { userActivation = false } = {}) {
    const r = await this.send('script.evaluate', { expression, target: { context }, awaitPromise: true, userActivation });
    if (r.type === 'exception') throw new Error(`in ${context}: ${r.exceptionDetails.text}`);
    return r.result.value ?? null;
  }

  /** Polls `expression` in `context` until it is truthy; returns its value. */
  async waitFor(context, expression, what, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate(context, expression).catch(() => null);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async contexts() {
    return (await this.send('browsingContext.getTree', {})).contexts;
  }
}

/**
 * Firefox's preferences for a quiet, offline, test-only profile, plus `extra`.
 * @param {Record<string, string | number | boolean>} extra
 */
function userJs(extra) {
  const prefs = {
    // Everything but 127.0.0.1 and localhost goes to a port where nothing listens: refused at once.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': 9,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': 9,
    'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.aboutwelcome.enabled': false,
    'app.update.disabledForTesting': true,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'dom.disable_open_during_load': false,
    ...extra,
  };
  return Object.entries(prefs)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n');
}

/**
 * Starts Firefox on a fresh profile and opens a BiDi session.
 * @param {{ prefs?: Record<string, string | number | boolean> }} [options]
 * @returns {Promise<{ bidi: Bidi, capabilities: { browserName: string, browserVersion: string }, close: () => Promise<void> }>}
 */
export async function launchFirefox({ prefs = {} } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pith-firefox-'));
  fs.writeFileSync(path.join(profile, 'user.js'), userJs(prefs));
  const firefox = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  const close = async () => {
    bidi?.socket.close();
    if (firefox.exitCode === null) {
      const exited = new Promise((r) => firefox.once('exit', r));
      firefox.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(profile, { recursive: true, force: true });
  };
  /** @type {Bidi | undefined} */
  let bidi;
  let output = '';
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Firefox did not start WebDriver BiDi:\n${output}`)), 60_000);
      const read = (d) => {
        output += d;
        const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      firefox.stdout.on('data', read);
      firefox.stderr.on('data', read);
      firefox.on('exit', (code) => reject(new Error(`Firefox exited (${code}):\n${output}`)));
    });
    const socket = new WebSocket(`${url}/session`);
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    bidi = new Bidi(socket);
    const { capabilities } = await bidi.send('session.new', { capabilities: {} });
    return { bidi, capabilities, close };
  } catch (err) {
    await close();
    throw err;
  }
}
