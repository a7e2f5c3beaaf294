#!/usr/bin/env node
// Tiny dependency-free static file server for Pith's front ends (www/).
//
//   node scripts/serve.mjs [--root DIR] [--port 8080] [--host 127.0.0.1]
//
// - correct MIME types (notably .wasm = application/wasm, needed for
//   WebAssembly.instantiateStreaming)
// - CORS on every response (the bookmarklet loads JS and wasm cross-origin)
// - Cache-Control: no-cache
// - path-traversal safe; index.html for directories; 404 otherwise
//
// Also importable from node tests:
//   import { startServer } from './scripts/serve.mjs';
//   const server = await startServer({ root: 'www', port: 0 });  // port 0 = random
//   const { port } = server.address();
//   ...
//   await new Promise((r) => server.close(r));

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.zip': 'application/zip',
  '.ts': 'text/plain; charset=utf-8', // wasm-pack's .d.ts files: show as text
});

export function mimeTypeFor(filePath) {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] || 'application/octet-stream';
}

const COMMON_HEADERS = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  // Lets pages on public origins (the bookmarklet) fetch from a loopback
  // server under Chromium's Private Network Access rules.
  'Access-Control-Allow-Private-Network': 'true',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cache-Control': 'no-cache',
  'X-Content-Type-Options': 'nosniff',
});

function send(req, res, status, headers, body) {
  res.writeHead(status, { ...COMMON_HEADERS, ...headers });
  if (req.method === 'HEAD' || body === undefined) res.end();
  else res.end(body);
}

function sendText(req, res, status, text) {
  const body = Buffer.from(text + '\n', 'utf8');
  send(req, res, status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
  }, body);
}

/**
 * Map a request URL path to a file system path inside root, or null when the
 * path is malformed or would leave root.
 */
export function resolveInRoot(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  // Treat backslashes as separators too, then normalise away any '..'.
  const rel = path.posix.normalize('/' + decoded.replace(/\\/g, '/'));
  const full = path.resolve(root, '.' + rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

async function handle(root, req, res) {
  if (req.method === 'OPTIONS') {
    send(req, res, 204, { 'Access-Control-Max-Age': '600' });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD, OPTIONS');
    sendText(req, res, 405, 'Method Not Allowed');
    return;
  }

  let pathname;
  try {
    pathname = new URL(req.url, 'http://localhost').pathname;
  } catch {
    sendText(req, res, 400, 'Bad Request');
    return;
  }
  let filePath = resolveInRoot(root, pathname);
  if (filePath === null) {
    sendText(req, res, 404, 'Not Found');
    return;
  }

  let stat;
  try {
    stat = await fsp.stat(filePath);
    if (stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        // Redirect so relative URLs inside index.html resolve correctly.
        const url = new URL(req.url, 'http://localhost');
        send(req, res, 301, { Location: pathname + '/' + url.search });
        return;
      }
      filePath = path.join(filePath, 'index.html');
      stat = await fsp.stat(filePath);
    }
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    // Symlinks must not lead out of root either.
    const real = await fsp.realpath(filePath);
    if (real !== root && !real.startsWith(root + path.sep)) {
      sendText(req, res, 404, 'Not Found');
      return;
    }
  } catch (err) {
    if (err && (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'EACCES')) {
      sendText(req, res, 404, 'Not Found');
    } else {
      sendText(req, res, 500, 'Internal Server Error');
    }
    return;
  }

  const headers = {
    'Content-Type': mimeTypeFor(filePath),
    'Content-Length': stat.size,
    'Last-Modified': stat.mtime.toUTCString(),
  };
  if (req.method === 'HEAD') {
    send(req, res, 200, headers);
    return;
  }
  res.writeHead(200, { ...COMMON_HEADERS, ...headers });
  const stream = fs.createReadStream(filePath);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Start the static server. Resolves with the listening http.Server
 * (server.address().port gives the real port when port is 0).
 */
export async function startServer({ root = 'www', port = 8080, host = '127.0.0.1' } = {}) {
  // Resolve symlinks in root itself so the realpath check above is exact.
  const absRoot = await fsp.realpath(path.resolve(root));
  const st = await fsp.stat(absRoot);
  if (!st.isDirectory()) throw new Error(`serve: root is not a directory: ${absRoot}`);

  const server = http.createServer((req, res) => {
    handle(absRoot, req, res).catch(() => {
      if (!res.headersSent) sendText(req, res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  server.root = absRoot;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function parseArgs(argv) {
  const opts = { root: 'www', port: 8080, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      if (eq >= 0) return arg.slice(eq + 1);
      if (i + 1 >= argv.length) throw new Error(`missing value for ${name}`);
      return argv[++i];
    };
    switch (name) {
      case '--root': opts.root = value(); break;
      case '--port': opts.port = value(); break;
      case '--host': opts.host = value(); break;
      case '-h':
      case '--help':
        console.log('usage: node scripts/serve.mjs [--root DIR] [--port 8080] [--host 127.0.0.1]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad --port: ${opts.port}`);
  opts.port = port;
  return opts;
}

function urlFor(server, host) {
  const { port } = server.address();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return `http://${shownHost}:${port}/`;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`serve: ${err.message}`);
    console.error('usage: node scripts/serve.mjs [--root DIR] [--port 8080] [--host 127.0.0.1]');
    process.exit(2);
  }
  let server;
  try {
    server = await startServer(opts);
  } catch (err) {
    console.error(`serve: cannot start: ${err.message}`);
    process.exit(1);
  }
  console.log(`Serving ${server.root} at ${urlFor(server, opts.host)}`);

  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`serve: ${signal}, shutting down`);
    server.close(() => process.exit(0));
    for (const s of sockets) s.destroy();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function isMainModule() {
  if (!process.argv[1]) return false;
  const real = (p) => {
    try { return fs.realpathSync(p); } catch { return path.resolve(p); }
  };
  return real(process.argv[1]) === real(fileURLToPath(import.meta.url));
}
if (isMainModule()) main();
