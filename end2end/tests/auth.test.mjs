import { after } from 'node:test';
import assert from 'node:assert/strict';
import { bothModes, closeBrowser, login, logout, open, DEMO } from './support.mjs';

after(closeBrowser);

const PARTICIPANT_NIP = '196208141985031001';

for (const [role, id, roleText] of [
  ['admin', DEMO.admin, 'Admin'],
  ['facilitator', DEMO.facilitator, 'Widyaiswara'],
  ['evaluator', DEMO.evaluator, 'Penilai'],
  ['participant', PARTICIPANT_NIP, 'Peserta'],
]) {
  bothModes(`${role} logs in and out`, async ({ page, js }) => {
    await login(page, js, id);
    assert.match(await page.locator('main').innerText(), new RegExp(`Peran Anda: .*${roleText}`));
    await logout(page);
    const res = await open(page, js, '/classes');
    assert.equal(res.status(), 401, 'after logout the class list needs a login');
  });
}

bothModes('wrong password shows a translated error beside the form', async ({ page, js }) => {
  await open(page, js, '/login');
  await page.getByLabel('Email atau NIP').fill(DEMO.facilitator);
  await page.getByLabel('Kata sandi').fill('bukan-kata-sandinya');
  if (js) await page.evaluate(() => { window.stillThisPage = true; });
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('alert').filter({ hasText: 'Email/NIP atau kata sandi salah.' }).waitFor();
  // Once hydrated, the form is sent by fetch: the page is not reloaded.
  if (js) assert.equal(await page.evaluate(() => window.stillThisPage), true);
  // Either way what was typed is still there (never the password), and the
  // address bar shows the login page's own address, no encoded error.
  assert.equal(await page.getByLabel('Email atau NIP').inputValue(), DEMO.facilitator);
  assert.equal(await page.getByLabel('Kata sandi').inputValue(), js ? 'bukan-kata-sandinya' : '');
  assert.equal(new URL(page.url()).search, '', page.url());
  if (!js) {
    // A reload tells the error no more.
    await page.reload();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'kata sandi salah' }).count(), 0);
  }
});

bothModes('a participant cannot open facilitator or admin pages', async ({ page, js }) => {
  await login(page, js, PARTICIPANT_NIP);
  for (const path of ['/admin/users', '/admin/programmes', '/classes/1/import']) {
    const res = await open(page, js, path);
    assert.equal(res.status(), 403, `${path} must be refused by the server`);
    await page.getByRole('heading', { name: 'Tidak boleh diakses' }).waitFor();
    assert.equal(await page.getByRole('table').count(), 0, 'no data leaks into the page');
  }
});

bothModes('language switch is remembered', async ({ page, js }) => {
  await open(page, js, '/login');
  // The button's name starts with what it shows (WCAG 2.5.3, label in name).
  const toEnglish = page.getByRole('button', { name: 'English (ganti bahasa)' });
  assert.equal((await toEnglish.innerText()).trim(), 'English');
  await toEnglish.click();
  await page.getByRole('heading', { name: 'Log in to Sinergi' }).waitFor();
  await open(page, js, '/login');
  await page.getByRole('heading', { name: 'Log in to Sinergi' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('button', { name: 'Bahasa Indonesia (change language)' }).click();
  await page.getByRole('heading', { name: 'Masuk ke Sinergi' }).waitFor();
});
