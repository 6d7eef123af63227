// The planning spiral: after the consultation the public sees what changed beside the comments that
// led to it, and a coordinator starts the next plan from an evaluated one, whose measures say where
// they came from. axe at 1280 and 320 px, screenshots of each page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, apiClient, checkA11y, login, newPage, screenshot, signInUi, startBrowser, startServer } from './harness.mjs';

const DEMO_PASSWORD = 'spoluplan-demo';
// Simona Králová coordinates Statutární město Ostrava in the demo data (api/src/seed/demo.rs).
const OSTRAVA_COORDINATOR = 'koordinatorka.ostrava@example.cz';

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

test('after the consultation, the public sees each change beside the comment that led to it', async () => {
  const territories = (await admin.must('GET', '/territories?limit=200')).items;
  const territory = territories.find((t) => t.name === 'ORP Český Krumlov');
  const plan = await admin.must('POST', '/plans', {
    title: 'Komunitní plán ORP Český Krumlov 2027–2029 (e2e)', territory_id: territory.id, period_start: 2027, period_end: 2029,
  }, 201);
  const goal = await admin.must('POST', `/plans/${plan.id}/goals`, { code: '1', title: 'Senioři doma' }, 201);
  const measure = await admin.must('POST', `/goals/${goal.id}/measures`, { code: '1.1', title: 'Pečovatelská služba' }, 201);
  await admin.must('POST', `/plans/${plan.id}/status`, { status: 'consultation', consultation_closes_at: '2099-01-01T00:00:00Z' });
  await apiClient(server.baseUrl).must('POST', '/comments', {
    target_type: 'measure', target_id: measure.id, body: 'Služba chybí o víkendech.', author_name: 'Jana Občanová',
  }, 201);

  // The coordinator settles the comment in the register, naming the measure it changed.
  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, ADMIN.email, ADMIN.password);
  await page.goto(`${server.baseUrl}/plans/${plan.id}/register`);
  await page.getByRole('heading', { level: 1, name: 'Vypořádání připomínek' }).waitFor();
  await page.getByLabel('Vybrat připomínku č. 1').check();
  await page.getByLabel('akceptováno', { exact: true }).check();
  await page.getByLabel(/^Odůvodnění/).fill('Víkendová péče je potřeba.');
  await page.getByLabel(/^Změna v plánu/).fill('Služba rozšířena o víkendy.');
  await page.getByLabel('Změněný cíl nebo opatření').selectOption({ label: 'opatření 1.1 Pečovatelská služba' });
  await checkA11y(page, 'register-change');
  await page.getByRole('button', { name: 'Vypořádat vybrané' }).click();
  await page.getByText('Vypořádána 1 připomínka.').waitFor();
  const row = page.getByRole('row').filter({ hasText: 'Služba chybí o víkendech.' });
  await row.getByRole('link', { name: 'opatření 1.1 Pečovatelská služba' }).waitFor();
  await row.getByText('Služba rozšířena o víkendy.').waitFor();

  // The plan is reworked and approved.
  await admin.must('PATCH', `/measures/${measure.id}`, { title: 'Pečovatelská služba i o víkendech' });
  await admin.must('POST', `/plans/${plan.id}/status`, { status: 'approved', approval_resolution: 'usnesení ZM č. 7/2027', approved_on: '2026-12-01' });
  await page.getByRole('button', { name: 'Odhlásit se' }).click();

  // A citizen reads what changed, and why.
  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  await page.getByRole('link', { name: 'Co se změnilo po připomínkovém řízení' }).click();
  await page.getByRole('heading', { level: 1, name: `Co se změnilo po připomínkovém řízení: ${plan.title}` }).waitFor();
  const change = page.getByRole('region', { name: /1\.1 Pečovatelská služba/ });
  await change.getByText('Připomínky, které ke změně vedly').waitFor();
  await change.getByRole('link', { name: 'Připomínka č. 1' }).waitFor();
  assert.match(await change.innerText(), /Jana Občanová[\s\S]*Služba chybí o víkendech\.[\s\S]*akceptováno: Víkendová péče je potřeba\./);
  await screenshot(page, 'after-consultation');
  await checkA11y(page, 'after-consultation');
  await checkA11y(page, 'after-consultation-320', { width: 320 });
  await page.close();
});

test('a coordinator starts the next plan from the evaluated Ostrava plan; its measures say where they came from', async () => {
  const ostrava = (await admin.must('GET', '/plans?limit=200')).items.find((p) => /ve městě Ostrava/.test(p.title));
  assert.equal(ostrava.status, 'implementation');
  await admin.must('POST', `/plans/${ostrava.id}/status`, { status: 'evaluated', note: 'Vyhodnocení plánu (e2e)' });

  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, OSTRAVA_COORDINATOR, DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/plans/${ostrava.id}`);
  await page.getByRole('heading', { level: 1, name: ostrava.title }).waitFor();
  await page.getByRole('link', { name: 'Zahájit navazující plán' }).click();
  await page.getByRole('heading', { level: 1, name: 'Zahájit navazující plán' }).waitFor();
  // The next cycle is offered as long as this one, from the year after it ends.
  assert.equal(await page.getByLabel(/^Od roku/).inputValue(), String(ostrava.period_end + 1));
  assert.equal(await page.getByLabel(/^Do roku/).inputValue(), String(2 * ostrava.period_end - ostrava.period_start + 1));
  // Without a title: our own message at the field, not the browser's.
  await page.getByRole('button', { name: 'Založit navazující plán' }).click();
  await page.locator('.field-invalid').getByLabel(/^Název/).waitFor();
  await screenshot(page, 'successor-form');
  await checkA11y(page, 'successor-form');
  await checkA11y(page, 'successor-form-320', { width: 320 });
  const title = '7. komunitní plán sociálních služeb ve městě Ostrava (e2e)';
  await page.getByLabel(/^Název/).fill(title);
  await page.getByRole('button', { name: 'Založit navazující plán' }).click();

  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const lineage = page.getByRole('region', { name: 'Navazující plány' });
  await lineage.getByRole('link', { name: ostrava.title }).waitFor();
  await screenshot(page, 'successor-plan');
  // A copied measure links the one it came from.
  const next = (await admin.must('GET', `/plans?previous_id=${ostrava.id}`)).items[0];
  const measures = (await admin.must('GET', `/measures?plan_id=${next.id}&limit=200`)).items;
  assert.ok(measures.length > 0 && measures.every((m) => m.status === 'planned' && m.progress === 0 && m.previous_id));
  const copy = measures[0];
  await page.goto(`${server.baseUrl}/measures/${copy.id}`);
  await page.getByRole('link', { name: `Převzato z opatření ${copy.code} předchozího plánu` }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(copy.code.replace('.', '\\.')) }).waitFor();
  assert.ok(page.url().endsWith(`/measures/${copy.previous_id}`));
  // The old plan names its successor, and offers no second one.
  await page.goto(`${server.baseUrl}/plans/${ostrava.id}`);
  await page.getByRole('region', { name: 'Navazující plány' }).getByRole('link', { name: title }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Zahájit navazující plán' }).count(), 0);
  await checkA11y(page, 'evaluated-plan');
  await page.close();
});
