// A coordinator connects another system: creates a webhook in the web app (the signing secret shown
// once), a need reported meanwhile reaches a real HTTP receiver on loopback signed the Standard
// Webhooks way, the webhook's page shows the delivery, and the coordinator turns it off and deletes it.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { ADMIN, apiClient, checkA11y, login, newPage, screenshot, signInUi, startBrowser, startServer } from './harness.mjs';

let server;
let browser;
let admin;
let receiver;
const received = [];

before(async () => {
  // The receiver is on loopback, which webhooks may call only when the installation allows it.
  server = await startServer({ env: { SPOLUPLAN_WEBHOOK_ALLOW_PRIVATE: '1', SPOLUPLAN_OUTBOX_POLL: '1' } });
  browser = await startBrowser();
  admin = await login(server.baseUrl, ADMIN.email, ADMIN.password);
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  receiver?.close();
});

test('a coordinator connects a system by a webhook, sees its deliveries, turns it off and deletes it', async () => {
  const password = 'coordinator-password-12345';
  const coordinator = await admin.must('POST', '/users', { email: 'wanda.hook@example.cz', display_name: 'Wanda Háčková', role: 'coordinator', password }, 201);
  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, coordinator.email, password);
  await page.getByRole('link', { name: 'API klíče' }).click();
  await page.getByRole('link', { name: 'Webhooky' }).click();
  await page.getByRole('heading', { level: 1, name: 'Webhooky' }).waitFor();
  await page.getByText('Zatím nemáte žádný webhook.').waitFor();

  const url = `http://127.0.0.1:${receiver.address().port}/spoluplan`;
  await page.getByLabel(/^Adresa \(URL\)/).fill(url);
  await page.getByLabel('Popis', { exact: true }).fill('Krajský katalog (e2e)');
  await page.getByRole('checkbox', { name: /^nová potřeba/ }).check();
  await screenshot(page, 'webhooks-new');
  await checkA11y(page, 'webhooks-new');
  await page.getByRole('button', { name: 'Vytvořit webhook' }).click();
  const secret = await page.getByTestId('webhook-secret').innerText();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
  await page.getByRole('button', { name: 'Mám zkopírováno' }).click();
  await page.getByRole('cell', { name: 'Krajský katalog (e2e)' }).waitFor();

  // A citizen reports a need: the receiver hears of it, signed with that secret.
  const need = await apiClient(server.baseUrl).must('POST', '/needs', { title: 'Chybí noclehárna (e2e)', author_name: 'Občan' }, 201);
  const deadline = Date.now() + 20_000;
  while (!received.some((r) => r.body.includes(need.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const call = received.find((r) => r.body.includes(need.id));
  assert.ok(call, 'the receiver was never called');
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signed = `${call.headers['webhook-id']}.${call.headers['webhook-timestamp']}.${call.body}`;
  const expected = `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
  assert.ok(call.headers['webhook-signature'].split(' ').includes(expected), 'the signature verifies');
  assert.equal(JSON.parse(call.body).type, 'need.created');
  assert.equal(call.body.includes('Občan'), false, 'no reporter’s name in the event');

  // The webhook's page lists the delivery.
  await page.getByRole('link', { name: url }).click();
  await page.getByRole('heading', { level: 1, name: 'Webhook' }).waitFor();
  const log = page.getByRole('region', { name: 'Doručování' });
  await log.getByRole('cell', { name: 'nová potřeba' }).waitFor();
  await log.getByRole('cell', { name: '204' }).waitFor();
  await screenshot(page, 'webhook-deliveries');
  await checkA11y(page, 'webhook-deliveries');
  await checkA11y(page, 'webhook-deliveries-320', { width: 320 });

  // Off, then deleted.
  await page.getByRole('checkbox', { name: 'Zapnutý' }).uncheck();
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByText('Webhook je vypnutý').waitFor();
  await page.getByRole('button', { name: 'Smazat webhook' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Smazat webhook' }).click();
  await page.getByRole('heading', { level: 1, name: 'Webhooky' }).waitFor();
  await page.getByText('Zatím nemáte žádný webhook.').waitFor();
  await page.close();
});
