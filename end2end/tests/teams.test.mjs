// Teams, team tasks and mentoring in the browser, hydrated and with
// JavaScript off: the facilitator forms teams for the demo class, sees nobody
// isolated, swaps two people (and, hydrated, drags one to another team) and
// publishes; a participant sees their team; a team hands in a file late and
// it is marked late; a mentoring pair is proposed, adjusted, confirmed and
// logs a session.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { bothModes, closeBrowser, expectOutcomeAt, login, logout, open, DEMO } from './support.mjs';

after(closeBrowser);

const PARTICIPANT = { true: '196208141985031001', false: '200211022025031030' };

/** Submits a form and waits for the page to show the result. */
async function submit(page, js, button, settled) {
  if (js) {
    await button.click();
    await settled();
  } else {
    await Promise.all([page.waitForEvent('load'), button.click()]);
  }
}

/** The team card (its number) a person is in. */
async function teamOf(page, name) {
  const card = page.locator('.team-card', { has: page.locator('.member strong', { hasText: name }) });
  return card.getAttribute('data-team');
}

bothModes('facilitator forms, swaps and publishes teams; a participant sees theirs', async ({ page, js }) => {
  await login(page, js, DEMO.facilitator);
  await open(page, js, '/classes/1/teams');
  const form = page.getByRole('button', { name: /^(Bentuk tim|Bentuk ulang dengan susunan lain)$/ });
  const seedBefore = await page.locator('.team-set .tag + *').count() ? await page.locator('.team-set').innerText() : '';
  await submit(page, js, form, () => page.waitForFunction((b) => {
    const s = document.querySelector('.team-set');
    return s && s.innerText !== b && s.innerText.includes('Draf');
  }, seedBefore));
  await expectOutcomeAt(page, 'form-teams-error', 'Tim sudah dibentuk', page.getByRole('button', { name: /^(Bentuk tim|Bentuk ulang dengan susunan lain)$/ }));
  assert.equal(await page.locator('.team-card').count(), 6, 'six teams of five for 30 people');
  // The drag hint shows only where dragging works (hydrated, with a mouse).
  assert.equal(await page.locator('.drag-hint').isVisible(), js, 'drag hint only with the script');
  assert.equal(await page.locator('.breach-isolated').count(), 0, 'nobody isolated');
  assert.equal(await page.locator('.member.isolated').count(), 0);

  // Swap the first person of team 1 with the first of team 2.
  const first = (await page.locator('.team-card[data-team="1"] .member strong').first().innerText()).trim();
  const second = (await page.locator('.team-card[data-team="2"] .member strong').first().innerText()).trim();
  await page.getByLabel('Tukar peserta').selectOption({ label: `${first} (Tim 1)` });
  await page.getByLabel('dengan', { exact: true }).selectOption({ label: `${second} (Tim 2)` });
  await submit(page, js, page.getByRole('button', { name: 'Tukar', exact: true }), () =>
    page.locator('.team-card[data-team="2"] .member strong', { hasText: first }).waitFor());
  await expectOutcomeAt(page, 'swap-error', 'Dua anggota sudah ditukar', page.getByRole('button', { name: 'Tukar', exact: true }));
  assert.equal(await teamOf(page, first), '2');
  assert.equal(await teamOf(page, second), '1');

  if (js) {
    // Drag a member of team 3 onto team 4's card (the events a mouse drag
    // sends; at 390 px the two cards are not on screen together).
    const mover = page.locator('.team-card[data-team="3"] .member').first();
    const name = (await mover.locator('strong').innerText()).trim();
    const target = page.locator('.team-card[data-team="4"] h3');
    const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
    await mover.dispatchEvent('dragstart', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
    await page.locator('.team-card[data-team="4"] .member strong', { hasText: name }).waitFor();
  }

  // Announcing asks first, saying who will see what.
  await page.locator('summary', { hasText: 'Umumkan tim…' }).click();
  assert.match(await page.locator('.team-set .confirm-body').innerText(), /\d+ peserta di \d+ tim melihat tim/);
  await submit(page, js, page.getByRole('button', { name: 'Umumkan tim', exact: true }), () =>
    page.getByText('Sudah diumumkan').waitFor());
  await expectOutcomeAt(page, 'publish-teams', 'Tim diumumkan');
  await logout(page);

  await login(page, js, PARTICIPANT[js]);
  await open(page, js, '/classes/1/teams');
  const heading = page.getByRole('heading', { name: /^Tim Anda: Tim \d+$/ });
  await heading.waitFor();
  assert.ok((await page.locator('.my-team .member').count()) >= 4, 'teammates listed');
});

bothModes('a team hands in a file late and it is marked late', async ({ page, js, suffix }) => {
  await login(page, js, DEMO.facilitator);
  await open(page, js, '/classes/1/tasks');
  const title = `Rencana kolaborasi ${suffix}`;
  await page.getByLabel('Judul').fill(title);
  await page.getByLabel('Arahan tugas').fill('Susun **rencana** kerja tim lintas generasi.');
  await page.getByLabel('Tanggal tenggat (WIB)').fill('2026-01-05');
  await page.getByLabel('Aturan keterlambatan').selectOption('accepted');
  await Promise.all([
    js ? page.waitForURL(/\/tasks\/\d+$/) : page.waitForEvent('load'),
    page.getByRole('button', { name: 'Buat tugas' }).click(),
  ]);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const url = page.url();
  await logout(page);

  // Teams were published by the spec above; the participant is in one.
  await login(page, js, PARTICIPANT[js]);
  await open(page, js, new URL(url).pathname);
  await page.getByLabel('Teks').fill('Rencana kami terlampir.');
  await page.getByLabel('Berkas').setInputFiles({
    name: 'rencana.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% rencana tim\n'),
  });
  await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Kumpulkan' }).click()]);
  const version = page.locator('.version').first();
  await version.waitFor();
  assert.match(await version.innerText(), /Versi 1/);
  assert.match(await version.locator('.tag-late').innerText(), /Terlambat/);
  assert.equal(await version.getByRole('link', { name: 'rencana.pdf' }).count(), 1);
});

// Hydrated: Hasan Basri (Boomer) with Farhan Akbar (Z); no JS: Rudi Hartono (X) with Dewi Anggraini (Y).
const PAIR = {
  true: { mentee: 'Hasan Basri', menteeNip: '196208141985031001', mentor: 'Farhan Akbar' },
  false: { mentee: 'Rudi Hartono', menteeNip: '197704252000031010', mentor: 'Dewi Anggraini' },
};

bothModes('a mentoring pair is proposed, confirmed and logs a session', async ({ page, js }) => {
  const pair = PAIR[js];
  await login(page, js, DEMO.facilitator);
  await open(page, js, '/classes/1/mentoring');
  await submit(page, js, page.getByRole('button', { name: 'Usulkan pasangan' }), () =>
    page.locator('table.pairs tbody tr').first().waitFor());
  assert.ok((await page.locator('table.pairs tbody tr').count()) > 0, 'pairs proposed');
  await page.getByLabel('Yang dibimbing', { exact: true }).selectOption({ label: new RegExp(`^${pair.mentee}`) }).catch(async () => {
    const option = page.locator('#adjust-mentee option', { hasText: pair.mentee });
    await page.locator('#adjust-mentee').selectOption(await option.getAttribute('value'));
  });
  const mentorOption = page.locator('#adjust-mentor option', { hasText: pair.mentor });
  await page.locator('#adjust-mentor').selectOption(await mentorOption.getAttribute('value'));
  const row = page.locator('table.pairs tbody tr', { hasText: pair.mentee }).filter({ hasText: pair.mentor });
  await submit(page, js, page.getByRole('button', { name: 'Tetapkan mentor' }), () => row.first().waitFor());
  await logout(page);

  await login(page, js, pair.menteeNip);
  await open(page, js, '/classes/1/mentoring');
  await page.getByRole('heading', { name: new RegExp(`Mentor Anda: ${pair.mentor}`) }).waitFor();
  await submit(page, js, page.getByRole('button', { name: 'Ya, saya bersedia' }), () =>
    page.getByRole('heading', { name: 'Catatan sesi' }).waitFor());
  await page.getByLabel('Durasi (menit)').fill('45');
  await page.getByLabel('Topik', { exact: true }).fill('Tabel pivot');
  await page.getByLabel('Yang dipraktikkan').fill('Membuat tabel pivot rekap cuti pegawai.');
  await page.getByLabel('Yang dipelajari mentor dari pengalaman yang dibimbing').fill('Cara menyusun nota dinas yang runtut.');
  await submit(page, js, page.getByRole('button', { name: 'Simpan sesi' }), () =>
    page.locator('.session', { hasText: 'Tabel pivot' }).waitFor());
  await logout(page);

  await login(page, js, DEMO.facilitator);
  await open(page, js, '/classes/1/mentoring');
  const done = page.locator('table.pairs tbody tr', { hasText: pair.mentee }).filter({ hasText: 'Dikonfirmasi' });
  assert.match(await done.innerText(), /1 sesi, 45 menit/);
});
