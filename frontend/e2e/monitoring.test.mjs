// Monitoring: a coordinator records 2027's indicator value and actual spending on a measure page
// through the short "Zaznamenat rok" form, opens the 2027 monitoring report and finds the figures
// entered, in the charts' tables too. axe at 1280 and 320 px, screenshots of each page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, checkA11y, login, newPage, screenshot, signInUi, startBrowser, startServer } from './harness.mjs';

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

test('a coordinator records 2027 on a measure and reads it in the 2027 monitoring report', async () => {
  const password = 'coordinator-password-12345';
  const coordinator = await admin.must('POST', '/users', { email: 'marta.monitor@example.cz', display_name: 'Marta Monitorová', role: 'coordinator', password }, 201);
  const territories = await admin.must('GET', '/territories?limit=200');
  const territory = territories.items.find((t) => t.name === 'ORP Český Krumlov');
  const plan = await admin.must('POST', '/plans', {
    title: 'Plán Krumlovsko 2026–2028 (e2e)', territory_id: territory.id, period_start: 2026, period_end: 2028,
    summary: 'Plán pro e2e test monitoringu.', vision: 'Dostupná péče doma.',
  }, 201);
  const goal = await admin.must('POST', `/plans/${plan.id}/goals`, { code: '1', title: 'Senioři doma' }, 201);
  const measure = await admin.must('POST', `/goals/${goal.id}/measures`, {
    code: '1.1', title: 'Odlehčovací služba v Kaplici', responsible: 'Charita Kaplice', status: 'in_progress', progress: 30,
    indicators: [{ name: 'Počet klientů', unit: 'osoby', baseline: 40, target: 80, values: [{ year: 2026, value: 48 }] }],
    funding_sources: [
      { year: 2026, source: 'municipality', planned: '80000.00', actual: '78000.00' },
      { year: 2027, source: 'municipality', planned: '100000.00', actual: null },
      { year: 2027, source: 'region', planned: '50000.00', actual: null },
    ],
  }, 201);

  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, coordinator.email, password);
  await page.goto(`${server.baseUrl}/measures/${measure.id}`);
  const form = page.getByRole('region', { name: 'Zaznamenat rok' });
  await form.waitFor();
  await form.getByLabel('Rok', { exact: true }).selectOption('2027');
  await form.getByLabel('Počet klientů (osoby)').fill('64,5');
  await form.getByLabel('Skutečně vynaloženo – obec').fill('95 000');
  await form.getByLabel('Skutečně vynaloženo – kraj').fill('50000');
  await checkA11y(page, 'record a year');
  await checkA11y(page, 'record a year 320', { width: 320 });
  await form.getByRole('button', { name: 'Uložit rok 2027' }).click();
  await form.getByText('Rok 2027 byl zaznamenán.').waitFor();
  // The measure page shows the recorded figures at once.
  await page.getByRole('cell', { name: '2026: 48; 2027: 64,5' }).waitFor();
  await screenshot(page, 'monitoring-record-year');
  const saved = await admin.must('GET', `/measures/${measure.id}`);
  assert.deepEqual(saved.indicators[0].values, [{ year: 2026, value: 48 }, { year: 2027, value: 64.5 }]);
  assert.deepEqual(saved.funding_sources.map((f) => f.actual), ['78000.00', '95000.00', '50000.00']);

  // The plan page links the reports of its years so far; each report links the other years.
  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  const reports = page.getByRole('region', { name: 'Monitorovací zprávy' });
  await reports.getByRole('link', { name: 'Monitorovací zpráva 2026' }).click();
  await page.getByRole('heading', { level: 1, name: 'Monitorovací zpráva 2026' }).waitFor();
  await page.getByRole('navigation', { name: 'Monitorovací zprávy dalších let' }).getByRole('link', { name: 'Zpráva 2027' }).click();
  await page.getByRole('heading', { level: 1, name: 'Monitorovací zpráva 2027' }).waitFor();

  // The charts: inline SVG images with their data tables beside them.
  const course = page.getByRole('figure', { name: 'Počet klientů' });
  await course.getByRole('img', { name: /Vývoj ukazatele Počet klientů \(osoby\): výchozí: 40; 2026: 48; 2027: 64,5; cílová hodnota 80/ }).waitFor();
  await course.getByRole('row', { name: '2027 64,5' }).waitFor();
  const money = page.getByRole('figure', { name: 'Plánované a skutečné výdaje podle let' });
  await money.getByRole('img').waitFor();
  await money.getByRole('row', { name: /^2027 150\s000\sKč 145\s000\sKč$/ }).waitFor();
  const cost = page.getByRole('figure', { name: 'Plánované náklady plánu podle let a zdrojů' });
  await cost.getByRole('row', { name: /^2027 100\s000\sKč 50\s000\sKč$/ }).waitFor();
  assert.equal(await page.locator('svg[role="img"]').count(), 3);
  // The year's figures as entered, in the measure's tables.
  await page.getByRole('table', { name: 'Ukazatele opatření 1.1 v roce 2027' }).getByRole('row', { name: /Počet klientů \(osoby\) 40 64,5 80/ }).waitFor();
  await page.getByRole('table', { name: 'Financování opatření 1.1 v roce 2027' }).getByRole('row', { name: /obec 100\s000\sKč 95\s000\sKč/ }).waitFor();
  await page.getByRole('link', { name: 'Stáhnout pro Word (DOCX)' }).waitFor();
  await checkA11y(page, 'monitoring report');
  await checkA11y(page, 'monitoring report 320', { width: 320 });
  await screenshot(page, 'monitoring-report');
  await page.close();
});
