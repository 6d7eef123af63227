// Browser flows against the real server, with axe and screenshots (test-results/) on the main pages.
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
  await checkA11y(page, 'home-320', { width: 320 });

  await page.getByRole('link', { name: plan.title }).first().click();
  await page.getByRole('heading', { level: 1, name: plan.title }).waitFor();
  await page.getByRole('heading', { name: 'Probíhá připomínkové řízení' }).waitFor();
  await page.getByRole('progressbar').first().waitFor();
  // The plan document: the public follows plain links (HTML in a new tab, said in the link).
  const printLink = page.getByRole('link', { name: 'Otevřít k tisku (HTML) (otevře se v novém panelu)' });
  assert.equal(await printLink.getAttribute('href'), `/api/v1/plans/${plan.id}/export?format=html`);
  assert.equal(await printLink.getAttribute('target'), '_blank');
  assert.equal(await page.getByRole('link', { name: 'Stáhnout v Markdownu' }).getAttribute('href'), `/api/v1/plans/${plan.id}/export?format=md`);
  assert.match((await fetch(`${server.baseUrl}/api/v1/plans/${plan.id}/export?format=html`)).headers.get('content-type'), /text\/html/);
  await screenshot(page, 'plan');
  await checkA11y(page, 'plan');
  await checkA11y(page, 'plan-320', { width: 320 });

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
  // Worded in Czech from the error's code, not the server's English message.
  assert.equal(await page.locator('.field-invalid .field-error').first().textContent(), 'Toto pole je povinné.');

  // Goals are commented on their own page, reached from the plan's tree.
  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  await page.getByRole('link', { name: 'Připomínky k cíli 1' }).click();
  await page.getByRole('heading', { level: 1, name: /Senioři doma/ }).waitFor();
  await page.getByRole('link', { name: /Odlehčovací služba/ }).waitFor();
  await page.getByLabel(/Text připomínky/).fill('Cíl by měl zahrnout i pečující rodiny.');
  await page.getByLabel(/Jméno a příjmení/).fill('Petr Pečující');
  await page.getByRole('button', { name: 'Odeslat připomínku' }).click();
  await page.getByText('Děkujeme, vaše připomínka byla přijata.').waitFor();
  await page.locator('.comment', { hasText: 'Cíl by měl zahrnout i pečující rodiny.' }).waitFor();
  await screenshot(page, 'goal');
  await checkA11y(page, 'goal');
  // The coordinator finds it in the settlement register, filtered to goals.
  const coordinator = await newPage(browser);
  await signInUi(coordinator, server.baseUrl, ADMIN.email, ADMIN.password);
  await coordinator.goto(`${server.baseUrl}/plans/${plan.id}/register`);
  await coordinator.getByText('Prosíme o rozšíření odlehčovací služby').waitFor();
  await coordinator.getByLabel('K čemu').selectOption('goal');
  await coordinator.getByText('Cíl by měl zahrnout i pečující rodiny.').waitFor();
  assert.equal(await coordinator.getByText('Prosíme o rozšíření odlehčovací služby').count(), 0);
  await screenshot(coordinator, 'register-goal');

  // Moderation: the coordinator hides the citizen's plan comment with a reason (required), meets a
  // 412 when it changed meanwhile, and restores it; the public never sees the hidden comment.
  await coordinator.goto(`${server.baseUrl}/plans/${plan.id}`);
  const commented = coordinator.locator('.comment', { hasText: 'Prosíme o rozšíření odlehčovací služby' });
  await commented.getByRole('button', { name: 'Skrýt' }).click();
  const hideDialog = coordinator.getByRole('dialog', { name: 'Skrýt připomínku?' });
  await hideDialog.getByRole('button', { name: 'Skrýt připomínku' }).click();
  await hideDialog.locator('.field-invalid .field-error', { hasText: 'Toto pole je povinné.' }).waitFor();
  await hideDialog.getByLabel(/^Důvod skrytí/).fill('Osobní údaje třetí osoby.');
  await screenshot(coordinator, 'comment-hide-dialog');
  await checkA11y(coordinator, 'comment-hide-dialog');
  await hideDialog.getByRole('button', { name: 'Skrýt připomínku' }).click();
  await coordinator.locator('[role="status"]', { hasText: 'Připomínka byla skryta.' }).waitFor();
  assert.equal(await coordinator.evaluate(() => document.activeElement?.getAttribute('role')), 'status');
  await commented.getByText('Důvod: Osobní údaje třetí osoby.').waitFor();
  await commented.locator('.tag', { hasText: 'skryto' }).waitFor();
  await screenshot(coordinator, 'plan-comment-hidden');
  await checkA11y(coordinator, 'plan-comment-hidden');
  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  await page.getByText('Zatím žádné připomínky.').waitFor();
  assert.equal(await page.getByText('Prosíme o rozšíření odlehčovací služby').count(), 0);
  assert.equal(await page.getByText('skryto', { exact: true }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Obnovit' }).count(), 0);
  // Changed meanwhile (restored and hidden again through the API): restoring meets a 412.
  const hidden = (await admin.must('GET', `/comments?target_type=plan&target_id=${plan.id}`)).items.find((c) => c.status === 'hidden');
  await admin.must('PATCH', `/comments/${hidden.id}`, { status: 'published' });
  const again = await admin.must('PATCH', `/comments/${hidden.id}`, { status: 'hidden', moderation_reason: 'Osobní údaje.' });
  await commented.getByRole('button', { name: 'Obnovit' }).click();
  await coordinator.getByText('Mezitím tento záznam změnil někdo jiný').waitFor();
  await coordinator.getByRole('button', { name: 'Načíst aktuální verzi' }).click();
  await commented.getByText(/Důvod: Osobní údaje\.$/).waitFor();
  await commented.getByRole('button', { name: 'Obnovit' }).click();
  await coordinator.locator('[role="status"]', { hasText: 'Připomínka je znovu zveřejněna.' }).waitFor();
  await commented.getByRole('button', { name: 'Skrýt' }).waitFor();
  assert.equal((await admin.must('GET', `/comments/${hidden.id}`)).version, again.version + 1);
  await coordinator.close();

  await page.goto(`${server.baseUrl}/measures/${measure.id}`);
  await page.getByRole('heading', { level: 1, name: /Odlehčovací služba/ }).waitFor();
  await screenshot(page, 'measure');
  await checkA11y(page, 'measure');

  await page.goto(`${server.baseUrl}/working-groups`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('main .card a').first().waitFor();
  // The meetings calendar: a webcal:// subscription, the .ics download and the address to copy.
  const feedUrl = `${server.baseUrl}/api/v1/meetings.ics`;
  assert.equal(await page.getByLabel(/^Adresa kalendáře pro odběr/).inputValue(), feedUrl);
  assert.equal(await page.getByRole('link', { name: /Odebírat v aplikaci kalendáře/ }).getAttribute('href'), feedUrl.replace(/^http:/, 'webcal:'));
  assert.equal(await page.getByRole('link', { name: 'Stáhnout jako soubor .ics' }).getAttribute('href'), '/api/v1/meetings.ics');
  assert.match((await fetch(feedUrl)).headers.get('content-type'), /text\/calendar/);
  await page.getByRole('button', { name: 'Zkopírovat adresu kalendáře' }).click();
  // Headless Chromium may or may not grant the clipboard: either way the result is said.
  await page.locator('[role="status"]', { hasText: /Adresa kalendáře je ve schránce|nepodařilo zkopírovat/ }).waitFor();
  await screenshot(page, 'working-groups');
  await checkA11y(page, 'working-groups');
  await page.locator('main .card a').first().click();
  await page.getByRole('heading', { name: 'Členové' }).waitFor();
  assert.match(await page.getByLabel(/^Adresa kalendáře pro odběr/).inputValue(), /\/api\/v1\/working-groups\/[^/]+\/meetings\.ics$/);
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
  // Forms are not offered to visitors: a new plan asks them to sign in.
  await page.goto(`${server.baseUrl}/plans/new`);
  await page.getByRole('heading', { level: 1, name: 'Nový komunitní plán' }).waitFor();
  await page.getByRole('link', { name: 'Pro pokračování se přihlaste.' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Uložit' }).count(), 0);
  // An unknown address has its own page.
  await page.goto(`${server.baseUrl}/no-such-page`);
  await page.getByRole('heading', { level: 1, name: 'Stránka nenalezena' }).waitFor();
  assert.equal(await page.title(), 'Stránka nenalezena – Spoluplán');
  await screenshot(page, 'not-found');
  await checkA11y(page, 'not-found');
  // English works too.
  await page.goto(server.baseUrl + '/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Community plans of social services' }).waitFor();
  await screenshot(page, 'home-en');
  await checkA11y(page, 'home-en');
  await page.getByRole('button', { name: 'Přepnout do češtiny' }).click();
  await page.close();
});

test('a page whose code fails to load offers a reload', async () => {
  const { measure } = await seedPlan('Plán s chybějícím souborem (e2e)', { consultation: true });
  const page = await newPage(browser);
  // As if a new release had removed the old chunk: its request fails.
  await page.route(/\/assets\/MeasurePage-[^/]+\.js$/, (route) => route.abort());
  await page.goto(`${server.baseUrl}/measures/${measure.id}`);
  await page.getByRole('heading', { level: 1, name: 'Stránku se nepodařilo načíst' }).waitFor();
  assert.equal(await page.title(), 'Stránku se nepodařilo načíst – Spoluplán');
  await page.getByRole('navigation', { name: 'Hlavní navigace' }).waitFor();
  await screenshot(page, 'route-error');
  await checkA11y(page, 'route-error');
  await page.unroute(/\/assets\/MeasurePage-[^/]+\.js$/);
  await page.getByRole('button', { name: 'Načíst stránku znovu' }).click();
  await page.getByRole('heading', { level: 1, name: /Odlehčovací služba/ }).waitFor();
  // The server answers a missing asset with 404, not the app shell.
  const missing = await fetch(`${server.baseUrl}/assets/MeasurePage-gone.js`);
  assert.equal(missing.status, 404);
  assert.notEqual(missing.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  await page.close();
});

test('a coordinator creates a plan, opens the consultation, settles a comment and approves the plan', async () => {
  const draft = await admin.must('POST', '/plans', {
    title: 'Rozpracovaný plán – jen pro přihlášené (e2e)', territory: 'Obec Lhota', period_start: 2027, period_end: 2030,
  }, 201);
  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, ADMIN.email, ADMIN.password);
  await page.goto(server.baseUrl + '/');
  await page.getByRole('link', { name: 'Nový komunitní plán' }).click();
  const title = 'Komunitní plán sociálních služeb Lhota 2027–2030';
  await page.getByLabel(/^Název/).fill(title);
  await page.getByLabel(/^Území/).selectOption({ label: 'Obec Lhota' });
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
  await page.getByRole('heading', { level: 1, name: 'Přidat cíl' }).waitFor();
  await screenshot(page, 'goal-form');
  await checkA11y(page, 'goal-form');
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

  // The draft's document needs the token: fetched through the client and handed to the browser.
  await page.goto(`${server.baseUrl}/plans/${planId}`);
  await page.getByRole('heading', { name: 'Dokument plánu' }).waitFor();
  const [docTab] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('link', { name: /^Otevřít k tisku \(HTML\)/ }).click(),
  ]);
  await docTab.getByText('Rozšíření pečovatelské služby').first().waitFor();
  await docTab.close();
  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Stáhnout v Markdownu' }).click()]);
  const { readFile } = await import('node:fs/promises');
  assert.equal(md.suggestedFilename(), 'komunitni-plan-socialnich-sluzeb-lhota-2027-2030.md');
  assert.match(await readFile(await md.path(), 'utf8'), /Podpora seniorů v domácím prostředí/);
  // The Word file: a zip, named after the plan like the Markdown.
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Stáhnout pro Word (DOCX)' }).click()]);
  assert.equal(docx.suggestedFilename(), 'komunitni-plan-socialnich-sluzeb-lhota-2027-2030.docx');
  assert.equal((await readFile(await docx.path())).subarray(0, 2).toString(), 'PK');

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

  // Approval waits for the comment to be settled: the dialog says so and links to the register.
  await page.getByRole('button', { name: 'Zaznamenat schválení' }).click();
  await dialog.getByText('1 připomínka z připomínkového řízení ještě není vypořádána.').waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Ano, plán je schválen' }).isDisabled(), true);
  await screenshot(page, 'lifecycle-dialog-unsettled');
  await checkA11y(page, 'lifecycle-dialog-open');
  await dialog.getByRole('link', { name: 'Přejít k vypořádání nevypořádaných připomínek' }).click();
  await page.getByRole('heading', { level: 1, name: 'Vypořádání připomínek' }).waitFor();
  await page.getByText('Chybí mi dostupnost o víkendech.').waitFor();
  // A comment from the public hearing, entered for its submitter (a missing name is refused at its field).
  const offWeb = page.getByRole('region', { name: 'Zapsat připomínku přijatou mimo web' });
  const targetSelect = offWeb.getByLabel(/^Čeho se připomínka týká/);
  await targetSelect.selectOption(await targetSelect.locator('option', { hasText: 'opatření 1.1 Rozšíření pečovatelské služby' }).getAttribute('value'));
  await offWeb.getByLabel('na veřejném projednání').check();
  assert.equal(await offWeb.getByLabel(/^Datum přijetí/).inputValue(), new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Prague' }));
  await offWeb.getByLabel(/^Text připomínky/).fill('Pečovatelská služba i v sobotu.');
  await offWeb.evaluate((el) => el.querySelectorAll('[required]').forEach((x) => x.removeAttribute('required')));
  await offWeb.getByRole('button', { name: 'Zapsat připomínku' }).click();
  await offWeb.locator('.field-invalid', { hasText: 'Jméno a příjmení podatele' }).getByText('Toto pole je povinné.').waitFor();
  await offWeb.getByLabel(/^Jméno a příjmení podatele/).fill('Alena Veřejná');
  await offWeb.getByRole('button', { name: 'Zapsat připomínku' }).click();
  await offWeb.getByText('Připomínka od Alena Veřejná je zapsána ve vypořádání.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Připomínka od Alena Veřejná je zapsána ve vypořádání.');
  const row = page.locator('table.register tr', { hasText: 'Pečovatelská služba i v sobotu.' });
  await row.getByText('Alena Veřejná').waitFor();
  await row.getByText(/na veřejném projednání/).waitFor();
  await screenshot(page, 'register-off-web');
  // The printable annex opens in a new tab.
  const [annex] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('link', { name: /^Otevřít vypořádání k tisku \(HTML\)/ }).click(),
  ]);
  await annex.getByText('Pečovatelská služba i v sobotu.').waitFor();
  await annex.close();
  await checkA11y(page, 'register');
  await page.getByLabel('Vybrat všechny zobrazené připomínky').check();
  assert.equal(await page.getByLabel('Vybrat připomínku č. 1').isChecked(), true);
  await page.getByLabel('akceptováno', { exact: true }).check();
  await page.getByLabel(/^Odůvodnění/).fill('Doplněno do opatření 1.1.');
  await page.getByRole('button', { name: 'Vypořádat vybrané' }).click();
  await page.getByText('Vypořádány 2 připomínky.').waitFor();
  // The settled rows' form is gone; focus is on the confirmation, not lost.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Vypořádány 2 připomínky.');
  await screenshot(page, 'register');
  const csv = page.getByRole('link', { name: 'Stáhnout vypořádání jako CSV' });
  assert.match(await csv.getAttribute('href'), /consultation-report\?format=csv$/);
  const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
  const text = await readFile(await download.path(), 'utf8');
  assert.match(text, /^\uFEFFČ\.;/);
  assert.match(text, /Doplněno do opatření 1\.1\./);

  await page.goto(`${server.baseUrl}/plans/${planId}`);
  await page.getByRole('button', { name: 'Zaznamenat schválení' }).click();
  await dialog.getByLabel(/Usnesení o schválení/).fill('usnesení ZO č. 12/2027');
  await dialog.getByLabel(/Datum schválení/).fill(new Date().toISOString().slice(0, 10));
  await dialog.getByRole('button', { name: 'Ano, plán je schválen' }).click();
  await page.locator('.meta .tag', { hasText: 'schválený' }).first().waitFor();
  await screenshot(page, 'plan-approved');
  const report = await admin.must('GET', `/plans/${planId}/consultation-report`);
  assert.equal(report.counts.accepted, 2);
  assert.equal(report.items.find((i) => i.author.display_name === 'Alena Veřejná').channel, 'meeting');
  assert.equal(report.counts.unsettled, 0);
  // From approval on, the plan's form is not offered.
  await page.goto(`${server.baseUrl}/plans/${planId}/edit`);
  await page.getByText('jsou od schválení uzamčeny').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Uložit' }).count(), 0);

  // Sign-out ends the session, and drafts seen while signed in disappear with it.
  await page.goto(server.baseUrl + '/');
  await page.getByRole('link', { name: draft.title }).waitFor();
  await page.getByRole('button', { name: 'Odhlásit se' }).click();
  await page.getByRole('link', { name: 'Přihlásit se' }).waitFor();
  await page.getByRole('link', { name: 'Komunitní plán Testov 2026–2029' }).first().waitFor();
  assert.equal(await page.getByRole('link', { name: draft.title }).count(), 0);
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
  // On the plan tree, the leader edits their own group's goal and adds measures to it, not another group's.
  await page.goto(`${server.baseUrl}/plans/${mine.plan.id}`);
  await page.getByRole('link', { name: 'Upravit cíl 1' }).waitFor();
  await page.getByRole('link', { name: 'Přidat opatření k cíli 1' }).waitFor();
  await page.goto(`${server.baseUrl}/plans/${theirs.plan.id}`);
  await page.getByRole('heading', { name: /Senioři doma/ }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Upravit cíl 1' }).count(), 0);
  // The leader manages their own group's members (by user id, since leaders cannot list users).
  await page.goto(`${server.baseUrl}/working-groups/${own.id}`);
  await page.getByRole('heading', { name: 'Správa členů' }).waitFor();
  await page.getByLabel(/^Identifikátor uživatele/).waitFor();
  await checkA11y(page, 'group-leader');
  await page.goto(`${server.baseUrl}/working-groups/${other.id}`);
  await page.getByRole('heading', { name: 'Členové' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Správa členů' }).count(), 0);

  // The API enforces it too.
  const api = await login(server.baseUrl, leader.email, password);
  const refused = await api.call('PATCH', `/measures/${theirs.measure.id}`, { progress: 90 });
  assert.equal(refused.status, 403);
  const allowed = await api.call('PATCH', `/measures/${mine.measure.id}`, { progress: 60 });
  assert.equal(allowed.status, 200);
  await page.close();
});

test('a coordinator sets up a group, schedules a meeting and writes its record', async () => {
  const password = 'member-password-12345';
  const vera = await admin.must('POST', '/users', { email: 'vera.clenka@example.cz', display_name: 'Věra Členka', role: 'member', password }, 201);
  const karel = await admin.must('POST', '/users', { email: 'karel.clen@example.cz', display_name: 'Karel Člen', role: 'member', password }, 201);

  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, ADMIN.email, ADMIN.password);

  // A new working group, through the form.
  await page.goto(`${server.baseUrl}/working-groups`);
  await page.getByRole('link', { name: 'Nová pracovní skupina' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nová pracovní skupina' }).waitFor();
  await page.getByLabel(/^Název/).fill('PS Senioři – záznam (e2e)');
  await page.getByLabel(/^Cílová skupina/).fill('senioři');
  await page.getByLabel(/^Vize/).fill('Senioři žijí doma tak dlouho, jak chtějí.');
  await page.getByLabel(/^Usnášeníschopnost/).fill('1');
  await screenshot(page, 'group-form');
  await checkA11y(page, 'group-form');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByRole('heading', { level: 1, name: 'PS Senioři – záznam (e2e)' }).waitFor();
  const groupId = new URL(page.url()).pathname.split('/').pop();

  // Members: picked from the user list, with a stakeholder role.
  const addForm = page.locator('form.add-member');
  for (const [u, stakeholder] of [[vera, 'provider'], [karel, 'user']]) {
    await addForm.getByLabel(/^Uživatel/).selectOption({ label: `${u.display_name} (${u.email})` });
    await addForm.getByLabel(/^Role účastníka/).selectOption(stakeholder);
    await addForm.getByRole('button', { name: 'Přidat do skupiny' }).click();
    await page.getByText(`${u.display_name} je nyní členem skupiny.`).waitFor();
  }
  await page.getByLabel('Role účastníka – Karel Člen').selectOption('public');
  await page.getByRole('button', { name: 'Uložit změnu – Karel Člen' }).click();
  await page.getByText('Změna u člena Karel Člen je uložena.').waitFor();
  await screenshot(page, 'group-members');
  await checkA11y(page, 'group-members');

  // Schedule a meeting; the server's rule "in-person needs a location" is shown at its field.
  await page.getByRole('link', { name: 'Naplánovat jednání' }).click();
  await page.getByRole('heading', { level: 1, name: 'Naplánovat jednání' }).waitFor();
  await page.getByLabel(/^Název jednání/).fill('Jednání PS Senioři – návrh opatření');
  await page.getByLabel(/^Začátek/).fill(localDateTime(-1));
  assert.notEqual(await page.getByLabel(/^Konec/).inputValue(), '', 'the end is suggested from the start');
  await page.evaluate(() => document.querySelectorAll('[required]').forEach((el) => el.removeAttribute('required')));
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.locator('.field-invalid .field-error').first().waitFor();
  await screenshot(page, 'meeting-form-errors');
  await checkA11y(page, 'meeting-form');
  await page.getByLabel(/^Místo/).fill('MěÚ Testov, zasedací místnost');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByRole('heading', { level: 1, name: 'Jednání PS Senioři – návrh opatření' }).waitFor();
  const meetingId = new URL(page.url()).pathname.split('/').pop();

  // The record: agenda (reordered), attendance, a guest, a resolution with votes, minutes, status.
  await page.getByRole('link', { name: 'Zapsat průběh jednání' }).click();
  await page.getByRole('heading', { level: 1, name: 'Záznam z jednání' }).waitFor();
  await page.getByLabel(/^Stav jednání/).selectOption('held');
  await page.getByRole('button', { name: 'Přidat bod programu' }).click();
  await page.getByRole('group', { name: 'Bod programu 1' }).getByLabel(/^Název bodu/).fill('Různé');
  await page.getByRole('button', { name: 'Přidat bod programu' }).click();
  await page.getByRole('group', { name: 'Bod programu 2' }).getByLabel(/^Název bodu/).fill('Návrh opatření 1.1');
  await page.getByRole('button', { name: 'Posunout nahoru – Bod programu 2' }).click();
  assert.equal(await page.getByRole('group', { name: 'Bod programu 1' }).getByLabel(/^Název bodu/).inputValue(), 'Návrh opatření 1.1');
  await page.getByRole('group', { name: 'Věra Členka' }).getByLabel('přítomen/a', { exact: true }).check();
  await page.getByRole('group', { name: 'Karel Člen' }).getByLabel('omluven/a', { exact: true }).check();
  await page.getByRole('button', { name: 'Přidat hosta' }).click();
  await page.getByLabel(/^Jméno hosta/).fill('Hana Malá');
  await page.getByRole('group', { name: 'Host 1' }).getByLabel('Role účastníka').selectOption('user');
  await page.getByRole('button', { name: 'Přidat usnesení' }).click();
  const resolution = page.getByRole('group', { name: 'Usnesení 1' });
  await resolution.getByLabel(/^Znění usnesení/).fill('PS doporučuje zařadit opatření 1.1 do plánu.');
  await resolution.getByLabel('Pro', { exact: true }).fill('5');
  await resolution.getByLabel('Proti', { exact: true }).fill('1');
  await resolution.getByLabel('Zdrželo se', { exact: true }).fill('2');
  await page.getByLabel(/^Text zápisu/).fill('Skupina prošla návrh opatření a doporučila jej.');
  await screenshot(page, 'meeting-record');
  await checkA11y(page, 'meeting-record');

  // Someone else saves first: the conflict is explained and the record reloads.
  const current = await admin.must('GET', `/meetings/${meetingId}`);
  await admin.must('PATCH', `/meetings/${meetingId}`, { location: 'MěÚ Testov, velký sál' });
  assert.ok(current.version >= 1);
  await page.getByRole('button', { name: 'Uložit záznam z jednání' }).click();
  await page.getByText('Mezitím tento záznam změnil někdo jiný').waitFor();
  await page.getByRole('button', { name: 'Načíst aktuální verzi' }).click();
  await page.getByRole('button', { name: 'Přidat bod programu' }).click();
  await page.getByRole('group', { name: 'Bod programu 1' }).getByLabel(/^Název bodu/).fill('Návrh opatření 1.1');
  await page.getByRole('group', { name: 'Věra Členka' }).getByLabel('přítomen/a', { exact: true }).check();
  await page.getByRole('group', { name: 'Karel Člen' }).getByLabel('omluven/a', { exact: true }).check();
  await page.getByRole('button', { name: 'Přidat hosta' }).click();
  await page.getByLabel(/^Jméno hosta/).fill('Hana Malá');
  await page.getByRole('button', { name: 'Přidat usnesení' }).click();
  await resolution.getByLabel(/^Znění usnesení/).fill('PS doporučuje zařadit opatření 1.1 do plánu.');
  await resolution.getByLabel('Pro', { exact: true }).fill('5');
  await resolution.getByLabel('Proti', { exact: true }).fill('1');
  await resolution.getByLabel('Zdrželo se', { exact: true }).fill('2');
  await page.getByLabel(/^Text zápisu/).fill('Skupina prošla návrh opatření a doporučila jej.');
  await page.getByLabel(/^Stav jednání/).selectOption('held');
  await page.getByRole('button', { name: 'Uložit záznam z jednání' }).click();

  // The meeting page shows all of it.
  await page.getByRole('heading', { level: 1, name: 'Jednání PS Senioři – návrh opatření' }).waitFor();
  await page.locator('.meta .tag', { hasText: 'proběhlo' }).waitFor();
  await page.getByText('MěÚ Testov, velký sál').waitFor();
  await page.locator('section[aria-labelledby="agenda"] li', { hasText: 'Návrh opatření 1.1' }).waitFor();
  await page.getByText('přítomno 1, omluveno 1, hosté 1').waitFor();
  await page.getByText('PS doporučuje zařadit opatření 1.1 do plánu.').waitFor();
  await page.getByText('pro 5, proti 1, zdrželo se 2').waitFor();
  await page.getByText('Skupina prošla návrh opatření a doporučila jej.').waitFor();
  await page.locator('section[aria-labelledby="attendance-names"]', { hasText: 'Věra Členka' }).waitFor();
  await screenshot(page, 'meeting-recorded');
  await checkA11y(page, 'meeting-recorded');

  const saved = await admin.must('GET', `/meetings/${meetingId}`);
  assert.equal(saved.status, 'held');
  assert.deepEqual(saved.attendance.present, [vera.id]);
  assert.deepEqual(saved.attendance.excused, [karel.id]);
  assert.deepEqual(saved.resolutions, [{ text: 'PS doporučuje zařadit opatření 1.1 do plánu.', votes_for: 5, votes_against: 1, votes_abstained: 2 }]);
  assert.equal(saved.working_group_id, groupId);
  await page.close();
});

test('a coordinator records indicator values, actual funding and progress of an approved plan’s measure', async () => {
  const { plan, measure } = await seedPlan('Plán v realizaci (e2e)', { consultation: true });
  await admin.must('PATCH', `/measures/${measure.id}`, {
    indicators: [{ name: 'Podpoření klienti', unit: 'osoby', baseline: 10, target: 40, values: [] }],
    funding_sources: [{ year: 2026, source: 'region', planned: '120000.00', actual: null }],
  });
  await admin.must('POST', `/plans/${plan.id}/status`, { status: 'approved', approval_resolution: 'usnesení ZM č. 1/2026', approved_on: '2026-01-15' });
  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, ADMIN.email, ADMIN.password);
  await page.goto(`${server.baseUrl}/measures/${measure.id}/edit`);
  await page.getByRole('heading', { level: 1, name: 'Úprava opatření' }).waitFor();
  await page.getByText('jsou od schválení uzamčeny').waitFor();
  assert.equal(await page.getByLabel(/^Název opatření/).isDisabled(), true);
  // What is measured and the planned money are part of the approved text; values and actual amounts are not.
  assert.equal(await page.getByRole('button', { name: 'Přidat ukazatel' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Přidat zdroj financování' }).count(), 0);
  const indicator = page.getByRole('group', { name: 'Ukazatel 1' });
  assert.equal(await indicator.getByLabel(/^Výchozí hodnota/).isDisabled(), true);
  await indicator.getByRole('button', { name: /Přidat hodnotu za rok/ }).click();
  await indicator.getByLabel(/^Hodnota$/).fill('osmnáct');
  const funding = page.getByRole('group', { name: 'Zdroj financování 1' });
  assert.equal(await funding.getByLabel(/^Plánováno/).isDisabled(), true);
  await funding.getByLabel(/^Skutečnost/).fill('118 000');
  await page.getByRole('button', { name: 'Uložit' }).click();
  // A number the browser can already tell is wrong is shown at its field, like the server's errors.
  await indicator.locator('.field-invalid .field-error').first().waitFor();
  await screenshot(page, 'measure-form-frozen');
  await checkA11y(page, 'measure-form');
  await indicator.getByLabel(/^Hodnota$/).fill('18,5');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByRole('heading', { level: 1, name: /Odlehčovací služba/ }).waitFor();
  await page.getByRole('cell', { name: 'osoby' }).waitFor();
  await page.getByText('2026: 18,5').waitFor();
  await page.getByRole('cell', { name: 'kraj' }).waitFor();

  await page.getByLabel(/^Plnění \(%\)/).fill('55');
  await page.getByLabel(/^Co se udělalo/).fill('Zahájen provoz o víkendech.');
  await page.getByRole('button', { name: 'Zaznamenat plnění' }).click();
  await page.getByText('Plnění bylo zaznamenáno.').waitFor();
  await page.locator('.timeline li', { hasText: 'Zahájen provoz o víkendech.' }).waitFor();
  await screenshot(page, 'measure-progress');
  await checkA11y(page, 'measure-progress');
  const saved = await admin.must('GET', `/measures/${measure.id}`);
  assert.equal(saved.progress, 55);
  assert.deepEqual(saved.funding_sources, [{ year: 2026, source: 'region', planned: '120000.00', actual: '118000.00' }]);
  await page.close();
});

test('a coordinator creates an API key that works, then revokes it; an admin changes a role', async () => {
  const password = 'coordinator-password-12345';
  const klara = await admin.must('POST', '/users', { email: 'klara.koordinatorka@example.cz', display_name: 'Klára Koordinátorka', role: 'coordinator', password }, 201);
  const milan = await admin.must('POST', '/users', { email: 'milan.clen@example.cz', display_name: 'Milan Člen', role: 'member', password }, 201);

  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, klara.email, password);
  await page.getByRole('link', { name: 'API klíče' }).click();
  await page.getByRole('heading', { level: 1, name: 'API klíče' }).waitFor();
  await checkA11y(page, 'api-keys');
  await page.getByLabel(/^Název/).fill('Katalog služeb (e2e)');
  await page.getByRole('button', { name: 'Vytvořit klíč' }).click();

  // The secret is shown once, with a copy button, and focus is taken to it.
  const secret = page.getByTestId('api-key-secret');
  await secret.waitFor();
  const key = (await secret.textContent()).trim();
  assert.match(key, /^spk_/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'secret-heading');
  await page.getByRole('button', { name: 'Zkopírovat klíč' }).click();
  // Headless Chromium may or may not grant the clipboard: either way the result is said.
  await page.locator('[role="status"]', { hasText: /Klíč je ve schránce|nepodařilo zkopírovat/ }).waitFor();
  await screenshot(page, 'api-key-created');
  await checkA11y(page, 'api-key-created');

  // The key works against the API as Klára.
  const me = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).email, klara.email);

  await page.getByRole('button', { name: 'Mám zkopírováno' }).click();
  assert.equal(await secret.count(), 0);
  await page.reload();
  await page.getByRole('rowheader', { name: 'Katalog služeb (e2e)' }).waitFor();
  assert.equal(await secret.count(), 0, 'the secret is never shown again');
  await screenshot(page, 'api-keys');
  await page.getByRole('button', { name: 'Zneplatnit Katalog služeb (e2e)' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Zneplatnit' }).click();
  await page.getByText('Nemáte žádné API klíče.').waitFor();
  const revoked = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(revoked.status, 401);
  await page.getByRole('button', { name: 'Odhlásit se' }).click();
  await page.getByRole('link', { name: 'Přihlásit se' }).waitFor();

  // An admin makes Milan a coordinator: choosing in the select saves nothing until the button.
  await signInUi(page, server.baseUrl, ADMIN.email, ADMIN.password);
  await page.getByRole('link', { name: 'Uživatelé' }).click();
  await page.getByRole('heading', { level: 1, name: 'Uživatelé' }).waitFor();
  await checkA11y(page, 'users');
  await page.getByLabel('Role uživatele Milan Člen').selectOption('coordinator');
  assert.equal((await admin.must('GET', `/users/${milan.id}`)).role, 'member');
  await page.getByRole('button', { name: 'Uložit roli Milan Člen' }).click();
  await page.getByText('Role uživatele Milan Člen je nyní: koordinátor.').waitFor();
  assert.equal((await admin.must('GET', `/users/${milan.id}`)).role, 'coordinator');
  await screenshot(page, 'users');
  await page.close();
});

test('a member edits and deletes their own comment, meeting a stale edit on the way', async () => {
  const password = 'member-password-12345';
  const eva = await admin.must('POST', '/users', { email: 'eva.clenka@example.cz', display_name: 'Eva Členka', role: 'member', password }, 201);
  const { plan, goal } = await seedPlan('Plán k úpravám připomínek (e2e)', { consultation: true });
  // Someone else's comment gets no controls.
  const anon = apiClient(server.baseUrl);
  await anon.must('POST', '/comments', { target_type: 'goal', target_id: goal.id, body: 'Cizí připomínka.', author_name: 'Jan Novák' }, 201);

  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, eva.email, password);
  await page.goto(`${server.baseUrl}/goals/${goal.id}`);
  await page.getByText('Cizí připomínka.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Upravit' }).count(), 0);
  await page.getByLabel(/^Text připomínky/).fill('Chybí terénní služba.');
  await page.getByRole('button', { name: 'Odeslat připomínku' }).click();
  const own = page.locator('.comment', { hasText: 'Eva Členka' });
  await own.getByText('Chybí terénní služba.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Upravit' }).count(), 1);

  // A stale edit (changed meanwhile through the API) is explained; reloading shows the current text.
  await own.getByRole('button', { name: 'Upravit' }).click();
  const box = page.getByLabel(/^Upravený text připomínky/);
  assert.equal(await box.evaluate((el) => el === document.activeElement), true);
  const eApi = await login(server.baseUrl, eva.email, password);
  const mine = (await eApi.must('GET', `/comments?target_type=goal&target_id=${goal.id}`)).items.find((c) => c.author.id === eva.id);
  await eApi.must('PATCH', `/comments/${mine.id}`, { body: 'Chybí terénní služba v obcích.' });
  await box.fill('Moje verze');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByText('Mezitím tento záznam změnil někdo jiný').waitFor();
  await screenshot(page, 'comment-edit-conflict');
  await checkA11y(page, 'comment-edit');
  await page.getByRole('button', { name: 'Načíst aktuální verzi' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('textarea')].some((t) => t.value === 'Chybí terénní služba v obcích.'));
  await box.fill('Chybí terénní služba v malých obcích.');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.locator('[role="status"]', { hasText: 'Připomínka byla upravena.' }).waitFor();
  await own.getByText('Chybí terénní služba v malých obcích.').waitFor();

  // Deleting asks first; the result is announced and the comment is gone.
  await own.getByRole('button', { name: 'Smazat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Smazat připomínku?' });
  await dialog.getByText('Chybí terénní služba v malých obcích.').waitFor();
  await dialog.getByRole('button', { name: 'Ano, smazat' }).click();
  await page.locator('[role="status"]', { hasText: 'Připomínka byla smazána.' }).waitFor();
  assert.equal(await page.getByText('Chybí terénní služba v malých obcích.').count(), 0);
  await page.getByText('Cizí připomínka.').waitFor();
  const left = await admin.must('GET', `/plans/${plan.id}/consultation-report`);
  assert.deepEqual(left.items.map((i) => i.body), ['Cizí připomínka.']);
  await screenshot(page, 'comment-deleted');
  await page.close();
});

test('an admin builds a territory tree, assigns a coordinator, and the public territory page shows where it lies', async () => {
  const password = 'coordinator-password-12345';
  const tereza = await admin.must('POST', '/users', { email: 'tereza.uzemni@example.cz', display_name: 'Tereza Územní', role: 'coordinator', password }, 201);

  // Coordinators are not offered the territory administration.
  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, tereza.email, password);
  await page.getByRole('link', { name: 'Uživatelé' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Hlavní navigace' }).getByRole('link', { name: 'Území' }).count(), 0);
  await page.getByRole('button', { name: 'Odhlásit se' }).click();
  await page.getByRole('link', { name: 'Přihlásit se' }).waitFor();

  await signInUi(page, server.baseUrl, ADMIN.email, ADMIN.password);
  await page.getByRole('navigation', { name: 'Hlavní navigace' }).getByRole('link', { name: 'Území' }).click();
  await page.getByRole('heading', { level: 1, name: 'Správa území' }).waitFor();

  // A region, then a second one with the same code: the 409 is shown at the code.
  const createTerritory = async (name, kind, code, parentId) => {
    await page.getByRole('link', { name: 'Nové území' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nové území' }).waitFor();
    await page.getByLabel(/^Název/).fill(name);
    await page.getByLabel(/^Druh území/).selectOption(kind);
    await page.getByLabel(/^Kód/).fill(code);
    if (parentId) await page.getByLabel(/^Nadřazené území/).selectOption(parentId);
    await page.getByRole('button', { name: 'Uložit' }).click();
  };
  await createTerritory('Testovací kraj (e2e)', 'region', '99');
  await page.getByRole('heading', { level: 1, name: 'Správa území' }).waitFor();
  const region = (await admin.must('GET', '/territories?kind=region&limit=200')).items.find((t) => t.code === '99');
  assert.equal(region.name, 'Testovací kraj (e2e)');

  await createTerritory('Druhý kraj (e2e)', 'region', '99');
  const codeField = page.locator('.field-invalid', { has: page.getByLabel(/^Kód/) });
  assert.equal(await codeField.locator('.field-error').textContent(), 'Tuto hodnotu už má jiný záznam.');
  await checkA11y(page, 'territory-form-duplicate');
  await page.getByRole('link', { name: 'Zrušit' }).click();

  // An ORP under the region.
  await createTerritory('ORP Testov (e2e)', 'orp', '9901', region.id);
  await page.getByRole('heading', { level: 1, name: 'Správa území' }).waitFor();
  const orp = (await admin.must('GET', `/territories?parent_id=${region.id}`)).items[0];
  assert.equal(orp.name, 'ORP Testov (e2e)');

  // The tree nests the ORP in the region's item.
  const regionItem = page.locator('.tree > li', { has: page.getByRole('link', { name: 'Testovací kraj (e2e)', exact: true }) });
  await regionItem.locator('.tree-nested').getByRole('link', { name: 'ORP Testov (e2e)', exact: true }).waitFor();
  await screenshot(page, 'territories-admin');
  await checkA11y(page, 'territories-admin');
  await checkA11y(page, 'territories-admin-320', { width: 320 });

  // Tereza coordinates the ORP.
  await page.getByRole('link', { name: 'Upravit ORP Testov (e2e)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Upravit území' }).waitFor();
  assert.equal(await page.getByLabel(/^Nadřazené území/).inputValue(), region.id);
  await page.getByText('Území zatím nemá přiřazeného koordinátora.').waitFor();
  await page.getByLabel(/^Koordinátor/).selectOption(tereza.id);
  await page.getByRole('button', { name: 'Přiřadit', exact: true }).click();
  await page.locator('[role="status"]', { hasText: 'Tereza Územní je nyní koordinátorem území ORP Testov (e2e).' }).waitFor();
  await page.getByRole('button', { name: 'Odebrat Tereza Územní' }).waitFor();
  assert.deepEqual((await admin.must('GET', `/territories/${orp.id}/coordinators`)).items.map((c) => c.user_id), [tereza.id]);
  await screenshot(page, 'territory-form');
  await checkA11y(page, 'territory-form');

  // The region cannot go while the ORP lies below it: the dialog asks, the refusal is explained.
  await page.goto(`${server.baseUrl}/admin/territories/${region.id}`);
  await page.getByRole('heading', { level: 1, name: 'Upravit území' }).waitFor();
  await page.getByRole('button', { name: 'Smazat území' }).click();
  await page.getByRole('dialog', { name: 'Smazat území?' }).getByRole('button', { name: 'Smazat území' }).click();
  await page.getByText('Území Testovací kraj (e2e) nelze smazat').waitFor();
  await admin.must('GET', `/territories/${region.id}`);

  // The public page of the ORP: a visitor sees where it lies, and the region lists it.
  const visitor = await newPage(browser);
  await visitor.goto(`${server.baseUrl}/territories/${orp.id}`);
  await visitor.getByRole('heading', { level: 1, name: 'ORP Testov (e2e)' }).waitFor();
  const facts = visitor.locator('.facts');
  assert.match(await facts.textContent(), /DruhORP/);
  assert.match(await facts.textContent(), /Kód9901/);
  await visitor.getByText('Pod tímto územím nejsou žádná další území.').waitFor();
  assert.equal(await visitor.getByRole('link', { name: 'Upravit území' }).count(), 0);
  await screenshot(visitor, 'territory');
  await checkA11y(visitor, 'territory');
  await checkA11y(visitor, 'territory-320', { width: 320 });
  await visitor.getByRole('navigation', { name: 'Drobečková navigace' }).getByRole('link', { name: 'Testovací kraj (e2e)' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Testovací kraj (e2e)' }).waitFor();
  await visitor.getByRole('region', { name: 'Území pod ním' }).getByRole('link', { name: 'ORP Testov (e2e)' }).waitFor();
  await screenshot(visitor, 'territory-region');
  await checkA11y(visitor, 'territory-region');
  // A region lists what lies in the places below it: the demo's Moravskoslezský kraj shows
  // Ostrava's plan and working groups, which belong to the city, not to the region.
  const msk = (await admin.must('GET', '/territories?kind=region&limit=200')).items.find((t) => t.name === 'Moravskoslezský kraj');
  await visitor.goto(`${server.baseUrl}/territories/${msk.id}`);
  await visitor.getByRole('heading', { level: 1, name: 'Moravskoslezský kraj' }).waitFor();
  await visitor.getByRole('region', { name: 'Plány' }).getByRole('link', { name: /komunitní plán sociálních služeb a souvisejících aktivit ve městě Ostrava/ }).waitFor();
  const groups = visitor.getByRole('region', { name: 'Pracovní skupiny' });
  await groups.getByRole('link', { name: 'Ostrava – PS Senioři' }).waitFor();
  await groups.getByRole('link', { name: 'Ostrava – PS Osoby se zdravotním postižením' }).waitFor();
  assert.equal(await groups.getByRole('link', { name: /Krumlov|Turnov/ }).count(), 0, 'only what lies below the region');
  // And the social services serving the places below it, each with its kind as the Act names it.
  const services = visitor.getByRole('region', { name: 'Sociální služby' });
  await services.getByRole('listitem').filter({ hasText: 'Pečovatelská služba Ostrava-Jih' }).getByText('pečovatelská služba (§40)', { exact: false }).waitFor();
  await services.getByRole('listitem').filter({ hasText: 'Senior taxi Ostrava' }).getByText('související aktivita', { exact: false }).waitFor();
  assert.equal(await services.getByText(/Krumlovsko|Turnovsko/).count(), 0, 'only services below the region');
  await screenshot(visitor, 'territory-with-plans');
  await checkA11y(visitor, 'territory-with-plans');
  await checkA11y(visitor, 'territory-with-plans-320', { width: 320 });
  // Plan and group pages link their territory.
  await groups.getByRole('link', { name: 'Ostrava – PS Senioři' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Ostrava – PS Senioři' }).waitFor();
  await visitor.locator('.facts').getByRole('link', { name: 'Statutární město Ostrava' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Statutární město Ostrava' }).waitFor();
  await visitor.getByRole('region', { name: 'Plány' }).getByRole('link', { name: /ve městě Ostrava/ }).click();
  await visitor.getByRole('navigation', { name: 'Drobečková navigace' }).getByRole('link', { name: 'Statutární město Ostrava' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Statutární město Ostrava' }).waitFor();
  await visitor.close();

  // Removing Tereza asks first; then the ORP, no longer in use, is deleted.
  await page.goto(`${server.baseUrl}/admin/territories/${orp.id}`);
  await page.getByRole('button', { name: 'Odebrat Tereza Územní' }).click();
  await page.getByRole('dialog', { name: 'Odebrat koordinátora?' }).getByRole('button', { name: 'Odebrat' }).click();
  await page.locator('[role="status"]', { hasText: 'Tereza Územní už není koordinátorem území ORP Testov (e2e).' }).waitFor();
  await page.getByRole('button', { name: 'Smazat území' }).click();
  await page.getByRole('dialog', { name: 'Smazat území?' }).getByRole('button', { name: 'Smazat území' }).click();
  await page.locator('[role="status"]', { hasText: 'Území ORP Testov (e2e) bylo smazáno.' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'ORP Testov (e2e)' }).count(), 0);
  await page.close();
});

test('territory coordinators: the region edits its ORP’s plan; another territory’s coordinator is offered nothing and refused', async () => {
  // The demo's accounts (api/src/seed/demo.rs): Martin Bartoš coordinates Jihočeský kraj (above ORP
  // Český Krumlov), Lucie Horáková ORP Český Krumlov, Simona Králová Statutární město Ostrava.
  const DEMO_PASSWORD = 'spoluplan-demo';
  const plans = (await admin.must('GET', '/plans?limit=200')).items;
  const krumlov = plans.find((p) => p.title.startsWith('Plán rozvoje sociálních a souvisejících služeb ORP Český Krumlov'));
  const ostrava = plans.find((p) => /ve městě Ostrava/.test(p.title));
  assert.equal(krumlov.status, 'consultation');
  const page = await newPage(browser);
  const optionsOf = (select) => select.locator('option').allTextContents();

  // (a) The regional coordinator edits the ORP's plan; the form offers only his region and below.
  await signInUi(page, server.baseUrl, 'koordinator.kraj@example.cz', DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/plans/${krumlov.id}`);
  await page.getByRole('heading', { level: 1, name: krumlov.title }).waitFor();
  await page.getByRole('heading', { name: 'Stav plánu' }).waitFor();
  await page.getByRole('link', { name: 'Upravit plán' }).click();
  await page.getByRole('heading', { level: 1, name: 'Úprava komunitního plánu' }).waitFor();
  const territory = page.getByLabel(/^Území/);
  await territory.locator(`option[value="${krumlov.territory_id}"]`).waitFor({ state: 'attached' });
  assert.equal(await territory.inputValue(), krumlov.territory_id);
  assert.deepEqual(await optionsOf(territory), ['vyberte území', 'Jihočeský kraj', 'Jihočeský kraj › ORP Český Krumlov']);
  const summary = `${krumlov.summary} Upraveno krajským koordinátorem (e2e).`;
  await page.getByLabel(/^Shrnutí/).fill(summary);
  await screenshot(page, 'plan-form-region');
  await checkA11y(page, 'plan-form-region');
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByRole('heading', { level: 1, name: krumlov.title }).waitFor();
  await page.getByText('Upraveno krajským koordinátorem (e2e).').waitFor();
  assert.equal((await admin.must('GET', `/plans/${krumlov.id}`)).summary, summary);
  await page.getByRole('button', { name: 'Odhlásit se' }).click();
  await page.getByRole('link', { name: 'Přihlásit se' }).waitFor();

  // (b) The Český Krumlov coordinator on Ostrava's plan: no edit, goal or lifecycle controls (which
  // Ostrava's own coordinator has), the edit page refuses, and so does the API.
  await signInUi(page, server.baseUrl, 'koordinatorka.ostrava@example.cz', DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/plans/${ostrava.id}`);
  await page.getByRole('heading', { name: 'Stav plánu' }).waitFor();
  await page.getByRole('button', { name: 'Odhlásit se' }).click();
  await page.getByRole('link', { name: 'Přihlásit se' }).waitFor();
  await signInUi(page, server.baseUrl, 'koordinatorka.krumlov@example.cz', DEMO_PASSWORD);
  await page.goto(`${server.baseUrl}/plans/${ostrava.id}`);
  await page.getByRole('heading', { level: 1, name: ostrava.title }).waitFor();
  await page.getByRole('heading', { name: 'Cíle a opatření' }).waitFor();
  for (const name of ['Upravit plán', 'Přidat cíl']) assert.equal(await page.getByRole('link', { name }).count(), 0, name);
  assert.equal(await page.getByRole('heading', { name: 'Stav plánu' }).count(), 0);
  await screenshot(page, 'plan-other-territory');
  await checkA11y(page, 'plan-other-territory');
  // Nor an Ostrava group's controls; her own territory's group keeps them.
  const groups = (await admin.must('GET', '/working-groups?limit=200')).items;
  const ovGroup = groups.find((g) => g.name === 'Ostrava – PS Senioři');
  await page.goto(`${server.baseUrl}/working-groups/${ovGroup.id}`);
  await page.getByRole('heading', { level: 1, name: ovGroup.name }).waitFor();
  await page.getByRole('heading', { name: 'Členové' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Upravit skupinu' }).count(), 0);
  const ckGroup = groups.find((g) => g.name === 'PS 1 Senioři a osoby se zdravotním postižením');
  await page.goto(`${server.baseUrl}/working-groups/${ckGroup.id}`);
  await page.getByRole('link', { name: 'Upravit skupinu' }).waitFor();
  // A new group can only be placed in her territory.
  await page.goto(`${server.baseUrl}/working-groups/new`);
  await page.getByRole('heading', { level: 1, name: 'Nová pracovní skupina' }).waitFor();
  await page.getByLabel(/^Území/).locator(`option[value="${krumlov.territory_id}"]`).waitFor({ state: 'attached' });
  assert.deepEqual(await optionsOf(page.getByLabel(/^Území/)), ['vyberte území', 'Jihočeský kraj › ORP Český Krumlov']);
  await checkA11y(page, 'group-form-territory');
  await page.goto(`${server.baseUrl}/plans/${ostrava.id}/edit`);
  await page.getByText('K této akci nemáte oprávnění.').waitFor();
  const lucie = await login(server.baseUrl, 'koordinatorka.krumlov@example.cz', DEMO_PASSWORD);
  const refused = await lucie.call('PATCH', `/plans/${ostrava.id}`, { summary: 'Přepsáno z Krumlova' }, { 'if-match': `"${ostrava.version}"` });
  assert.equal(refused.status, 403, JSON.stringify(refused.data));
  assert.equal((await admin.must('GET', `/plans/${ostrava.id}`)).summary, ostrava.summary);
  // The other way round, on a plan open for edits (so no lifecycle rule answers first).
  const simona = await login(server.baseUrl, 'koordinatorka.ostrava@example.cz', DEMO_PASSWORD);
  const current = await admin.must('GET', `/plans/${krumlov.id}`);
  const alsoRefused = await simona.call('PATCH', `/plans/${krumlov.id}`, { summary: 'Přepsáno z Ostravy' }, { 'if-match': `"${current.version}"` });
  assert.equal(alsoRefused.status, 403, JSON.stringify(alsoRefused.data));
  assert.equal((await admin.must('GET', `/plans/${krumlov.id}`)).summary, summary);
  await page.close();
});

test('the home page filters plans by territory, including those below it, and keeps the choice in the address', async () => {
  const plans = (await admin.must('GET', '/plans?limit=200')).items;
  const krumlov = plans.find((p) => p.title.startsWith('Plán rozvoje sociálních a souvisejících služeb ORP Český Krumlov'));
  const ostrava = plans.find((p) => /ve městě Ostrava/.test(p.title));
  const regions = (await admin.must('GET', '/territories?kind=region&limit=200')).items;
  const msk = regions.find((t) => t.name === 'Moravskoslezský kraj');
  const page = await newPage(browser);
  await page.goto(server.baseUrl + '/');
  await page.getByRole('link', { name: ostrava.title }).first().waitFor();
  const filter = page.getByRole('combobox', { name: 'Území' });
  const shown = (plan) => page.locator('.card-list').getByRole('link', { name: plan.title }).count();

  // A region shows the plans of the places below it (Ostrava is a city in it), nothing else.
  await filter.selectOption({ label: 'Moravskoslezský kraj' });
  await page.waitForURL((url) => url.searchParams.get('territory_id') === msk.id);
  // The unfiltered list stays on screen until the filtered one arrives: wait for it to go.
  await page.locator('.card-list').getByRole('link', { name: krumlov.title }).waitFor({ state: 'detached' });
  await page.locator('.card-list').getByRole('link', { name: ostrava.title }).waitFor();
  assert.equal(await shown(krumlov), 0);
  await screenshot(page, 'home-territory');
  await checkA11y(page, 'home-territory');
  await checkA11y(page, 'home-territory-320', { width: 320 });

  await filter.selectOption({ label: 'Jihočeský kraj › ORP Český Krumlov' });
  await page.waitForURL((url) => url.searchParams.get('territory_id') === krumlov.territory_id);
  await page.locator('.card-list').getByRole('link', { name: ostrava.title }).waitFor({ state: 'detached' });
  await page.locator('.card-list').getByRole('link', { name: krumlov.title }).waitFor();
  assert.equal(await shown(ostrava), 0);
  // The address keeps it: a reload (or a shared link) shows the same choice and list.
  await page.reload();
  await page.locator('.card-list').getByRole('link', { name: krumlov.title }).waitFor();
  await filter.locator(`option[value="${krumlov.territory_id}"]`).waitFor({ state: 'attached' });
  assert.equal(await filter.inputValue(), krumlov.territory_id);
  assert.equal(await shown(ostrava), 0);
  // The status chips count within the territory and keep it.
  await page.getByRole('navigation', { name: 'Filtrovat podle stavu' }).getByRole('link', { name: /^připomínkové řízení/ }).click();
  await page.waitForURL((url) => url.searchParams.get('status') === 'consultation' && url.searchParams.get('territory_id') === krumlov.territory_id);

  await filter.selectOption({ label: 'všechna území' });
  await page.waitForURL((url) => !url.searchParams.has('territory_id'));
  await page.locator('.card-list').getByRole('link', { name: ostrava.title }).waitFor();
  await page.locator('.card-list').getByRole('link', { name: krumlov.title }).waitFor();
  await page.close();
});

test('a coordinator edits a measure during the consultation, approves, and reads what changed', async () => {
  const { plan, measure } = await seedPlan('Plán se změnami po připomínkách (e2e)');
  await admin.must('PATCH', `/measures/${measure.id}`, {
    description: 'Služba pomáhá pečujícím rodinám v pracovní dny, kdy potřebují čas na odpočinek nebo vyřízení vlastních záležitostí.',
  });
  await admin.must('POST', `/plans/${plan.id}/status`, {
    status: 'consultation', consultation_closes_at: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  });
  const page = await newPage(browser);
  await signInUi(page, server.baseUrl, ADMIN.email, ADMIN.password);
  await page.goto(`${server.baseUrl}/measures/${measure.id}/edit`);
  await page.getByLabel(/^Název opatření/).fill('Odlehčovací služba i o víkendech');
  await page.getByLabel(/^Popis/).fill(
    'Služba pomáhá všem pečujícím rodinám v pracovní dny, kdy potřebují čas na odpočinek nebo vyřízení vlastních záležitostí.',
  );
  await page.getByRole('button', { name: 'Uložit' }).click();
  await page.getByRole('heading', { level: 1, name: /Odlehčovací služba i o víkendech/ }).waitFor();

  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  await page.getByRole('button', { name: 'Zaznamenat schválení' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Usnesení o schválení/).fill('usnesení ZM č. 7/2026');
  await dialog.getByLabel(/Datum schválení/).fill(new Date().toISOString().slice(0, 10));
  await dialog.getByRole('button', { name: 'Ano, plán je schválen' }).click();
  await page.locator('.meta .tag', { hasText: 'schválený' }).first().waitFor();

  // The plan page lists both versions, oldest first, each with its status.
  const versions = page.getByRole('region', { name: 'Verze plánu' });
  const items = versions.getByRole('listitem');
  await items.nth(1).waitFor();
  assert.equal(await items.count(), 2);
  assert.match(await items.nth(0).textContent(), /připomínkové řízení/);
  assert.match(await items.nth(1).textContent(), /schválený/);
  await screenshot(page, 'plan-versions');
  await checkA11y(page, 'plan-versions');

  // Keyboard only: the prominent link compares the consultation's version with the approved one.
  await versions.getByRole('link', { name: 'Co se změnilo po připomínkovém řízení' }).focus();
  await page.keyboard.press('Enter');
  // Named for what it compares.
  await page.getByRole('heading', { level: 1, name: `Co se změnilo po připomínkovém řízení: ${plan.title}` }).waitFor();
  const url = new URL(page.url());
  assert.equal(url.pathname, `/plans/${plan.id}/changes`);
  const changed = page.getByRole('region', { name: '1.1 Odlehčovací služba i o víkendech' });
  // A short value reads before → after; a long text word by word, saying what was added.
  const title = changed.locator('.diff-fields > div', { hasText: 'Název opatření' });
  assert.equal((await title.locator('.diff-before').textContent()).trim(), 'před: Odlehčovací služba');
  assert.equal((await title.locator('.diff-after').textContent()).trim(), 'po: Odlehčovací služba i o víkendech');
  const description = changed.locator('.diff-fields > div', { hasText: 'Popis' });
  assert.equal((await description.locator('ins').textContent()).trim(), '[přidáno: všem]');
  assert.equal(await description.locator('del').count(), 0);
  assert.equal(await page.getByRole('region', { name: 'Cíle' }).count(), 0);
  await screenshot(page, 'plan-changes');
  await checkA11y(page, 'plan-changes');
  await checkA11y(page, 'plan-changes-320', { width: 320 });

  // Nothing changed since the approval: the page says so.
  await page.goto(`${server.baseUrl}/plans/${plan.id}`);
  await items.nth(1).getByRole('link', { name: /^Porovnat s aktuálním plánem/ }).click();
  await page.getByText('Mezi porovnávanými verzemi nejsou žádné změny.').waitFor();
  await checkA11y(page, 'plan-changes-empty');
  // In English too; then back, as the browser keeps the choice for the other flows.
  await page.locator('.header-tools button[lang="en"]').click();
  await page.getByRole('heading', { level: 1, name: `Changes to the plan ${plan.title}` }).waitFor();
  await page.getByText('There are no changes between the compared versions.').waitFor();
  await page.getByText(/^Comparing: the “approved” version of .+ → the current plan \(last changed .+\)$/).waitFor();
  await page.locator('.header-tools button[lang="cs"]').click();
  await page.getByRole('heading', { level: 1, name: `Změny plánu ${plan.title}` }).waitFor();
  await page.close();
});
