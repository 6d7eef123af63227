// A citizen who follows a plan hears by e-mail that its consultation opened, and the e-mail's
// "Odhlásit odběr" link opens a page that ends the subscription with one button, no sign-in needed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, checkA11y, login, newPage, screenshot, startBrowser, startServer, waitForMail } from './harness.mjs';

let server;
let browser;
let admin;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  admin = await login(server.baseUrl, ADMIN.email, ADMIN.password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a citizen hears that a plan’s consultation opened and unsubscribes from the e-mail’s link', async () => {
  const email = 'obcanka.odber@example.cz';
  const password = 'citizen-password-12345';
  await admin.must('POST', '/users', { email, display_name: 'Olga Odběratelka', role: 'member', password }, 201);
  const citizen = await login(server.baseUrl, email, password);
  const plan = await admin.must('POST', '/plans', {
    title: 'Komunitní plán Odběrov 2027–2030 (e2e)', territory: 'Odběrov', period_start: 2027, period_end: 2030, summary: 'Plán pro e2e.', vision: 'Vize.',
  }, 201);
  await citizen.must('POST', '/me/subscriptions', { target_type: 'plan', target_id: plan.id }, 201);
  await admin.must('POST', `/plans/${plan.id}/status`, {
    status: 'consultation', consultation_closes_at: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  });

  const mail = await waitForMail(server.outboxDir, email, 'Komunitní plán Odběrov');
  const text = mail.texts.join('\n');
  assert.match(text, /připomínk/, text);
  assert.match(mail.headers['list-unsubscribe-post'] ?? '', /List-Unsubscribe=One-Click/);
  const link = /https?:\/\/[^\s"<>]+\/unsubscribe\?token=[A-Za-z0-9._-]+/.exec(text);
  assert.ok(link, `no unsubscribe link in:\n${text}`);
  const url = new URL(link[0]);

  // Opened in a browser (not signed in): the page says what ends, and ends nothing by itself.
  const page = await newPage(browser);
  await page.goto(`${server.baseUrl}${url.pathname}${url.search}`);
  await page.getByRole('heading', { level: 1, name: 'Odhlásit odběr novinek' }).waitFor();
  await page.getByText('Odkaz ukončí odběr novinek o komunitním plánu.').waitFor();
  assert.equal((await citizen.must('GET', '/me/subscriptions')).items.length, 1);
  await screenshot(page, 'unsubscribe');
  await checkA11y(page, 'unsubscribe');
  await page.getByRole('button', { name: 'Odhlásit odběr' }).click();
  await page.getByText('Odběr je zrušen.').waitFor();
  assert.equal((await citizen.must('GET', '/me/subscriptions')).items.length, 0);
  // The link is spent.
  await page.reload();
  await page.getByText('Tento odkaz už neplatí').waitFor();
  await page.close();
});
