// Stored text that tries to close its element stays text, before and after
// hydration: a facilitator saves a class description and a lesson text that
// close the <textarea> and open a form, a meta refresh and a base; the page
// that shows them again must hold none of those elements, and the fields must
// hold exactly what was typed.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { bothModes, closeBrowser, login, open } from './support.mjs';

after(closeBrowser);

const payload = (suffix) =>
  `Catatan ${suffix}</textarea></title><x-pwn id="pwn-x"></x-pwn><form id="pwn-form" action="//evil.example">` +
  `<button id="pwn-button">ok</button></form><meta http-equiv="refresh" content="0;url=//evil.example">` +
  `<base href="//evil.example/"><img id="pwn-img" src="x" onerror="window.pwned=1"><!--`;

async function nothingEscaped(page) {
  const escaped = await page.locator('x-pwn, [id^=pwn], meta[http-equiv], base, form[action*="evil"]').count();
  assert.equal(escaped, 0, 'an element of the stored text became markup');
  assert.equal(await page.evaluate(() => window.pwned ?? 0), 0);
}

bothModes('stored text never escapes its textarea', async ({ page, js, suffix }) => {
  await login(page, js, 'widyaiswara@sinergi.test');
  const text = payload(suffix);

  await open(page, js, '/classes/1');
  const description = page.locator('#class-desc');
  await description.fill(text);
  await page.locator('form').filter({ has: description }).getByRole('button', { name: 'Simpan' }).click();
  if (js) await page.getByRole('status').filter({ hasText: /Tersimpan|Kelas disimpan|disimpan/ }).first().waitFor().catch(() => {});
  await open(page, js, '/classes/1');
  await nothingEscaped(page);
  assert.equal(await page.locator('#class-desc').inputValue(), text);

  const lesson = '/curriculum/lessons/transfer-mentoring-terbalik';
  await open(page, js, lesson);
  const area = page.locator('#block-transfer-mentoring-terbalik-teks-id');
  const before = await area.inputValue();
  await area.fill(text);
  await page.locator('form').filter({ has: area }).getByRole('button', { name: 'Simpan' }).click();
  if (js) await page.getByRole('status').filter({ hasText: 'Tersimpan' }).waitFor();
  await open(page, js, lesson);
  await nothingEscaped(page);
  assert.equal(await page.locator('#block-transfer-mentoring-terbalik-teks-id').inputValue(), text);
  // Put the lesson back for the other tests.
  await page.locator('#block-transfer-mentoring-terbalik-teks-id').fill(before);
  await page.locator('form').filter({ has: page.locator('#block-transfer-mentoring-terbalik-teks-id') })
    .getByRole('button', { name: 'Simpan' }).click();
  if (js) await page.getByRole('status').filter({ hasText: 'Tersimpan' }).waitFor();
});
