// "Můj účet" and "Odebírat novinky": a citizen signs in, sets a weekly digest on their account page,
// follows a plan from its page by keyboard, finds it listed on the account page and stops it there.
// An anonymous commenter leaves an e-mail and asks for the settlement; the coordinator settles the
// comment and the settlement arrives in the .eml outbox, whose link ends those e-mails. Axe and
// screenshots (1280 and 320 px) on each page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, apiClient, checkA11y, login, newPage, screenshot, signInUi, startBrowser, startServer, waitForMail } from './harness.mjs';

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

/** A plan of its own in open consultation, for one test. */
async function planInConsultation(title) {
  const plan = await admin.must('POST', '/plans', {
    title, territory: 'Odběrov', period_start: 2027, period_end: 2030, summary: 'Plán pro e2e.', vision: 'Vize.',
  }, 201);
  await admin.must('POST', `/plans/${plan.id}/status`, {
    status: 'consultation', consultation_closes_at: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  });
  return plan;
}

test('a citizen sets a weekly digest on Můj účet, follows a plan from its page and stops it on Můj účet', async () => {
  const email = 'obcan.ucet@example.cz';
  const password = 'citizen-password-12345';
  await admin.must('POST', '/users', { email, display_name: 'Úlehla Účtovský', role: 'member', password }, 201);
  let citizen = await login(server.baseUrl, email, password);
  const plan = await planInConsultation('Komunitní plán Účtova 2027–2030 (e2e)');

  // Not signed in, the plan page offers to sign in and come back.
  const page = await newPage(browser);
  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  const signIn = page.getByRole('link', { name: 'Přihlaste se a odebírejte novinky e-mailem' });
  assert.equal(new URL(await signIn.getAttribute('href'), server.baseUrl).searchParams.get('next'), `/plans/${plan.id}`);

  await signInUi(page, server.baseUrl, email, password);
  await page.getByRole('link', { name: 'Můj účet' }).click();
  await page.getByRole('heading', { level: 1, name: 'Můj účet' }).waitFor();
  for (const section of ['Profil', 'Změna hesla', 'Oznámení e-mailem', 'Odběry novinek']) {
    await page.getByRole('heading', { level: 2, name: section }).waitFor();
  }
  await page.getByText('pošleme na novou adresu odkaz k potvrzení').waitFor();
  await page.getByText('Zatím nic neodebíráte.', { exact: false }).waitFor();
  await page.getByLabel('Jak často posílat novinky z odběrů').selectOption('weekly');
  const notifications = page.getByRole('region', { name: 'Oznámení e-mailem' });
  await notifications.getByRole('button', { name: 'Uložit' }).click();
  await notifications.getByText('Uloženo.').waitFor();
  assert.equal((await citizen.must('GET', '/me')).notification_frequency, 'weekly');
  await screenshot(page, 'my-account');
  await checkA11y(page, 'my account');
  await checkA11y(page, 'my account 320', { width: 320 });

  // The password: a wrong current one is named at its field; then the new one signs in.
  const passwordSection = page.getByRole('region', { name: 'Změna hesla' });
  const fresh = 'nove-heslo-obcana-98765';
  await passwordSection.getByLabel('Současné heslo').fill('spatne-heslo-12345');
  await passwordSection.getByLabel('Nové heslo', { exact: false }).first().fill(fresh);
  await passwordSection.getByLabel('Nové heslo znovu').fill(fresh);
  await passwordSection.getByRole('button', { name: 'Změnit heslo' }).click();
  const current = passwordSection.getByLabel('Současné heslo');
  await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]'));
  assert.equal(await current.getAttribute('aria-invalid'), 'true');
  await current.fill(password);
  await passwordSection.getByLabel('Nové heslo', { exact: false }).first().fill(fresh);
  await passwordSection.getByLabel('Nové heslo znovu').fill(fresh);
  await passwordSection.getByRole('button', { name: 'Změnit heslo' }).click();
  await passwordSection.getByText('Heslo je změněno.', { exact: false }).waitFor();
  // The other sessions ended (the API client's among them); this page's goes on.
  assert.equal((await citizen.call('GET', '/me')).status, 401);
  citizen = await login(server.baseUrl, email, fresh);

  // Follows the plan with the keyboard; the button stays focused and says how to stop.
  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  const follow = page.getByRole('button', { name: 'Odebírat novinky' });
  // The button takes a press once the person's subscriptions are known (aria-disabled until then).
  await page.locator('.follow button:not([aria-disabled])').waitFor();
  await follow.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Novinky o tomto plánu vám posíláme e-mailem.' }).waitFor();
  const stop = page.getByRole('button', { name: 'Zrušit odběr' });
  await stop.waitFor();
  assert.ok(await stop.evaluate((el) => el === document.activeElement), 'the focus stays on the button');
  const mine = (await citizen.must('GET', '/me/subscriptions')).items;
  assert.deepEqual(mine.map((s) => [s.target_type, s.target_id]), [['plan', plan.id]]);
  await screenshot(page, 'plan-following');
  await checkA11y(page, 'plan page, following');

  // Listed on Můj účet, named and linked, and stopped there.
  await page.getByRole('link', { name: 'Můj účet' }).click();
  const list = page.getByRole('region', { name: 'Odběry novinek' });
  await list.getByRole('link', { name: plan.title }).waitFor();
  await screenshot(page, 'my-account-subscriptions');
  await checkA11y(page, 'my account with a subscription', { width: 320 });
  // Each row's button names its target for a screen reader (a visually hidden part).
  const stopHere = list.getByRole('button', { name: /^Zrušit odběr/ });
  assert.match(await stopHere.textContent(), new RegExp(`Zrušit odběr.*${plan.title.replace(/[()]/g, '\\$&')}`));
  await stopHere.press('Enter');
  await list.getByText('Odběr novinek je zrušen.').waitFor();
  await list.getByText('Zatím nic neodebíráte.', { exact: false }).waitFor();
  assert.equal((await citizen.must('GET', '/me/subscriptions')).items.length, 0);

  // The same button on a working group's and a territory's page.
  const group = (await admin.must('GET', '/working-groups')).items[0];
  await page.goto(`${server.baseUrl}/working-groups/${group.id}`);
  await page.locator('.follow button:not([aria-disabled])').waitFor();
  await page.getByRole('button', { name: 'Odebírat novinky' }).click();
  await page.getByRole('status').filter({ hasText: 'Novinky o této pracovní skupině vám posíláme e-mailem.' }).waitFor();
  await screenshot(page, 'group-following');
  await checkA11y(page, 'group page, following');
  await page.goto(`${server.baseUrl}/territories/${group.territory_id}`);
  await page.locator('.follow button:not([aria-disabled])').waitFor();
  await page.getByRole('button', { name: 'Odebírat novinky' }).click();
  await page.getByRole('status').filter({ hasText: 'Novinky o tomto území vám posíláme e-mailem.' }).waitFor();
  await page.getByRole('button', { name: 'Zrušit odběr' }).click();
  await page.getByRole('status').filter({ hasText: 'Odběr novinek je zrušen.' }).waitFor();
  await page.getByRole('button', { name: 'Odebírat novinky' }).waitFor();
  const left = (await citizen.must('GET', '/me/subscriptions')).items;
  assert.deepEqual(left.map((s) => [s.target_type, s.target_id]), [['working_group', group.id]]);
  await page.close();
});

test('an anonymous commenter asks for the settlement, which arrives by e-mail once the coordinator settles the comment', async () => {
  const plan = await planInConsultation('Komunitní plán Vypořádalova 2027–2030 (e2e)');
  const email = 'vera.pripominkujici@example.cz';
  const page = await newPage(browser);
  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  const form = page.locator('#comment-form');
  const consent = form.getByLabel('Chci dostat vypořádání e-mailem');
  assert.equal(await consent.isDisabled(), true, 'no e-mail, no consent');
  await form.getByLabel('Text připomínky', { exact: false }).fill('Prosíme o rozšíření odlehčovací služby o víkendy.');
  await form.getByLabel('Jméno', { exact: false }).fill('Věra Připomínková');
  await form.getByLabel('E-mail', { exact: true }).fill(email);
  await consent.check();
  await screenshot(page, 'comment-form-consent');
  await checkA11y(page, 'comment form with consent');
  await form.getByRole('button', { name: 'Odeslat připomínku' }).click();
  await page.getByText('Děkujeme', { exact: false }).first().waitFor();

  const comments = await admin.must('GET', `/comments?target_type=plan&target_id=${plan.id}`);
  const comment = comments.items.find((c) => c.author.display_name === 'Věra Připomínková');
  assert.equal(comment.author_email, email, 'the coordinator sees the address');
  const published = await apiClient(server.baseUrl).must('GET', `/comments/${comment.id}`);
  assert.equal(JSON.stringify(published).includes(email), false, 'the public does not');
  await admin.must('POST', `/comments/${comment.id}/resolution`, {
    resolution: 'accepted', note: 'Víkendový provoz zařadíme do opatření 1.1.',
  });

  const mail = await waitForMail(server.outboxDir, email, 'Víkendový provoz zařadíme do opatření 1.1.');
  const text = mail.texts.join('\n');
  assert.match(text, /akceptováno/, text);
  assert.match(mail.headers['list-unsubscribe-post'] ?? '', /List-Unsubscribe=One-Click/);
  const link = /https?:\/\/[^\s"<>]+\/unsubscribe\/comment\?token=[A-Za-z0-9._-]+/.exec(text);
  assert.ok(link, `no unsubscribe link in:\n${text}`);
  const url = new URL(link[0]);
  await page.goto(`${server.baseUrl}${url.pathname}${url.search}`);
  await page.getByText('Odkaz ukončí e-maily o vypořádání vaší připomínky.').waitFor();
  await screenshot(page, 'unsubscribe-comment');
  await checkA11y(page, 'unsubscribe comment notices');
  await page.getByRole('button', { name: 'Odhlásit odběr' }).click();
  await page.getByText('Odběr je zrušen.').waitFor();
  await page.reload();
  await page.getByText('Tento odkaz už neplatí').waitFor();
  await page.close();
});
