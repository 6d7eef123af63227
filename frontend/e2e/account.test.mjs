// The e-mailed account links: a forgotten password reset through the link in the .eml the server
// writes, and a new e-mail address confirmed through its link; axe and screenshots on each page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient, checkA11y, login, newPage, screenshot, signInUi, startBrowser, startServer, waitForMail } from './harness.mjs';

const DEMO_PASSWORD = 'spoluplan-demo';
// A demo member no other flow signs in as, since this one changes the password.
const MEMBER = 'senior@example.cz';
const SENT = 'Pokud k adrese existuje účet, poslali jsme na ni odkaz';

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

/** The link in an e-mail's decoded text, opened on the test server (its path and fragment). */
function linkIn(mail, path) {
  const text = mail.texts.join('\n');
  const match = new RegExp(`https?://[^\\s"<>]+/${path}#token=[A-Za-z0-9_-]+`).exec(text);
  assert.ok(match, `no ${path} link in:\n${text}`);
  const url = new URL(match[0]);
  return `${server.baseUrl}${url.pathname}${url.hash}`;
}

test('a member who forgot the password resets it through the e-mailed link and signs in with the new one', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByRole('link', { name: 'Zapomenuté heslo?' }).click();
  await page.getByRole('heading', { name: 'Zapomenuté heslo' }).waitFor();
  await checkA11y(page, 'forgot password');
  await checkA11y(page, 'forgot password 320', { width: 320 });

  // Our own words at the field (the form is noValidate), then the same answer for any address.
  await page.getByRole('button', { name: 'Poslat odkaz' }).click();
  const email = page.getByLabel('E-mail');
  await page.getByText('Toto pole je povinné.').waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  await email.fill('nikdo@example.cz');
  await page.getByRole('button', { name: 'Poslat odkaz' }).click();
  await page.getByText(SENT).waitFor();
  const unknownAnswer = await page.getByRole('status').innerText();

  await page.goto(`${server.baseUrl}/forgot-password`);
  await page.getByLabel('E-mail').fill(MEMBER);
  await page.getByLabel('E-mail').press('Enter');
  await page.getByText(SENT).waitFor();
  assert.equal(await page.getByRole('status').innerText(), unknownAnswer, 'the answer must not tell which addresses have accounts');
  await screenshot(page, 'forgot-password-sent');

  const mail = await waitForMail(server.outboxDir, MEMBER, 'reset-password#token=');
  const link = linkIn(mail, 'reset-password');
  await page.goto(link);
  await page.getByRole('heading', { name: 'Nové heslo' }).waitFor();
  // The token leaves the address bar (history, bookmarks, a shared screen) once read.
  await page.waitForFunction(() => !window.location.hash);
  assert.equal(new URL(page.url()).pathname, '/reset-password');
  await checkA11y(page, 'reset password');
  await checkA11y(page, 'reset password 320', { width: 320 });

  const password = page.getByLabel('Nové heslo', { exact: false }).first();
  const again = page.getByLabel('Nové heslo znovu');
  await password.fill('tři-modré-žirafy-tančí-v-dešti');
  await again.fill('tři-modré-žirafy-tančí-v-mlze');
  await page.getByRole('button', { name: 'Nastavit heslo' }).click();
  await page.getByText('Hesla se neshodují.').waitFor();
  assert.equal(await again.getAttribute('aria-invalid'), 'true');

  // The server judges strength: its weak_password error is shown at the field, in Czech.
  await password.fill('aaaaaaaaaaaaaa');
  await again.fill('aaaaaaaaaaaaaa');
  await page.getByRole('button', { name: 'Nastavit heslo' }).click();
  await page.getByText('Heslo je příliš snadné uhodnout.', { exact: false }).waitFor();
  assert.equal(await password.getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'reset-password-weak');
  await checkA11y(page, 'reset password with errors');

  const fresh = 'tři-modré-žirafy-tančí-v-dešti';
  await password.fill(fresh);
  await again.fill(fresh);
  await page.getByRole('button', { name: 'Nastavit heslo' }).click();
  await page.getByText('Nové heslo je nastavené.', { exact: false }).waitFor();
  await screenshot(page, 'reset-password-done');
  await checkA11y(page, 'reset password done');

  // The old password no longer works; the new one does, through the page the success links to.
  const { call } = apiClient(server.baseUrl);
  assert.equal((await call('POST', '/auth/login', { email: MEMBER, password: DEMO_PASSWORD })).status, 401);
  await page.getByRole('link', { name: 'Přihlásit se' }).last().click();
  await page.getByRole('heading', { name: 'Přihlášení' }).waitFor();
  await signInUi(page, server.baseUrl, MEMBER, fresh);

  // A link works once: the page learns it is spent when it sends it.
  await page.goto(link);
  await page.getByLabel('Nové heslo', { exact: false }).first().fill('jiné-dlouhé-heslo-z-mnoha-slov');
  await page.getByLabel('Nové heslo znovu').fill('jiné-dlouhé-heslo-z-mnoha-slov');
  await page.getByRole('button', { name: 'Nastavit heslo' }).click();
  await page.getByText('Odkaz je neplatný, už byl použit nebo vypršel.').waitFor();
  await page.getByRole('link', { name: 'Požádat o nový odkaz' }).waitFor();
  await page.close();
});

test('a new e-mail address is taken once its link is followed; a bad link and a taken address say so', async () => {
  const member = await login(server.baseUrl, 'charita@example.cz', DEMO_PASSWORD);
  const me = await member.must('GET', '/me');
  assert.equal((await member.call('PATCH', '/me', { email: 'nova.adresa@example.cz' })).status, 200);
  assert.equal((await member.must('GET', '/me')).email, me.email, 'the address must not change before it is confirmed');
  const mail = await waitForMail(server.outboxDir, 'nova.adresa@example.cz', 'confirm-email#token=');

  const page = await newPage(browser);
  await page.goto(linkIn(mail, 'confirm-email'));
  await page.getByText('Hotovo: nová e-mailová adresa je potvrzená.', { exact: false }).waitFor();
  assert.equal(new URL(page.url()).hash, '');
  await screenshot(page, 'confirm-email-done');
  await checkA11y(page, 'confirm email');
  await checkA11y(page, 'confirm email 320', { width: 320 });
  assert.equal((await member.must('GET', '/me')).email, 'nova.adresa@example.cz');

  // A new document, as a link from a mail program opens (a fragment change alone would not load the page).
  await page.goto('about:blank');
  await page.goto(`${server.baseUrl}/confirm-email#token=not-a-real-token`);
  await page.getByText('Odkaz je neplatný, už byl použit nebo vypršel.').waitFor();
  await checkA11y(page, 'confirm email, bad link');

  // Two accounts ask for an address nobody has; the first confirms, so the second's link finds it taken.
  const first = await login(server.baseUrl, 'mistostarosta@example.cz', DEMO_PASSWORD);
  const second = await login(server.baseUrl, 'verejnost@example.cz', DEMO_PASSWORD);
  await first.must('PATCH', '/me', { email: 'sporna@example.cz' });
  const firstLink = linkIn(await waitForMail(server.outboxDir, 'sporna@example.cz', 'confirm-email#token='), 'confirm-email');
  const firstToken = new URL(firstLink).hash.slice('#token='.length);
  await second.must('PATCH', '/me', { email: 'sporna@example.cz' });
  const secondMail = await waitForMail(server.outboxDir, 'sporna@example.cz', 'confirm-email#token=', { except: [firstToken] });
  await apiClient(server.baseUrl).must('POST', '/auth/email-change/confirm', { token: firstToken }, 204);
  await page.goto('about:blank');
  await page.goto(linkIn(secondMail, 'confirm-email'));
  await page.getByText('Adresu mezitím začal používat jiný účet', { exact: false }).waitFor();
  await screenshot(page, 'confirm-email-taken');
  await checkA11y(page, 'confirm email, address taken');
  await page.close();
});
