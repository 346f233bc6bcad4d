// The LMS page in the browser, hydrated and with JavaScript off, at 390 px:
// an admin finds Sinergi's addresses to copy into the LMS, registers a
// platform by hand (a wrong issuer is refused beside the form, nothing is
// stored), sees it listed, and makes a one-time registration link.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { bothModes, closeBrowser, login, open, BASE } from './support.mjs';

after(closeBrowser);

async function submit(page, js, button, settled) {
  if (js) {
    await button.click();
  } else {
    await Promise.all([page.waitForEvent('load'), button.click()]);
  }
  await settled();
}

bothModes('an admin registers an LMS and makes a registration link', async ({ page, js, suffix }) => {
  await login(page, js, 'admin@sinergi.test');
  await open(page, js, '/');
  await page.getByRole('link', { name: 'LMS (LTI 1.3)' }).click();
  await page.getByRole('heading', { level: 1, name: 'LMS (LTI 1.3)' }).waitFor();
  if (js) await page.waitForSelector('body[data-hydrated="1"]');
  const tool = page.locator('#lti-tool');
  for (const path of ['/lti/login', '/lti/launch', '/lti/jwks']) {
    assert.ok((await tool.textContent()).includes(BASE + path), path);
  }

  const form = page.locator('#lti-manual-section form');
  const name = `Moodle ${suffix}`;
  await form.getByLabel('Nama').fill(name);
  // A browser's own URL check would stop the post before the server sees it.
  await page.locator('#lti-issuer').evaluate((el) => { el.type = 'text'; });
  await form.getByLabel('Issuer (ID platform)').fill('lms-tanpa-skema');
  await form.getByLabel('Client ID').fill(`client-${suffix}`);
  await form.getByLabel('URL otorisasi (OIDC auth)').fill('https://lms.babelprov.go.id/mod/lti/auth.php');
  await form.getByLabel('URL token akses').fill('https://lms.babelprov.go.id/mod/lti/token.php');
  await form.getByLabel('URL JWKS platform').fill('https://lms.babelprov.go.id/mod/lti/certs.php');
  await form.getByLabel('ID deployment (satu per baris)').fill('1');
  const register = form.getByRole('button', { name: 'Daftarkan' });
  const slot = page.locator('#lti-manual');
  await submit(page, js, register, () => slot.filter({ hasText: 'Issuer (ID platform): isi dengan alamat' }).waitFor());
  assert.equal(await page.locator('#lti-platforms').getByText(name).count(), 0, 'nothing stored');

  await page.locator('#lti-issuer').fill(`https://lms-${suffix}.babelprov.go.id`);
  if (!js) {
    // After a plain post the page is fresh: the other fields are empty again.
    await form.getByLabel('Nama').fill(name);
    await form.getByLabel('Client ID').fill(`client-${suffix}`);
    await form.getByLabel('URL otorisasi (OIDC auth)').fill('https://lms.babelprov.go.id/mod/lti/auth.php');
    await form.getByLabel('URL token akses').fill('https://lms.babelprov.go.id/mod/lti/token.php');
    await form.getByLabel('URL JWKS platform').fill('https://lms.babelprov.go.id/mod/lti/certs.php');
  }
  await submit(page, js, form.getByRole('button', { name: 'Daftarkan' }), () =>
    page.locator('#lti-platforms').getByText(name).waitFor());

  // Trusting the LMS's NIPs is the admin's explicit act, shown on the platform.
  const platform = page.locator('#lti-platforms li').filter({ hasText: name });
  await platform.getByText('Tidak dipercaya').waitFor();
  await submit(page, js, platform.getByRole('button', { name: 'Percayai' }), () =>
    page.locator('#lti-platforms li').filter({ hasText: name }).getByText('Dipercaya', { exact: true }).waitFor());

  const make = page.getByRole('button', { name: 'Buat tautan pendaftaran' });
  await submit(page, js, make, () => page.locator('#lti-invite').waitFor());
  const link = await page.locator('#lti-invite').textContent();
  assert.match(link, new RegExp(`^${BASE}/lti/register\\?invite=[0-9a-f]{64}$`));
});
