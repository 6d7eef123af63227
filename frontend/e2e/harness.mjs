// End-to-end harness: starts the real `spoluplan serve` on a fresh SQLite database and a free
// port, drives Debian's Chromium through playwright-core, and checks pages with axe-core.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const here = dirname(fileURLToPath(import.meta.url));
export const frontendDir = resolve(here, '..');
export const resultsDir = join(frontendDir, 'test-results');
const binary = process.env.SPOLUPLAN_BIN ?? resolve(frontendDir, '../target/debug/spoluplan');
export const ADMIN = { email: 'admin@example.cz', password: 'e2e-admin-password-123' };

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * Starts the server on a fresh SQLite database with the demo data (`env` adds settings) and waits
 * for /api/v1/health/ready; `stop()` ends it and removes its data.
 */
export async function startServer({ env = {} } = {}) {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`cargo build\` first`);
  if (!existsSync(join(frontendDir, 'dist', 'index.html'))) throw new Error('frontend/dist is missing: run `npm run build` first');
  const dataDir = mkdtempSync(join(tmpdir(), 'spoluplan-e2e-'));
  // No SMTP: every e-mail is written here as an .eml file, which the tests read (`waitForMail`).
  const outboxDir = join(dataDir, 'outbox');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = [];
  const child = spawn(binary, ['serve', '--init'], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${dataDir}/e2e.db?mode=rwc`,
      SPOLUPLAN_BIND: `127.0.0.1:${port}`,
      SPOLUPLAN_ENV: 'development',
      SPOLUPLAN_DATA_DIR: dataDir,
      SPOLUPLAN_OUTBOX_DIR: outboxDir,
      SPOLUPLAN_SMTP_URL: '',
      SPOLUPLAN_ADMIN_EMAIL: ADMIN.email,
      SPOLUPLAN_ADMIN_PASSWORD: ADMIN.password,
      SPOLUPLAN_DEMO: '1',
      SPOLUPLAN_STATIC_DIR: join(frontendDir, 'dist'),
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  const exited = new Promise((ok) => child.once('exit', ok));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`spoluplan exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health/ready`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`spoluplan did not become ready in 60 s:\n${log.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    log,
    outboxDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Header name (lower-cased) → value, with folded lines joined; and the body after the blank line. */
function splitMessage(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(body, encoding) {
  switch ((encoding ?? '').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      // Soft line breaks go; each =XX is one byte, and the bytes together are UTF-8 (a Czech letter is two).
      const text = body.replace(/=\r?\n/g, '');
      const bytes = [];
      for (let i = 0; i < text.length; i++) {
        const hex = text.slice(i + 1, i + 3);
        if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
          bytes.push(parseInt(hex, 16));
          i += 2;
        } else bytes.push(...Buffer.from(text[i], 'utf8'));
      }
      return Buffer.from(bytes).toString('utf8');
    }
    default:
      return body;
  }
}

/** The decoded text of every text/* part of a MIME message (multipart parts recursively). */
export function mailTexts(raw) {
  const { headers, body } = splitMessage(raw);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    return parts.filter((part) => !part.startsWith('--')).flatMap((part) => mailTexts(part.replace(/^\r?\n/, '')));
  }
  return /^text\//i.test(type) ? [decodeBody(body, headers['content-transfer-encoding'])] : [];
}

/**
 * Waits for an e-mail to `to` in the outbox whose decoded text contains `needle`; answers its
 * headers and texts, skipping messages that contain any of `except` (mails already seen). The outbox
 * worker sends a message as soon as it is enqueued.
 */
export async function waitForMail(outboxDir, to, needle, { except = [], timeoutMs = 20_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = existsSync(outboxDir) ? readdirSync(outboxDir).filter((f) => f.endsWith('.eml')) : [];
    for (const file of files) {
      const raw = readFileSync(join(outboxDir, file), 'utf8');
      const { headers } = splitMessage(raw);
      const texts = mailTexts(raw);
      const seen = except.some((old) => texts.some((text) => text.includes(old)));
      if (!seen && (headers.to ?? '').includes(to) && texts.some((text) => text.includes(needle))) return { headers, texts };
    }
    if (Date.now() > deadline) throw new Error(`no e-mail to ${to} containing ${needle} in ${outboxDir} (${files.length} files)`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Debian's Chromium (never a downloaded build) with a fresh profile. */
export async function startBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'spoluplan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'cs-CZ',
    timezoneId: 'Europe/Prague',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A fresh page (own cookies/sessionStorage via a new browser context would need launch(); clear instead). */
export async function newPage(browser) {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Screenshot into test-results/ at desktop width and at 320 px. */
export async function screenshot(page, name) {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  await page.screenshot({ path: join(resultsDir, `${name}-320.png`), fullPage: true });
  // Reflow (WCAG 1.4.10): at 320 px nothing but a table's own scroll region may be wider.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (size) await page.setViewportSize(size);
  if (width > 320) throw new Error(`${name} scrolls sideways at 320 px: it is ${width} px wide`);
}

/**
 * Runs axe-core (WCAG 2.1 A/AA) and throws on serious or critical violations; with `width` the page
 * is checked at that viewport width (e.g. 320 px for reflow), then restored.
 */
export async function checkA11y(page, name, { width } = {}) {
  const size = page.viewportSize();
  if (width) await page.setViewportSize({ width, height: 800 });
  let results;
  try {
    results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  } finally {
    if (width && size) await page.setViewportSize(size);
  }
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const text = bad
      .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`)
      .join('\n');
    throw new Error(`axe found ${bad.length} serious/critical violation(s) on ${name}:\n${text}`);
  }
  return results.violations.length;
}

/** A small JSON client for setting up data through the API (the browser does the part under test). */
export function apiClient(baseUrl, token) {
  async function call(method, path, body, extraHeaders = {}) {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...extraHeaders,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = text;
    }
    return { status: res.status, data, headers: res.headers };
  }
  const must = async (method, path, body, expected) => {
    const r = await call(method, path, body);
    if (expected ? r.status !== expected : r.status >= 300) {
      throw new Error(`${method} ${path} → ${r.status}: ${JSON.stringify(r.data)}`);
    }
    return r.data;
  };
  return { call, must };
}

export async function login(baseUrl, email, password) {
  const { must } = apiClient(baseUrl);
  const pair = await must('POST', '/auth/login', { email, password });
  return apiClient(baseUrl, pair.access_token);
}

/** Signs in through the sign-in page. */
export async function signInUi(page, baseUrl, email, password) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Heslo').fill(password);
  await page.getByRole('button', { name: 'Přihlásit se' }).last().click();
  await page.getByRole('button', { name: 'Odhlásit se' }).waitFor();
}

/** `datetime-local` value a number of days from now. */
export function localDateTime(daysAhead) {
  const d = new Date(Date.now() + daysAhead * 86_400_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
