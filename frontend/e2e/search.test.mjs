// Search as a citizen meets it: the header's "Hledat" field on every page, typed without accents,
// results grouped by kind with the words found marked and the count announced, narrowed by kind
// with the keyboard, and a hit opened; axe and screenshots at 1280 and 320 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, newPage, screenshot, startBrowser, startServer } from './harness.mjs';

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

test('a citizen searches for "pecovatelska" from the header and opens a service found', async () => {
  const page = await newPage(browser);
  await page.goto(server.baseUrl + '/needs');
  const header = page.getByRole('search', { name: 'Hledání na webu' });
  await header.getByRole('searchbox', { name: 'Hledat' }).fill('pecovatelska');
  await header.getByRole('searchbox', { name: 'Hledat' }).press('Enter');

  await page.getByRole('heading', { level: 1, name: 'Výsledky hledání „pecovatelska“' }).waitFor();
  const status = page.getByRole('status').filter({ hasText: /Nalezen|Zobrazen/ });
  await status.waitFor();
  const count = Number((await status.textContent()).match(/\d+/)[0]);
  assert.ok(count >= 3, `hits announced: ${await status.textContent()}`);
  // Grouped by kind, the words found marked though typed without accents.
  const services = page.getByRole('region', { name: /^Sociální služby/ });
  await services.waitFor();
  const marked = await page.locator('.hit-snippet mark').allTextContents();
  assert.ok(marked.length > 0 && marked.every((m) => /^pečovatelsk/i.test(m)), `marked: ${marked.join(', ')}`);
  assert.ok(await page.getByRole('region', { name: /^Organizace/ }).isVisible());
  await screenshot(page, 'search');
  await checkA11y(page, 'search');
  await checkA11y(page, 'search-320', { width: 320 });

  // Narrowed to organizations with the keyboard: the focus stays on the box, the address says it.
  const organizations = page.getByRole('checkbox', { name: 'Organizace' });
  await organizations.focus();
  await page.keyboard.press('Space');
  await page.waitForURL((url) => url.searchParams.get('types') === 'organization');
  // The narrowed results replace the others once they have loaded.
  await page.getByRole('status').filter({ hasText: 'Nalezeny 2 výsledky.' }).waitFor();
  await page.getByRole('region', { name: /^Organizace/ }).waitFor();
  assert.equal(await page.getByRole('region', { name: /^Sociální služby/ }).count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'checkbox');
  await organizations.press('Space');
  await page.waitForURL((url) => !url.searchParams.has('types'));

  // The field in the header shows what is searched; a hit opens its page.
  assert.equal(await header.getByRole('searchbox', { name: 'Hledat' }).inputValue(), 'pecovatelska');
  const first = services.getByRole('link').first();
  const title = await first.textContent();
  await first.click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
});

test('search says what it needs and when nothing is found', async () => {
  const page = await newPage(browser);
  await page.goto(server.baseUrl + '/search?q=p');
  await page.getByRole('status').filter({ hasText: 'Napište alespoň 2 znaky.' }).waitFor();
  await page.goto(server.baseUrl + '/search?q=zzzxq');
  await page.getByRole('status').filter({ hasText: 'Nalezeno 0 výsledků.' }).waitFor();
  await page.getByText('Nic nenalezeno.', { exact: false }).waitFor();
});
