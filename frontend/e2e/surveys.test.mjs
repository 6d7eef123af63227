// Surveys in the browser: a citizen answers an open survey (made and opened through the API) and
// sees the thanks; anyone reads the public results of the demo's closed survey as charts with tables.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, checkA11y, login, newPage, screenshot, startBrowser, startServer } from './harness.mjs';

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

test('a citizen answers an open survey and is thanked', async () => {
  const territories = await admin.must('GET', '/territories?kind=municipality');
  const survey = await admin.must('POST', '/surveys', {
    title: 'Dotazník pro pečující 2026',
    description: 'Pomozte nám zjistit, co pečujícím chybí.',
    territory_id: territories.items[0].id,
    target_group_codes: ['pecujici_osoby'],
    questions: [
      { kind: 'single_choice', text: 'O koho pečujete?', options: ['O rodiče', 'O partnera', 'O dítě'], required: true },
      { kind: 'multiple_choice', text: 'Co by vám pomohlo?', options: ['Odlehčovací pobyt', 'Poradenství', 'Svépomocná skupina'] },
      { kind: 'scale', text: 'Jak jste unaveni?', min: 1, max: 5, required: true },
      { kind: 'number', text: 'Kolik hodin týdně pečujete?', min: 0, max: 168 },
      { kind: 'text', text: 'Co dalšího byste nám chtěli říct?' },
    ],
  }, 201);
  await admin.must('POST', `/surveys/${survey.id}/status`, { status: 'open' });

  const page = await newPage(browser);
  await page.goto(`${server.baseUrl}/surveys/${survey.id}`);
  await page.getByRole('heading', { level: 1, name: survey.title }).waitFor();
  await page.getByRole('group', { name: /O koho pečujete/ }).waitFor();
  await page.getByText('Zodpovězeno 0 z 5').waitFor();
  // Sent empty: each required question says so under its legend, tied to its group.
  await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
  const who = page.getByRole('group', { name: /O koho pečujete/ });
  await who.locator('.field-error').waitFor();
  const describedBy = await who.getAttribute('aria-describedby');
  assert.ok(describedBy, 'the group names its error');
  assert.match(await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).innerText(), /Toto pole je povinné/);
  await screenshot(page, 'survey-errors');
  await checkA11y(page, 'survey-errors');

  await page.getByRole('radio', { name: 'O rodiče' }).check();
  await page.getByRole('checkbox', { name: 'Poradenství' }).check();
  await page.getByRole('group', { name: /Jak jste unaveni/ }).getByRole('radio', { name: '4' }).check();
  await page.getByRole('textbox', { name: 'Kolik hodin týdně pečujete?' }).fill('200');
  await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
  await page.getByRole('group', { name: /Kolik hodin/ }).locator('.field-error').waitFor();
  await page.getByRole('textbox', { name: 'Kolik hodin týdně pečujete?' }).fill('30');
  await page.getByRole('textbox', { name: 'Co dalšího byste nám chtěli říct?' }).fill('Víc informací o odlehčovacích službách.');
  await page.getByText('Zodpovězeno 5 z 5').waitFor();
  await checkA11y(page, 'survey-320', { width: 320 });
  await page.getByRole('button', { name: 'Odeslat odpovědi' }).click();
  await page.getByRole('heading', { name: 'Děkujeme za vaše odpovědi' }).waitFor();
  await screenshot(page, 'survey-thanks');
  await checkA11y(page, 'survey-thanks');

  const results = await admin.must('GET', `/surveys/${survey.id}/results`);
  assert.equal(results.responses, 1);
  assert.deepEqual(results.questions[0].counts, [1, 0, 0]);
  assert.equal(results.questions[3].mean, 30);
  assert.deepEqual(results.questions[4].texts, ['Víc informací o odlehčovacích službách.']);
});

test('the public reads the results of the closed demo survey as charts with tables', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.baseUrl}/surveys`);
  await page.getByRole('heading', { level: 1, name: 'Dotazníková šetření' }).waitFor();
  await checkA11y(page, 'surveys');
  await page.getByRole('link', { name: 'Výsledky dotazníku' }).first().click();
  await page.getByRole('heading', { level: 1, name: /^Výsledky: Dotazník potřeb seniorů/ }).waitFor();
  await page.getByText('320 odpovědí').waitFor();
  // Each choice, scale and number question: an SVG image named after its question, and its table.
  const charts = page.getByRole('img', { name: /^Graf odpovědí na otázku/ });
  assert.equal(await charts.count(), 4);
  const availability = page.getByRole('region', { name: /Tabulka odpovědí na otázku Jak hodnotíte dostupnost/ });
  assert.equal(await availability.getByRole('row').count(), 6);
  await availability.getByRole('rowheader', { name: 'Spíše dobrá' }).waitFor();
  await page.getByRole('region', { name: /Tabulka odpovědí na otázku Kolik je vám let/ }).getByRole('rowheader', { name: 'Medián' }).waitFor();
  await screenshot(page, 'survey-results');
  await checkA11y(page, 'survey-results');
  await checkA11y(page, 'survey-results-320', { width: 320 });

  // The plan the survey belongs to lists it under "Analýza potřeb".
  await page.getByRole('link', { name: /^Dotazník potřeb seniorů/ }).click();
  await page.getByRole('heading', { level: 1, name: /^Dotazník potřeb seniorů/ }).waitFor();
  await page.getByText('Dotazník je uzavřen a odpovědi už nepřijímá.').waitFor();
});
