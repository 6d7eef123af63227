// The yearly cycle's first steps: a coordinator adds an activity to a measure (the measure's cost
// against its activities shows as a note), builds the 2027 action plan with that measure, activity
// and money, approves it (the editor is then read-only) and opens the printable view. axe at 1280
// and 320 px, screenshots of each page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, login, newPage, screenshot, signInUi, startBrowser, startServer } from './harness.mjs';

const DEMO_PASSWORD = 'spoluplan-demo';
// The coordinator of ORP Český Krumlov in the demo data.
const COORDINATOR = 'koordinatorka.krumlov@example.cz';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a coordinator adds an activity, builds and approves the 2027 action plan and prints it', async () => {
  const lucie = await login(server.baseUrl, COORDINATOR, DEMO_PASSWORD);
  const territories = (await lucie.must('GET', '/territories?limit=200')).items;
  const krumlov = territories.find((t) => t.name === 'ORP Český Krumlov');
  const plan = await lucie.must('POST', '/plans', {
    title: 'Akční plánování Český Krumlov 2026–2028',
    territory_id: krumlov.id,
    period_start: 2026,
    period_end: 2028,
  });
  const goal = await lucie.must('POST', `/plans/${plan.id}/goals`, { code: '1', title: 'Podpora pečujících' });
  const measure = await lucie.must('POST', `/goals/${goal.id}/measures`, {
    code: '1.1',
    title: 'Odlehčovací služba v terénu',
    estimated_cost: '100000',
  });

  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, COORDINATOR, DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/measures/${measure.id}`);
  await page.getByRole('heading', { level: 2, name: 'Aktivity' }).waitFor();
  await page.getByText('Opatření zatím nemá aktivity.').waitFor();
  await page.getByRole('button', { name: 'Přidat aktivitu' }).click();
  await page.getByLabel(/^Název aktivity/).fill('Nábor terénních pečovatelek');
  await page.getByLabel('Realizátor').fill('Charita Český Krumlov');
  await page.getByLabel('Od roku').fill('2027');
  await page.getByLabel('Do roku').fill('2028');
  await page.getByLabel('Předpokládané náklady').fill('60 000');
  await page.getByRole('button', { name: 'Přidat aktivitu' }).last().click();
  const table = page.getByRole('table', { name: 'Aktivity opatření 1.1' });
  await table.getByRole('rowheader', { name: 'Nábor terénních pečovatelek' }).waitFor();
  // 60 000 against the measure's 100 000: shown, not refused.
  await page.getByText(/se liší od součtu nákladů jeho aktivit/).waitFor();
  await checkA11y(page, 'measure activities');
  await checkA11y(page, 'measure activities 320', { width: 320 });
  await screenshot(page, 'measure-activities');

  // The plan page offers a new action plan for a year of the period.
  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  await page.getByRole('heading', { level: 2, name: 'Roční akční plány' }).waitFor();
  await page.getByText('Plán zatím nemá žádný roční akční plán.').waitFor();
  await checkA11y(page, 'plan action plans');
  await checkA11y(page, 'plan action plans 320', { width: 320 });
  await page.getByLabel('Rok', { exact: true }).selectOption('2027');
  await page.getByRole('button', { name: 'Nový akční plán' }).click();
  await page.getByRole('heading', { level: 1, name: 'Akční plán na rok 2027' }).waitFor();
  await page.getByLabel('Zařadit opatření 1.1 Odlehčovací služba v terénu').check();
  await page.getByLabel('Nábor terénních pečovatelek (2027–2028)').check();
  await page.getByLabel('obec (Kč)').fill('40000');
  await page.getByLabel('kraj (Kč)').fill('20 000,50');
  await page.getByLabel('Poznámka k opatření 1.1 Odlehčovací služba v terénu').fill('Pilotní rok');
  await checkA11y(page, 'action plan editor');
  await checkA11y(page, 'action plan editor 320', { width: 320 });
  await screenshot(page, 'action-plan-editor');
  await page.getByRole('button', { name: 'Uložit akční plán' }).click();
  await page.getByText('Akční plán byl uložen.').waitFor();
  const saved = (await lucie.must('GET', `/plans/${plan.id}/action-plans`)).items[0];
  assert.equal(saved.year, 2027);
  assert.equal(saved.total, '60000.50');
  assert.equal(saved.items[0].activity_ids.length, 1);

  // Approval needs its resolution and day; without them the fields say so.
  await page.getByRole('button', { name: 'Schválit akční plán' }).click();
  await page.getByLabel(/^Usnesení/).and(page.locator('[aria-invalid="true"]')).waitFor();
  await page.getByLabel(/^Datum schválení/).fill('2026-11-30');
  await page.getByLabel(/^Usnesení/).fill('usnesení ŘS č. 12/2026');
  await page.getByRole('button', { name: 'Schválit akční plán' }).click();
  await page.getByText('Akční plán je schválený; od schválení jej nelze měnit.').waitFor();
  // Read-only now: no editor, no approval form; the plan as passed.
  assert.equal(await page.getByRole('button', { name: 'Uložit akční plán' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Schválit akční plán' }).count(), 0);
  await page.getByRole('table', { name: 'Cíl 1 Podpora pečujících' }).getByText('Nábor terénních pečovatelek').waitFor();
  await checkA11y(page, 'approved action plan');
  await screenshot(page, 'action-plan-approved');
  const frozen = await lucie.call('PATCH', `/action-plans/${saved.id}`, { items: [] }, { 'if-match': '*' });
  assert.equal(frozen.status, 409);

  // The printable view: a table per goal and the totals per source (20 000,50 Kč as the money
  // display shows it: rounded to whole crowns, or exact with its hellers).
  await page.getByRole('link', { name: 'Verze k tisku' }).click();
  await page.getByRole('button', { name: 'Vytisknout' }).waitFor();
  const totals = page.getByRole('table', { name: 'Plánované prostředky celkem podle zdrojů' });
  await totals.getByRole('row', { name: /kraj/ }).getByText(/20\s000,50|20\s001/).waitFor();
  await totals.getByRole('row', { name: /Celkem/ }).getByText(/60\s000,50|60\s001/).waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  await checkA11y(page, 'printable action plan');
  await checkA11y(page, 'printable action plan 320', { width: 320 });
  await screenshot(page, 'action-plan-print');

  // The plan page lists the year.
  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  await page.getByRole('link', { name: 'Akční plán na rok 2027' }).waitFor();
  await screenshot(page, 'plan-action-plans');
  await page.close();
});
