// A facilitator edits a lesson in the browser: Markdown with a live preview
// (hydrated), saving with or without JavaScript, and the participant-facing
// page shows the sanitised result.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { bothModes, closeBrowser, expectOutcomeAt, login, open } from './support.mjs';

after(closeBrowser);

const LESSON = 'transfer-mentoring-terbalik';
const BLOCK = 'transfer-mentoring-terbalik-teks';

bothModes('a facilitator edits a lesson', async ({ page, js, suffix }) => {
  await login(page, js, 'widyaiswara@sinergi.test');
  await open(page, js, '/curriculum');
  await page.getByRole('heading', { name: 'Menyusun kurikulum' }).waitFor();
  await page.getByRole('link', { name: 'Mentoring terbalik' }).click();
  await page.getByRole('heading', { name: /Sunting pelajaran: Mentoring terbalik/ }).waitFor();
  if (js) await page.waitForSelector('body[data-hydrated="1"]');

  const word = `kunci-${suffix}`;
  const text = `Mentor muda membantu **${word}** <script>window.pwned=1</script> <img src=x onerror="window.pwned=1">`;
  const area = page.locator(`#block-${BLOCK}-id`);
  await area.fill(text);
  if (js) {
    // The preview follows the typing, rendered and sanitised by the server.
    await page.locator(`#block-${BLOCK}-id-preview strong`, { hasText: word }).waitFor();
    assert.equal(await page.locator(`#block-${BLOCK}-id-preview script, #block-${BLOCK}-id-preview [onerror]`).count(), 0);
  }
  const form = page.locator('form').filter({ has: area });
  await form.getByRole('button', { name: 'Simpan' }).click();
  // Saved: announced in place once hydrated; without JS the page comes back
  // showing the saved text's preview.
  if (js) await page.getByRole('status').filter({ hasText: 'Tersimpan' }).waitFor();
  await page.locator(`#block-${BLOCK}-id-preview strong`, { hasText: word }).waitFor();

  // A title missing its English text is refused beside its form, and nothing
  // changes. (The browser itself already refuses an empty field or 30 minutes.)
  await page.getByLabel('Judul (Inggris)').fill(' ');
  await page.locator('form').filter({ has: page.getByLabel('Judul (Inggris)') }).getByRole('button', { name: 'Simpan' }).click();
  await page.locator('#lesson-error', { hasText: 'Isi teks dalam bahasa Indonesia dan bahasa Inggris.' }).waitFor();

  // A quick check is edited as its file-format source; a mistake is named with its line.
  const source = page.locator('#block-transfer-mentoring-terbalik-cek-source');
  await source.fill((await source.inputValue()).replace('mode = "single"', 'mode = "banyak"'));
  await page.locator('form').filter({ has: source }).getByRole('button', { name: 'Simpan' }).click();
  await page.locator('#block-transfer-mentoring-terbalik-cek-source-error', { hasText: /Baris \d+: Mode kuis harus tunggal atau ganda\. \(banyak\)/ }).waitFor();

  // What participants (and the facilitator's preview of the class) read.
  await open(page, js, `/classes/1/learn/${LESSON}`);
  await page.locator('.prose strong', { hasText: word }).waitFor();
  assert.equal(await page.locator('.prose script, .prose [onerror]').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned ?? 0), 0);
});

bothModes('a facilitator imports a curriculum file with a mistake', async ({ page, js }) => {
  await login(page, js, 'widyaiswara@sinergi.test');
  await open(page, js, '/curriculum');
  await page.getByRole('link', { name: 'Unduh kurikulum (.zip)' }).waitFor();
  const unit = [
    'key = "unit-uji"', 'minutes = 10', 'title.id = "Unit uji"', 'title.en = "Test unit"',
    'objective.id = "Tujuan"', 'objective.en = "Objective"', '', '[[lesson]]', 'key = "pelajaran-uji"',
    'minutes = 5', 'title.id = "Pelajaran uji"', 'title.en = "Test lesson"', '', '[[lesson.block]]',
    'type = "gambar-bergerak"', 'key = "blok-uji"', '',
  ].join('\n');
  await page.getByLabel('Berkas kurikulum (.zip atau .toml)').setInputFiles({
    name: '07-uji.toml', mimeType: 'application/toml', buffer: Buffer.from(unit),
  });
  await page.getByRole('button', { name: 'Periksa dan impor' }).click();
  await page.getByText('Tidak ada yang diimpor.', { exact: false }).waitFor();
  const row = page.locator('table.issues tr.issue-row').filter({ hasText: 'Jenis blok tidak dikenal.' });
  await row.waitFor();
  assert.match(await row.innerText(), /07-uji\.toml\s+14\s/);
  // Nothing was imported: the outline still has its six units.
  assert.equal(await page.locator('ol.units > li.unit').count(), 6);
});

bothModes('retiring a lesson asks first and can be undone', async ({ page, js }) => {
  await login(page, js, 'widyaiswara@sinergi.test');
  await open(page, js, '/curriculum');
  // The last lesson of the last unit: no other test reads it.
  const row = page.locator('li.unit').last().locator('.lessons > li').last();
  const title = (await row.locator('a').first().innerText()).trim();
  await row.locator('summary', { hasText: 'Pensiunkan…' }).click();
  // The confirmation says what changes, for how many classes, and that it can be undone.
  assert.match(await row.locator('.confirm-body').innerText(), /hilang dari materi \d+ kelas.*memulihkannya/s);
  const confirm = row.getByRole('button', { name: 'Ya, pensiunkan' });
  if (js) await confirm.click();
  else await Promise.all([page.waitForEvent('load'), confirm.click()]);
  await expectOutcomeAt(page, 'retired-outcome', 'Daftar Dipensiunkan di bawah sudah diperbarui');
  const outline = page.locator('ol.units');
  await page.waitForFunction((t) => !document.querySelector('ol.units').innerText.includes(t), title);
  const retired = page.locator('.retired-list li', { hasText: title });
  const restore = retired.getByRole('button', { name: 'Pulihkan' });
  if (js) await restore.click();
  else await Promise.all([page.waitForEvent('load'), restore.click()]);
  await outline.getByRole('link', { name: title }).waitFor();
  await expectOutcomeAt(page, 'retired-outcome', 'Daftar Dipensiunkan di bawah sudah diperbarui');
  assert.equal(await page.locator('.retired-list li', { hasText: title }).count(), 0, 'no longer listed as retired');
});
