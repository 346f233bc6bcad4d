import { after } from 'node:test';
import assert from 'node:assert/strict';
import { bothModes, closeBrowser, login, logout, open, DEMO } from './support.mjs';

after(closeBrowser);

/** A PNS NIP: birth date, appointment month at 23, sex digit, serial. */
function nip(birth, sex, serial) {
  const appointed = Math.min(Number(birth.slice(0, 4)) + 23, 2025);
  return `${birth}${appointed}03${sex}${String(serial).padStart(3, '0')}`;
}

/** 30 people: 3 Baby Boomers, 8 Gen X, 12 Gen Y, 7 Gen Z. */
function rosterCsv() {
  const years = [1960, 1962, 1964, 1966, 1968, 1970, 1972, 1974, 1976, 1978, 1979, 1980, 1982, 1984, 1985, 1986,
    1987, 1988, 1989, 1990, 1991, 1993, 1994, 1995, 1996, 1997, 1998, 1999, 2000, 2001];
  const lines = ['NIP;Nama;Jenis Kelamin;Unit Kerja;Jabatan'];
  years.forEach((y, i) => {
    const sex = i % 2 === 0 ? 1 : 2;
    const unit = ['Bappeda', 'Dinas Kominfo', 'BKPSDMD'][i % 3];
    lines.push(`${nip(`${y}0${1 + (i % 9)}15`, sex, i + 1)};Peserta Uji ${i + 1};${sex === 1 ? 'L' : 'P'};${unit};Analis`);
  });
  return lines;
}

async function createClass(page, js, name) {
  await login(page, js, DEMO.admin);
  await open(page, js, '/admin/programmes');
  await page.getByLabel('Nama program').fill(`Program ${name}`);
  await page.getByRole('button', { name: 'Buat program' }).click();
  await page.getByRole('heading', { level: 2, name: `Program ${name}` }).waitFor();
  await page.getByLabel('Program', { exact: true }).selectOption({ label: `Program ${name}` });
  await page.getByLabel('Nama angkatan').fill(name);
  await page.getByLabel('Mulai').fill('2026-11-02');
  await page.getByLabel('Selesai').fill('2026-12-18');
  await page.getByLabel('Widyaiswara').selectOption({ label: 'Dra. Marlina Kusuma, M.Si.' });
  await page.getByRole('button', { name: 'Buat angkatan' }).click();
  await page.getByRole('link', { name }).waitFor();
  await logout(page);
}

async function upload(page, lines) {
  await page.getByLabel('Berkas CSV').setInputFiles({ name: 'peserta.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await page.getByRole('heading', { name: /Pratinjau: 30 baris/ }).waitFor();
}

bothModes('facilitator imports a roster: bad rows first, then 30 people', async ({ page, js, suffix }) => {
  const name = `Kelas Uji ${suffix}`;
  await createClass(page, js, name);
  await login(page, js, DEMO.facilitator);
  await open(page, js, '/classes');
  await page.getByRole('link', { name }).click();
  await page.getByRole('link', { name: 'Impor peserta (CSV)' }).click();
  await page.getByRole('heading', { name: 'Impor peserta' }).waitFor();
  if (js) await page.waitForSelector('body[data-hydrated="1"]');
  const classUrl = page.url().replace(/\/import.*$/, '');

  const good = rosterCsv();
  const bad = [...good];
  bad[3] = bad[3].replace(/^\d{8}/, '19651340');          // row 4: impossible birth date
  bad[9] = bad[1].split(';')[0] + bad[9].slice(18);        // row 10: duplicate of row 2
  await upload(page, bad);
  await page.getByRole('alert').filter({ hasText: 'Ada 2 kesalahan. Tidak ada data yang disimpan.' }).waitFor();
  const issues = page.locator('table.issues tbody tr');
  assert.equal(await issues.count(), 2);
  assert.match(await issues.nth(0).innerText(), /^4\s+NIP\s+Digit 1–8 NIP bukan tanggal lahir yang valid\./);
  assert.match(await issues.nth(1).innerText(), /^10\s+NIP\s+NIP ini muncul lebih dari sekali dalam berkas\./);
  assert.equal(await page.getByRole('button', { name: /^Impor \d+ peserta$/ }).count(), 0, 'no import button for a bad file');

  await page.goto(classUrl);
  await page.getByText('Belum ada peserta.').waitFor();

  await page.goto(classUrl + '/import');
  if (js) await page.waitForSelector('body[data-hydrated="1"]');
  await upload(page, good);
  await page.getByRole('status').filter({ hasText: 'Semua baris valid.' }).waitFor();
  await page.getByRole('button', { name: 'Impor 30 peserta' }).click();
  await page.getByRole('status').filter({ hasText: '30 peserta diimpor.' }).waitFor();
  const desc = await page.locator('#chart-generation-desc').textContent();
  for (const part of ['Baby Boomers: 3 orang (10,0 %)', 'Gen X: 8 orang (26,7 %)', 'Gen Y: 12 orang (40,0 %)', 'Gen Z: 7 orang (23,3 %)']) {
    assert.ok(desc.includes(part), `${part} in "${desc}"`);
  }
  await page.getByText(/Skema generasi: /).waitFor();
  assert.equal(await page.locator('table.roster tbody tr').count(), 30);
});
