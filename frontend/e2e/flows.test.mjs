// The three flows of issue 5 against the real server, with axe and screenshots on the main pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, apiClient, checkA11y, localDateTime, login, newPage, screenshot, signInUi, startBrowser, startServer } from './harness.mjs';

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

/** A plan with one goal and one measure, through the API; `consultation` opens it for comments. */
async function seedPlan(title, { consultation = false, workingGroupId = null } = {}) {
  const plan = await admin.must('POST', '/plans', {
    title, territory: 'Město Testov', period_start: 2026, period_end: 2029,
    summary: 'Plán pro e2e test.', vision: 'Dostupné služby pro všechny.',
  }, 201);
  const goal = await admin.must('POST', `/plans/${plan.id}/goals`, { code: '1', title: 'Senioři doma', working_group_id: workingGroupId }, 201);
  const measure = await admin.must('POST', `/goals/${goal.id}/measures`, {
    code: '1.1', title: 'Odlehčovací služba', responsible: 'Charita Testov', progress: 30, status: 'in_progress',
  }, 201);
  if (consultation) {
    await admin.must('POST', `/plans/${plan.id}/status`, {
      status: 'consultation', consultation_closes_at: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    });
  }
  return { plan, goal, measure };
}

test('a citizen finds a plan and comments during the consultation', async () => {
  const { plan, measure } = await seedPlan('Komunitní plán Testov 2026–2029', { consultation: true });
  const page = await newPage(browser);
  await page.goto(server.baseUrl + '/');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await screenshot(page, 'home');
  await checkA11y(page, 'home');

  await page.getByRole('link', { name: plan.title }).first().click();
  await page.getByRole('heading', { level: 1, name: plan.title }).waitFor();
  await page.getByRole('heading', { name: 'Probíhá připomínkové řízení' }).waitFor();
  await page.getByRole('progressbar').first().waitFor();
  await screenshot(page, 'plan');
  await checkA11y(page, 'plan');

  await page.getByLabel(/Text připomínky/).fill('Prosíme o rozšíření odlehčovací služby i na víkendy.');
  await page.getByLabel(/Jméno a příjmení/).fill('Marie Občanová');
  await page.getByRole('button', { name: 'Odeslat připomínku' }).click();
  await page.getByText('Děkujeme, vaše připomínka byla přijata.').waitFor();
  await page.getByText('Prosíme o rozšíření odlehčovací služby').waitFor();
  await screenshot(page, 'plan-commented');

  // An empty name is refused by the server and shown at the field.
  await page.getByRole('button', { name: 'Napsat další připomínku' }).click();
  await page.getByLabel(/Text připomínky/).fill('Bez jména');
  await page.getByLabel(/Jméno a příjmení/).fill('');
  await page.evaluate(() => document.querySelectorAll('[required]').forEach((el) => el.removeAttribute('required')));
  await page.getByRole('button', { name: 'Odeslat připomínku' }).click();
  await page.locator('.field-invalid').first().waitFor();

  await page.goto(`${server.baseUrl}/measures/${measure.id}`);
  await page.getByRole('heading', { level: 1, name: /Odlehčovací služba/ }).waitFor();
  await screenshot(page, 'measure');
  await checkA11y(page, 'measure');

  await page.goto(`${server.baseUrl}/working-groups`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('main .card a').first().waitFor();
  await screenshot(page, 'working-groups');
  await checkA11y(page, 'working-groups');
  await page.locator('main .card a').first().click();
  await page.getByRole('heading', { name: 'Členové' }).waitFor();
  await screenshot(page, 'working-group');
  await checkA11y(page, 'working-group');
  const meetingLink = page.locator('main a[href^="/meetings/"]').first();
  if (await meetingLink.count()) {
    await meetingLink.click();
    await page.getByRole('heading', { name: 'Program' }).waitFor();
    await screenshot(page, 'meeting');
    await checkA11y(page, 'meeting');
  }

  await page.goto(`${server.baseUrl}/sign-in`);
  await checkA11y(page, 'sign-in');
  // English works too.
  await page.goto(server.baseUrl + '/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Community plans of social services' }).waitFor();
  await page.getByRole('button', { name: 'Přepnout do češtiny' }).click();
  await page.close();
});

test('a coordinator creates a plan, opens the consultation, settles a comment and approves the plan', async () => {
  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, ADMIN.email, ADMIN.password);
  await page.goto(server.baseUrl + '/');
  await page.getByRole('link', { name: 'Nový komunitní plán' }).click();
  const title = 'Komunitní plán sociálních služeb Lhota 2027–2030';
  await page.getByLabel(/^Název/).fill(title);
  await page.getByLabel(/^Území/).fill('Obec Lhota');
  await page.getByLabel(/^Od roku/).fill('2030');
  await page.getByLabel(/^Do roku/).fill('2027');
  await page.getByRole('button', { name: 'Uložit' }).click();
  // The server's validation error appears at a field.
  await page.locator('.field-invalid .field-error').first().waitFor();
  await screenshot(page, 'plan-form-errors');
  await checkA11y(page, 'plan-form');
  await page.getByLabel(/^Od roku/).fill('2027');
  await page.getByLabel(/^Do roku/).fill('2030');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const planId = new URL(page.url()).pathname.split('/').pop();

  await page.getByRole('link', { name: 'Přidat cíl' }).click();
  await page.getByLabel(/^Označení/).fill('1');
  await page.getByLabel(/^Název cíle/).fill('Podpora seniorů v domácím prostředí');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByRole('heading', { name: /Podpora seniorů v domácím prostředí/ }).waitFor();
  await page.getByRole('link', { name: 'Přidat opatření k cíli 1' }).click();
  await page.getByLabel(/^Označení/).fill('1.1');
  await page.getByLabel(/^Název opatření/).fill('Rozšíření pečovatelské služby');
  await page.getByLabel(/^Gestor/).fill('Obec Lhota');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByRole('heading', { level: 1, name: /Rozšíření pečovatelské služby/ }).waitFor();

  // A stale edit (someone else saved meanwhile) is explained, with a reload.
  await page.goto(`${server.baseUrl}/plans/${planId}/edit`);
  await page.getByLabel(/^Shrnutí/).fill('Moje verze');
  await admin.must('PATCH', `/plans/${planId}`, { summary: 'Cizí verze' });
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByText('Mezitím tento záznam změnil někdo jiný').waitFor();
  await page.getByRole('button', { name: 'Načíst aktuální verzi' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('textarea')].some((t) => t.value === 'Cizí verze'));
  assert.equal(await page.getByText('Mezitím tento záznam změnil někdo jiný').count(), 0);

  await page.goto(`${server.baseUrl}/plans/${planId}`);
  await page.getByRole('button', { name: 'Zahájit připomínkové řízení' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('se zveřejní').waitFor();
  await dialog.getByLabel(/Konec připomínkového řízení/).fill(localDateTime(14));
  await screenshot(page, 'lifecycle-dialog');
  await dialog.getByRole('button', { name: 'Ano, zahájit řízení' }).click();
  await page.getByRole('heading', { name: 'Probíhá připomínkové řízení' }).waitFor();

  // A citizen comments (anonymously, through the API).
  const anon = apiClient(server.baseUrl);
  await anon.must('POST', '/comments', { target_type: 'plan', target_id: planId, body: 'Chybí mi dostupnost o víkendech.', author_name: 'Jan Novák' }, 201);

  await page.getByRole('link', { name: 'Vypořádání připomínek' }).click();
  await page.getByRole('heading', { level: 1, name: 'Vypořádání připomínek' }).waitFor();
  await page.getByText('Chybí mi dostupnost o víkendech.').waitFor();
  await checkA11y(page, 'register');
  await page.getByLabel('Vybrat připomínku č. 1').check();
  await page.getByLabel('akceptováno', { exact: true }).check();
  await page.getByLabel(/^Odůvodnění/).fill('Doplněno do opatření 1.1.');
  await page.getByRole('button', { name: 'Vypořádat vybrané' }).click();
  await page.getByText('Vypořádána 1 připomínka.').waitFor();
  await screenshot(page, 'register');
  const csv = page.getByRole('link', { name: 'Stáhnout vypořádání jako CSV' });
  assert.match(await csv.getAttribute('href'), /consultation-report\?format=csv$/);

  await page.goto(`${server.baseUrl}/plans/${planId}`);
  await page.getByRole('button', { name: 'Zaznamenat schválení' }).click();
  await dialog.getByLabel(/Usnesení o schválení/).fill('usnesení ZO č. 12/2027');
  await dialog.getByLabel(/Datum schválení/).fill(new Date().toISOString().slice(0, 10));
  await dialog.getByRole('button', { name: 'Ano, plán je schválen' }).click();
  await page.locator('.meta .tag', { hasText: 'schválený' }).first().waitFor();
  await screenshot(page, 'plan-approved');
  const report = await admin.must('GET', `/plans/${planId}/consultation-report`);
  assert.equal(report.counts.accepted, 1);
  assert.equal(report.counts.unsettled, 0);

  // Sign-out ends the session.
  await page.getByRole('button', { name: 'Odhlásit se' }).click();
  await page.getByRole('link', { name: 'Přihlásit se' }).waitFor();
  await page.close();
});

test("a group leader cannot edit another group's measure", async () => {
  const password = 'leader-password-12345';
  const leader = await admin.must('POST', '/users', { email: 'vedouci@example.cz', display_name: 'Věra Vedoucí', role: 'member', password }, 201);
  const own = await admin.must('POST', '/working-groups', { name: 'PS Senioři (e2e)', kind: 'thematic', target_group: 'senioři' }, 201);
  const other = await admin.must('POST', '/working-groups', { name: 'PS Rodiny (e2e)', kind: 'thematic', target_group: 'rodiny s dětmi' }, 201);
  await admin.must('POST', `/working-groups/${own.id}/members`, { user_id: leader.id, role: 'leader', stakeholder: 'provider' }, 201);
  const mine = await seedPlan('Plán skupiny seniorů (e2e)', { workingGroupId: own.id });
  const theirs = await seedPlan('Plán skupiny rodin (e2e)', { workingGroupId: other.id });

  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, leader.email, password);
  await page.goto(`${server.baseUrl}/measures/${theirs.measure.id}`);
  await page.getByRole('heading', { level: 1, name: /Odlehčovací služba/ }).waitFor();
  await page.getByRole('heading', { name: 'Ukazatele' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Upravit opatření' }).count(), 0);
  await page.goto(`${server.baseUrl}/measures/${mine.measure.id}`);
  await page.getByRole('link', { name: 'Upravit opatření' }).waitFor();

  // The API enforces it too.
  const api = await login(server.baseUrl, leader.email, password);
  const refused = await api.call('PATCH', `/measures/${theirs.measure.id}`, { progress: 90 });
  assert.equal(refused.status, 403);
  const allowed = await api.call('PATCH', `/measures/${mine.measure.id}`, { progress: 60 });
  assert.equal(allowed.status, 200);
  await page.close();
});
