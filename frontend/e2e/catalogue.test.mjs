// The catalogue of social services as a citizen meets it (filters kept in the address, a service
// and its provider's page, printable), and a coordinator linking a service, its provider and a
// target group to a measure with the form's keyboard pickers; axe and screenshots on each page.
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

/** Waits until the picker named `name` has answered for the text typed: its first candidate matches. */
async function firstCandidate(page, name, text) {
  await page.waitForFunction(
    ([name, text]) => {
      const list = [...document.querySelectorAll('[role=listbox]')].find((l) => l.getAttribute('aria-label') === name);
      return list && !list.hidden && list.querySelector('[role=option]')?.textContent.includes(text);
    },
    [name, text],
  );
}

/** The demo territory by name (the demo data names ORP Český Krumlov's services). */
async function territoryNamed(name) {
  const page = await admin.must('GET', '/territories?limit=200');
  const territory = page.items.find((t) => t.name === name);
  assert.ok(territory, `no territory ${name}`);
  return territory;
}

test('a citizen finds a §40 service for seniors in their territory through the catalogue filters and opens it', async () => {
  const krumlov = await territoryNamed('ORP Český Krumlov');
  const page = await newPage(browser);
  await page.goto(server.baseUrl + '/');
  await page.getByRole('navigation', { name: 'Hlavní navigace' }).getByRole('link', { name: 'Sociální služby' }).click();
  await page.getByRole('heading', { level: 1, name: 'Katalog sociálních služeb' }).waitFor();
  await page.locator('.service-card').first().waitFor();
  await screenshot(page, 'catalogue');
  await checkA11y(page, 'catalogue');
  await checkA11y(page, 'catalogue-320', { width: 320 });

  await page.getByLabel('Druh služby').selectOption({ label: 'pečovatelská služba (§40)' });
  await page.getByLabel('Cílová skupina').selectOption({ label: 'senioři' });
  await page.getByLabel(/^Území/).focus();
  await page.getByLabel(/^Území/).selectOption(krumlov.id);
  await page.waitForURL((url) => url.searchParams.get('territory') === krumlov.id);
  // Changing a filter leaves the focus on it (keyboard users stay where they are).
  await page.getByRole('status').filter({ hasText: /Nalezen/ }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.field')?.querySelector('label')?.textContent), 'Území');
  const cards = page.locator('.service-card');
  await page.getByRole('status').filter({ hasText: 'Nalezena 1 služba.' }).waitFor();
  assert.equal(await cards.count(), 1);
  const card = cards.first();
  await card.getByRole('heading', { name: 'Pečovatelská služba Krumlovsko' }).waitFor();
  // The card says what a citizen needs: the kind with its paragraph, provider, form, capacity, place, contacts.
  const text = await card.innerText();
  for (const fact of ['pečovatelská služba (§40)', 'Diakonie Krumlovsko, z. ú.', 'terénní', '90 klientů (terénní)', 'ORP Český Krumlov', 'senioři']) {
    assert.ok(text.includes(fact), `the card lacks “${fact}”:\n${text}`);
  }
  await screenshot(page, 'catalogue-filtered');
  await checkA11y(page, 'catalogue-filtered-320', { width: 320 });

  // The search is in the address: shared, it opens with the same filters and result.
  const shared = page.url();
  assert.equal(new URL(shared).search, `?kind=pecovatelska_sluzba&group=seniori&territory=${krumlov.id}`);
  const other = await newPage(browser);
  await other.goto(shared);
  await other.getByRole('heading', { name: 'Pečovatelská služba Krumlovsko' }).waitFor();
  await other.locator('option[value="pecovatelska_sluzba"]').waitFor({ state: 'attached' });
  assert.equal(await other.getByLabel('Druh služby').inputValue(), 'pecovatelska_sluzba');
  assert.equal(await other.locator('.service-card').count(), 1);
  // The free-text filter narrows to nothing and says so.
  await other.getByLabel(/^Název služby/).fill('Azylový');
  await other.getByRole('search', { name: 'Hledání v katalogu' }).getByRole('button', { name: 'Hledat' }).click();
  await other.getByText('Filtrům neodpovídá žádná služba v provozu.').waitFor();
  assert.match(other.url(), /&q=Azylov/);
  await other.close();

  await card.getByRole('link', { name: 'Pečovatelská služba Krumlovsko' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pečovatelská služba Krumlovsko' }).waitFor();
  await page.getByText('Terénní péče v Českém Krumlově a okolních obcích.').waitFor();
  await page.getByRole('link', { name: 'Sociální služby' }).last().waitFor();
  await screenshot(page, 'service');
  await checkA11y(page, 'service');
  await checkA11y(page, 'service-320', { width: 320 });

  // Printed: no navigation, no buttons, the provider's web spelled out.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Vytisknout' }).isVisible(), false);
  await page.screenshot({ path: 'test-results/service-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  await page.getByRole('link', { name: 'Diakonie Krumlovsko, z. ú.' }).click();
  await page.getByRole('heading', { level: 1, name: 'Diakonie Krumlovsko, z. ú.' }).waitFor();
  await page.getByRole('region', { name: 'Služby organizace' }).getByRole('link', { name: 'Osobní asistence Krumlovsko' }).waitFor();
  await page.getByText('27100031').waitFor();
  await screenshot(page, 'organization');
  await checkA11y(page, 'organization');
  await checkA11y(page, 'organization-320', { width: 320 });

  // In English, the same catalogue.
  await page.goto(`${server.baseUrl}/services?kind=pecovatelska_sluzba`);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Catalogue of social services' }).waitFor();
  await page.locator('option[value="pecovatelska_sluzba"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByLabel('Kind of service').inputValue(), 'pecovatelska_sluzba');
  // The Act's names stay Czech (they are the law's words); the facts around them are in English.
  await page.locator('.service-card').first().getByText('Provider', { exact: true }).waitFor();
  assert.match(await page.locator('.service-card').first().innerText(), /\(§40\)[\s\S]*\d+ clients \(field\)/);
  await screenshot(page, 'catalogue-en');
  await checkA11y(page, 'catalogue-en');
  await page.getByRole('button', { name: 'Přepnout do češtiny' }).click();
  await page.getByRole('heading', { level: 1, name: 'Katalog sociálních služeb' }).waitFor();
  await page.close();
});

test('a coordinator links a service, its provider and a target group to a measure and sees the measure on the service page', async () => {
  const password = 'coordinator-password-12345';
  const coordinator = await admin.must('POST', '/users', { email: 'sona.site@example.cz', display_name: 'Soňa Síťová', role: 'coordinator', password }, 201);
  // A draft plan of its own, so the measure's texts (the links among them) are editable.
  const plan = await admin.must('POST', '/plans', {
    title: 'Plán sítě služeb Krumlovsko (e2e)', territory_id: (await territoryNamed('ORP Český Krumlov')).id, period_start: 2027, period_end: 2030,
    summary: 'Plán pro e2e test katalogu.', vision: 'Dostupná péče doma.',
  }, 201);
  const goal = await admin.must('POST', `/plans/${plan.id}/goals`, { code: '1', title: 'Senioři doma' }, 201);
  const measure = await admin.must('POST', `/goals/${goal.id}/measures`, { code: '1.1', title: 'Rozšíření terénní pečovatelské služby', responsible: 'Diakonie' }, 201);

  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, coordinator.email, password);
  await page.goto(`${server.baseUrl}/measures/${measure.id}/edit`);
  await page.getByRole('heading', { level: 1 }).waitFor();

  // The service picker, by keyboard only: type, arrow down to the candidate, Enter.
  const services = page.getByRole('combobox', { name: 'Sociální služby' });
  await services.click();
  await services.pressSequentially('Krumlovsko', { delay: 20 });
  await firstCandidate(page, 'Sociální služby', 'Krumlovsko');
  await screenshot(page, 'measure-form-picker');
  await checkA11y(page, 'measure-form-picker');
  let picked = false;
  for (let i = 0; i < 10 && !picked; i++) {
    await services.press('ArrowDown');
    const active = await services.getAttribute('aria-activedescendant');
    picked = !!active && (await page.locator(`[id="${active}"]`).innerText()).includes('Pečovatelská služba Krumlovsko');
  }
  assert.ok(picked, 'the arrow keys never reached the service');
  await services.press('Enter');
  const chosen = page.getByRole('list', { name: 'Vybráno: Sociální služby' });
  await chosen.getByText('Pečovatelská služba Krumlovsko').waitFor();
  await services.press('Escape');
  assert.equal(await services.getAttribute('aria-expanded'), 'false');

  // The responsible organization (one) and a target group, the same way.
  const responsible = page.getByRole('combobox', { name: 'Odpovědná organizace' });
  await responsible.pressSequentially('Diakonie', { delay: 20 });
  await firstCandidate(page, 'Odpovědná organizace', 'Diakonie Krumlovsko');
  await responsible.press('ArrowDown');
  await responsible.press('Enter');
  await page.getByRole('list', { name: 'Vybráno: Odpovědná organizace' }).getByText('Diakonie Krumlovsko, z. ú.').waitFor();
  const groups = page.getByRole('combobox', { name: 'Cílové skupiny' });
  await groups.pressSequentially('senio', { delay: 20 });
  await page.getByRole('listbox', { name: 'Cílové skupiny' }).getByRole('option', { name: 'senioři', exact: true }).click();
  await page.getByRole('list', { name: 'Vybráno: Cílové skupiny' }).getByText('senioři').waitFor();
  await screenshot(page, 'measure-form-links');
  await checkA11y(page, 'measure-form-links-320', { width: 320 });
  await page.getByRole('button', { name: 'Uložit' }).click();

  // The measure page lists its service and organization, linked.
  await page.getByRole('heading', { level: 1, name: /Rozšíření terénní pečovatelské služby/ }).waitFor();
  await page.getByRole('region', { name: 'Sociální služby' }).getByRole('link', { name: 'Pečovatelská služba Krumlovsko' }).waitFor();
  await page.getByRole('link', { name: 'Diakonie Krumlovsko, z. ú.' }).waitFor();
  await page.getByText('senioři').first().waitFor();
  const saved = await admin.must('GET', `/measures/${measure.id}`);
  assert.equal(saved.service_ids.length, 1);
  assert.ok(saved.responsible_organization_id);
  assert.deepEqual(saved.target_group_codes, ['seniori']);
  await screenshot(page, 'measure-linked');
  await checkA11y(page, 'measure-linked');

  // …and the service page shows the measure that develops it.
  await page.getByRole('region', { name: 'Sociální služby' }).getByRole('link', { name: 'Pečovatelská služba Krumlovsko' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pečovatelská služba Krumlovsko' }).waitFor();
  await page.getByRole('link', { name: '1.1 Rozšíření terénní pečovatelské služby' }).waitFor();
  await screenshot(page, 'service-with-measure');
  // So does its provider's page.
  await page.getByRole('link', { name: 'Diakonie Krumlovsko, z. ú.' }).first().click();
  await page.getByRole('region', { name: 'Opatření komunitních plánů' }).getByRole('link', { name: /Rozšíření terénní pečovatelské služby/ }).waitFor();

  // Removing the link by its button takes the measure off the service again.
  await page.goto(`${server.baseUrl}/measures/${measure.id}/edit`);
  await page.getByRole('button', { name: 'Odebrat Pečovatelská služba Krumlovsko' }).click();
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByText('Opatření zatím nerozvíjí žádnou službu z katalogu.').waitFor();
  const service = await admin.must('GET', `/services/${saved.service_ids[0]}`);
  assert.equal(service.measures.some((m) => m.id === measure.id), false);
  await page.close();
});

test('the territory page shows the network of services at a glance, with its CSV', async () => {
  const krumlov = await territoryNamed('ORP Český Krumlov');
  const page = await newPage(browser);
  await page.goto(`${server.baseUrl}/territories/${krumlov.id}`);
  const table = page.getByRole('table', { name: /Sociální služby poskytované ke dni/ });
  await table.waitFor();
  const row = table.getByRole('row', { name: /ORP Český Krumlov pečovatelská služba \(§40\)/ });
  assert.deepEqual(await row.getByRole('cell').allInnerTexts(), ['pečovatelská služba (§40)', '1', '90', '', '']);
  // The totals close the table: the demo's six services of the ORP, each once.
  const totals = await table.locator('tfoot tr').count();
  assert.equal(totals, 6);
  const csv = await page.getByRole('link', { name: 'Stáhnout přehled jako CSV (pro Excel)' }).getAttribute('href');
  const answer = await fetch(server.baseUrl + csv);
  assert.equal(answer.status, 200);
  assert.match(await answer.text(), /^\uFEFF?Území;§;Druh služby;Počet služeb;/);
  await table.scrollIntoViewIfNeeded();
  await screenshot(page, 'territory-overview');
  await checkA11y(page, 'territory-overview');
  await checkA11y(page, 'territory-overview-320', { width: 320 });
});

test('a coordinator adds a provider and its service to the catalogue, edits the service and deletes both', async () => {
  const password = 'coordinator-password-12345';
  const coordinator = await admin.must('POST', '/users', { email: 'pavel.katalog@example.cz', display_name: 'Pavel Katalogový', role: 'coordinator', password }, 201);
  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, coordinator.email, password);
  await page.goto(`${server.baseUrl}/services`);

  // A target group the code list lacks, its code suggested from the name.
  await page.getByRole('link', { name: 'Cílové skupiny' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cílové skupiny' }).waitFor();
  await page.getByRole('cell', { name: 'CilovaSkupinaOsoby/24' }).waitFor();
  await page.getByLabel('Název').fill('mládež v ohrožení (e2e)');
  assert.equal(await page.getByLabel('Kód').inputValue(), 'mladez_v_ohrozeni_e2e');
  await page.getByRole('button', { name: 'Přidat cílovou skupinu' }).click();
  await page.getByText('Cílová skupina „mládež v ohrožení (e2e)“ byla přidána.').waitFor();
  await page.getByRole('link', { name: 'mládež v ohrožení (e2e)' }).waitFor();
  await screenshot(page, 'target-groups');
  await checkA11y(page, 'target-groups');
  await checkA11y(page, 'target-groups-320', { width: 320 });
  await page.goto(`${server.baseUrl}/services`);
  await page.getByRole('link', { name: 'Přidat organizaci' }).click();

  // The organization: a wrong check digit is named at the IČO, the right one saves.
  await page.getByRole('heading', { level: 1, name: 'Přidat organizaci' }).waitFor();
  await page.getByLabel('Název organizace').fill('Spolek Přístav (e2e)');
  await page.getByLabel('IČO').fill('12345678');
  await page.getByLabel('Druh organizace').selectOption({ label: 'nestátní nezisková organizace' });
  await page.getByLabel('E-mail').fill('info@pristav.example.cz');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  assert.equal(await page.getByLabel('IČO').getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'organization-form-error');
  await page.getByLabel('IČO').fill('12345679');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByRole('heading', { level: 1, name: 'Spolek Přístav (e2e)' }).waitFor();

  // Its service, from the organization's page, so the provider is already chosen.
  await page.getByRole('link', { name: 'Přidat službu organizace' }).click();
  await page.getByRole('heading', { level: 1, name: 'Přidat službu' }).waitFor();
  await page.getByRole('list', { name: 'Vybráno: Poskytovatel' }).getByText('Spolek Přístav (e2e)').waitFor();
  await page.getByLabel('Název služby').fill('Nízkoprahový klub Přístav');
  await page.getByLabel('Druh služby').selectOption({ label: 'nízkoprahová zařízení pro děti a mládež (§62)' });
  await page.getByRole('checkbox', { name: 'ambulantní' }).check();
  await page.getByRole('checkbox', { name: 'terénní' }).check();
  await page.getByRole('button', { name: 'Přidat kapacitu' }).click();
  await page.getByRole('group', { name: 'Kapacita 1' }).getByLabel('Počet').fill('25');
  await page.getByRole('group', { name: 'Kapacita 1' }).getByLabel('Forma').selectOption({ label: 'ambulantní' });
  const groups = page.getByRole('combobox', { name: 'Cílové skupiny' });
  await groups.pressSequentially('děti, mlád', { delay: 20 });
  await page.getByRole('listbox', { name: 'Cílové skupiny' }).getByRole('option', { name: 'děti, mládež a rodiny', exact: true }).click();
  await groups.fill('');
  await groups.pressSequentially('ohrožení (e2e', { delay: 20 });
  await page.getByRole('listbox', { name: 'Cílové skupiny' }).getByRole('option', { name: 'mládež v ohrožení (e2e)', exact: true }).click();
  const serves = page.getByRole('combobox', { name: 'Působí v území' });
  await serves.pressSequentially('Krumlov', { delay: 20 });
  await firstCandidate(page, 'Působí v území', 'Krumlov');
  await serves.press('ArrowDown');
  await serves.press('Enter');
  await page.getByRole('list', { name: 'Vybráno: Působí v území' }).getByText(/ORP Český Krumlov/).waitFor();
  await screenshot(page, 'service-form');
  await checkA11y(page, 'service-form');
  await checkA11y(page, 'service-form-320', { width: 320 });
  await page.getByRole('button', { name: 'Uložit' }).click();

  // The service page shows what was entered.
  await page.getByRole('heading', { level: 1, name: 'Nízkoprahový klub Přístav' }).waitFor();
  const facts = page.locator('dl.facts');
  await facts.getByText('nízkoprahová zařízení pro děti a mládež (§62)').waitFor();
  await facts.getByText('25 klientů (ambulantní)').waitFor();
  await facts.getByText('ambulantní, terénní').waitFor();
  await facts.getByRole('link', { name: 'ORP Český Krumlov' }).waitFor();

  // Edited: more capacity, and it ends.
  await page.getByRole('link', { name: 'Upravit službu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Upravit službu' }).waitFor();
  await page.getByRole('group', { name: 'Kapacita 1' }).getByLabel('Počet').fill('30');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nízkoprahový klub Přístav' }).waitFor();
  await facts.getByText('30 klientů (ambulantní)').waitFor();

  // The catalogue finds it by its kind in its territory.
  const [service] = (await admin.must('GET', '/services?q=P%C5%99%C3%ADstav')).items;
  assert.deepEqual([service.capacities[0].count, [...service.forms].sort(), service.target_group_codes], [30, ['field', 'outpatient'], ['deti_mladez_a_rodiny', 'mladez_v_ohrozeni_e2e']]);
  await page.goto(`${server.baseUrl}/services?kind=nizkoprahova_zarizeni_pro_deti_a_mladez`);
  await page.getByRole('link', { name: 'Nízkoprahový klub Přístav' }).waitFor();

  // The organization cannot go while it runs the service; once the service is deleted, it can.
  await page.goto(`${server.baseUrl}/organizations/${service.organization_id}/edit`);
  await page.getByRole('button', { name: 'Smazat organizaci' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Smazat organizaci' }).click();
  await page.getByText('Organizace „Spolek Přístav (e2e)“ poskytuje služby').waitFor();
  await page.goto(`${server.baseUrl}/services/${service.id}/edit`);
  await page.getByRole('button', { name: 'Smazat službu' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Smazat službu' }).click();
  await page.getByRole('heading', { level: 1, name: 'Katalog sociálních služeb' }).waitFor();
  await page.goto(`${server.baseUrl}/organizations/${service.organization_id}/edit`);
  await page.getByRole('button', { name: 'Smazat organizaci' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Smazat organizaci' }).click();
  await page.getByRole('heading', { level: 1, name: 'Katalog sociálních služeb' }).waitFor();
  assert.equal((await admin.must('GET', '/organizations?q=P%C5%99%C3%ADstav')).items.length, 0);
  await page.close();
});

test('a citizen finds the open data from the footer, reads a dictionary and downloads a dataset', async () => {
  const page = await newPage(browser);
  await page.goto(server.baseUrl + '/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Otevřená data' }).click();
  await page.getByRole('heading', { level: 1, name: 'Otevřená data' }).waitFor();
  const services = page.getByRole('article', { name: 'Sociální služby a související aktivity' });
  await services.getByText(/Popis \d+ polí/).click();
  const dictionary = services.getByRole('region', { name: 'Pole datové sady Sociální služby a související aktivity' });
  await dictionary.getByRole('cell', { name: 'kind_code' }).waitFor();
  await screenshot(page, 'open-data');
  await checkA11y(page, 'open-data');
  await checkA11y(page, 'open-data-320', { width: 320 });
  // The CSV link serves the dataset: a header row of the dictionary's fields, then the demo services.
  const href = await services.getByRole('link', { name: /Stáhnout CSV/ }).getAttribute('href');
  const csv = await (await fetch(server.baseUrl + href)).text();
  const [header, ...rows] = csv.trim().split('\r\n');
  assert.ok(header.startsWith('id,organization_id,organization_name,name,kind_code'), header);
  assert.ok(rows.length >= 15, `the demo services: ${rows.length}`);
  assert.equal(csv.includes('@'), false, 'no e-mail address in open data');
  await page.close();
});
