// Needs: a citizen reports one and is told what happens next; a working-group leader answers a need
// with a measure, and the measure's page shows it. axe at 1280 and 320 px, screenshots of each page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient, checkA11y, newPage, screenshot, signInUi, startBrowser, startServer } from './harness.mjs';

const DEMO_PASSWORD = 'spoluplan-demo';
// The leader of PS 1 Senioři a osoby se zdravotním postižením (ORP Český Krumlov) in the demo data.
const LEADER = 'vedouci.seniori@example.cz';

let server;
let browser;
let anonymous;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  anonymous = apiClient(server.baseUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function territoryId(name) {
  const page = await anonymous.must('GET', '/territories?limit=200');
  return page.items.find((t) => t.name === name).id;
}

test('a citizen reports a need and sees what happens next', async () => {
  const page = await newPage(browser);
  await page.goto(server.baseUrl);
  await page.getByRole('navigation', { name: 'Hlavní navigace' }).getByRole('link', { name: 'Potřeby' }).click();
  await page.getByRole('heading', { level: 1, name: 'Potřeby' }).waitFor();
  await page.getByRole('link', { name: 'Chybí odlehčovací služba pro rodiny, které pečují o seniora doma' }).waitFor();
  await checkA11y(page, 'needs');
  await checkA11y(page, 'needs 320', { width: 320 });
  // The filters narrow the list (and stay in the address).
  await page.getByLabel('Stav').selectOption('duplicate');
  await page.getByLabel('Koho se týká').selectOption('pecujici_osoby');
  await page.getByRole('link', { name: 'Víkendové hlídání pro pečující' }).waitFor();
  await page.getByText('Zobrazena 1 potřeba.').waitFor();
  assert.match(page.url(), /status=duplicate/);
  await screenshot(page, 'needs-list');

  await page.getByRole('link', { name: 'Nahlásit potřebu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nahlásit potřebu' }).waitFor();
  await page.getByText('E-mail se nikde nezobrazí').waitFor();
  await checkA11y(page, 'report a need');
  await checkA11y(page, 'report a need 320', { width: 320 });
  // Our own words at the field: a name is required from anonymous reporters.
  await page.getByLabel('Co chybí').fill('Chybí bezbariérový přístup na poštu v Kaplici');
  await page.getByRole('button', { name: 'Odeslat potřebu' }).click();
  const name = page.getByLabel('Jméno nebo název organizace');
  await page.getByText('Toto pole je povinné.').waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Popis').fill('Na poštu se vozíkem nedostanete, u vchodu jsou tři schody.');
  await page.getByLabel('Území').selectOption(await territoryId('ORP Český Krumlov'));
  const groups = page.getByRole('combobox', { name: 'Koho se týká' });
  await groups.pressSequentially('tělesn', { delay: 20 });
  await page.getByRole('listbox', { name: 'Koho se týká' }).getByRole('option', { name: 'osoby s tělesným postižením' }).click();
  await page.getByRole('list', { name: 'Vybráno: Koho se týká' }).getByText('osoby s tělesným postižením').waitFor();
  await name.fill('Marta Dvořáková');
  await page.getByLabel('E-mail').fill('marta@example.cz');
  await screenshot(page, 'need-report-form');
  await page.getByRole('button', { name: 'Odeslat potřebu' }).click();
  const confirmation = page.getByRole('status').filter({ hasText: 'Děkujeme, potřebu jsme přijali' });
  await confirmation.waitFor();
  await confirmation.getByText('Co bude dál').waitFor();
  await checkA11y(page, 'need reported');
  await screenshot(page, 'need-reported');

  // The need is public, without the e-mail.
  await confirmation.getByRole('link', { name: 'Zobrazit nahlášenou potřebu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Chybí bezbariérový přístup na poštu v Kaplici' }).waitFor();
  assert.ok(!(await page.content()).includes('marta@example.cz'));
  const listed = await anonymous.must('GET', '/needs?limit=200');
  const made = listed.items.find((n) => n.title === 'Chybí bezbariérový přístup na poštu v Kaplici');
  assert.equal(made.author_name, 'Marta Dvořáková');
  assert.equal(made.author_email, undefined);
  await checkA11y(page, 'need page');
  await checkA11y(page, 'need page 320', { width: 320 });
  await page.close();
});

test('a working-group leader answers a need with a measure, and the measure page shows it', async () => {
  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, LEADER, DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/needs`);
  await page.getByRole('link', { name: 'Doprava seniorů k lékaři z malých obcí' }).click();
  const review = page.getByRole('region', { name: 'Posouzení potřeby' });
  await review.waitFor();
  await checkA11y(page, 'need review');
  await checkA11y(page, 'need review 320', { width: 320 });
  await review.getByLabel('Stav').selectOption('addressed');
  await review.getByLabel('Veřejná odpověď').fill('Potřebu řeší opatření 1.1.2: obce ORP se dohodnou na společné dopravě seniorů k lékaři.');
  await review.getByLabel('1.1.2 Doprava seniorů k lékaři z obcí ORP').check();
  await review.getByRole('button', { name: 'Uložit posouzení' }).click();
  await review.getByText('Posouzení je uložené.').waitFor();
  const answer = page.getByRole('region', { name: 'Odpověď', exact: true });
  await answer.getByText('Potřebu řeší opatření 1.1.2').waitFor();
  await screenshot(page, 'need-answered');

  await answer.getByRole('link', { name: '1.1.2 Doprava seniorů k lékaři z obcí ORP' }).click();
  const answers = page.getByRole('region', { name: 'Odpovídá na potřeby' });
  await answers.getByRole('link', { name: 'Doprava seniorů k lékaři z malých obcí' }).waitFor();
  await answers.getByText('řeší se').waitFor();
  await checkA11y(page, 'measure answering a need');
  await checkA11y(page, 'measure answering a need 320', { width: 320 });
  await screenshot(page, 'measure-answers-needs');

  // The plan's page lists the needs of its territory under "Analýza potřeb".
  await page.getByRole('navigation', { name: 'Drobečková navigace' }).getByRole('link').last().click();
  const analysis = page.getByRole('region', { name: 'Analýza potřeb' });
  await analysis.getByRole('link', { name: 'Doprava seniorů k lékaři z malých obcí' }).waitFor();
  await checkA11y(page, 'plan with its needs analysis');
  await screenshot(page, 'plan-needs-analysis');
  await page.close();
});

test('a coordinator deletes a report made in error; a group leader is not offered it', async () => {
  const orp = await territoryId('ORP Český Krumlov');
  const body = { title: 'Omylem odeslané hlášení (e2e)', description: 'Test', territory_id: orp, author_name: 'Jan Omyl' };
  const need = await anonymous.must('POST', '/needs', body, 201);
  const leader = await newPage(browser);
  await signInUi(leader, server.baseUrl, LEADER, DEMO_PASSWORD);
  await leader.goto(`${server.baseUrl}/needs/${need.id}`);
  await leader.getByRole('heading', { level: 1, name: 'Omylem odeslané hlášení (e2e)' }).waitFor();
  assert.equal(await leader.getByRole('button', { name: 'Smazat potřebu' }).count(), 0);
  await leader.close();

  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, 'koordinatorka.krumlov@example.cz', DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/needs/${need.id}`);
  await page.getByRole('button', { name: 'Smazat potřebu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Smazat potřebu?' });
  await dialog.getByText('Omylem odeslané hlášení (e2e)').waitFor();
  await checkA11y(page, 'need delete dialog');
  await dialog.getByRole('button', { name: 'Smazat potřebu' }).click();
  await page.locator('[role="status"]', { hasText: 'Potřeba „Omylem odeslané hlášení (e2e)“ byla smazána.' }).waitFor();
  await anonymous.must('GET', `/needs/${need.id}`, undefined, 404);
  await page.close();
});
