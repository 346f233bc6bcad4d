// Rubrics and multi-evaluator scoring in the browser, hydrated and with
// JavaScript off: the facilitator builds a weighted rubric (and sees the
// error when the weights total 95), sets a task to use it and assigns three
// evaluators to one team; they score blind (the draft survives a reload),
// one disagrees strongly and the team is flagged; the facilitator moderates
// with a reason and releases; a member of the team sees the result with its
// predicate.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { bothModes, closeBrowser, expectOutcomeAt, login, logout, open, playToEnd, stepLabel, DEMO } from './support.mjs';

after(closeBrowser);

// The team member who checks the result, per mode.
const MEMBER = { true: { nip: '196208141985031001', name: 'Hasan Basri' }, false: { nip: '200211022025031030', name: 'Farhan Akbar' } };

/** Submits a form and waits for the page to show the result. */
async function submit(page, js, button, settled) {
  if (js) {
    await button.click();
    await settled();
  } else {
    await Promise.all([page.waitForEvent('load'), button.click()]);
    await settled();
  }
}

/** Makes sure the demo class has published teams; returns the number of `name`'s team. */
async function publishedTeamOf(page, js, name) {
  await open(page, js, '/classes/1/teams');
  if (!(await page.getByText('Sudah diumumkan').count())) {
    const form = page.getByRole('button', { name: /^(Bentuk tim|Bentuk ulang dengan susunan lain)$/ });
    await submit(page, js, form, () => page.locator('.team-card').first().waitFor());
    await page.locator('summary', { hasText: 'Umumkan tim…' }).click();
    await submit(page, js, page.getByRole('button', { name: 'Umumkan tim', exact: true }), () => page.getByText('Sudah diumumkan').waitFor());
  }
  const card = page.locator('.team-card', { has: page.locator('.member strong', { hasText: name }) });
  return card.getAttribute('data-team');
}

/** Picks level `level` (0 = best) on every criterion of the scoring form. */
async function pickAll(page, level) {
  const criteria = await page.locator('fieldset.criterion').count();
  for (let i = 0; i < criteria; i++) {
    await page.locator(`input[name="c[${i}][level]"][value="${level}"]`).check();
  }
}

async function scoreAs(page, js, who, title, team, level, { blindCheck = false } = {}) {
  // One tap from home: the "Perlu dinilai" list links each team to score.
  await login(page, js, who);
  const todo = page.locator('.todo-target', { has: page.getByRole('heading', { name: title }) });
  await todo.waitFor();
  const link = todo.locator('.todo-subject', { hasText: `Tim ${team}` });
  assert.match(await link.innerText(), /belum dinilai/);
  const box = await link.boundingBox();
  assert.ok(box.height >= 44, `the team's link is a tap target of 44 px or more (${box.height})`);
  await Promise.all([js ? page.waitForURL(/\/score\//) : page.waitForEvent('load'), link.click()]);
  await page.getByRole('heading', { level: 1, name: `Menilai Tim ${team}` }).waitFor();
  if (js) await page.waitForSelector('body[data-hydrated="1"]');
  if (blindCheck) assert.equal(await page.getByRole('heading', { name: 'Nilai penilai lain' }).count(), 0, 'blind before submitting');
  const total = () => page.locator('#score-total').innerText();
  assert.match(await total(), /Nilai sementara: —/, 'nothing picked yet');
  await pickAll(page, level);
  await page.getByLabel('Komentar umum').fill(`Catatan penilai (tingkat ${level + 1}).`);
  if (js) {
    // The weighted total follows the picks without a reload (the autosave answers it).
    await page.waitForFunction(() => /^Nilai sementara: \d+,\d$/.test(document.getElementById('score-total')?.textContent ?? ''));
    // Drafts save themselves; the draft survives a reload.
    await page.getByRole('status').filter({ hasText: /^Tersimpan pukul \d{2}\.\d{2}$/ }).waitFor();
    await page.waitForTimeout(1500);
    await page.reload();
    await page.waitForSelector('body[data-hydrated="1"]');
    assert.equal(await page.locator(`input[name="c[0][level]"][value="${level}"]`).isChecked(), true, 'draft kept');
  } else {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Simpan draf' }).click()]);
    await page.reload();
    assert.equal(await page.locator(`input[name="c[0][level]"][value="${level}"]`).isChecked(), true, 'draft kept');
    assert.match(await total(), /^Nilai sementara: \d+,\d$/, 'the saved draft total');
  }
  await Promise.all([page.waitForURL(/submitted=1/), page.getByRole('button', { name: 'Kirim nilai' }).click()]);
  await page.getByText('terkirim', { exact: true }).waitFor();
  // Their only team is scored: the page says so instead of offering a next one.
  await page.locator('#next-bottom', { hasText: 'Semua yang ditugaskan kepada Anda di sini sudah dinilai' }).waitFor();
  if (blindCheck) await page.getByRole('heading', { name: 'Nilai penilai lain' }).waitFor();
  await logout(page);
}

bothModes('evaluators score blind, a flag is moderated and the team sees its result', async ({ page, js, suffix }) => {
  const member = MEMBER[js];
  await login(page, js, DEMO.facilitator);
  const team = await publishedTeamOf(page, js, member.name);
  assert.ok(team, 'the member is in a published team');

  // A weighted rubric from a template; weights totalling 95 are refused.
  await open(page, js, '/classes/1/rubrics');
  await submit(page, js, page.getByRole('button', { name: 'Salin ke kelas ini' }), () => page.waitForURL(/\/rubrics\/\d+/));
  await page.getByRole('heading', { name: 'Ubah rubrik' }).waitFor();
  if (js) await page.waitForSelector('body[data-hydrated="1"]');
  const rubricTitle = `Kolaborasi ${suffix}`;
  await page.getByLabel('Judul rubrik').fill(rubricTitle);
  await page.locator('#c0-weight').fill('25');
  await page.getByRole('button', { name: 'Simpan rubrik' }).click();
  const error = page.locator('#rubric-error:not([hidden])');
  await error.waitFor();
  assert.match(await error.innerText(), /95 %/);
  await page.getByLabel('Judul rubrik').fill(rubricTitle);
  await page.locator('#c0-weight').fill('30');
  if (js) {
    // Live while typing: the weights' total and the scores it gives; the error clears.
    await page.locator('#rubric-live', { hasText: 'Jumlah bobot 100 %' }).waitFor();
    await page.waitForFunction(() => document.querySelector('#rubric-error')?.hidden === true);
  }
  // Saved: no error beside the form (without JS the page comes back saying so).
  await submit(page, js, page.getByRole('button', { name: 'Simpan rubrik' }), () =>
    page.waitForFunction(() => {
      const slot = document.querySelector('#rubric-error');
      return slot && (slot.hidden || slot.classList.contains('outcome-ok'));
    }));
  await open(page, js, '/classes/1/rubrics');
  await page.getByRole('link', { name: rubricTitle }).waitFor();

  // A task scored with it by three evaluators of the member's team.
  await open(page, js, '/classes/1/tasks');
  const title = `Rencana komunikasi ${suffix}`;
  await page.getByLabel('Judul').fill(title);
  await page.getByLabel('Arahan tugas').fill('Susun rencana komunikasi lintas generasi.');
  await page.getByLabel('Tanggal tenggat (WIB)').fill('2026-12-30');
  await Promise.all([js ? page.waitForURL(/\/tasks\/\d+$/) : page.waitForEvent('load'), page.getByRole('button', { name: 'Buat tugas' }).click()]);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const taskPath = new URL(page.url()).pathname;
  await open(page, js, `${taskPath}/evaluation`);
  await page.getByLabel('Rubrik', { exact: true }).selectOption({ label: rubricTitle });
  await submit(page, js, page.getByRole('button', { name: 'Simpan pengaturan' }), () =>
    page.getByRole('heading', { name: 'Hasil per tim' }).waitFor());
  for (const [name, role] of [['Ir. Sudirman Hakim', 'coach'], ['Ratna Dewi, S.Psi.', 'penguji'], ['Dra. Marlina Kusuma, M.Si.', 'peer']]) {
    await page.getByLabel('Penilai', { exact: true }).selectOption({ label: name });
    await page.getByLabel('Menilai', { exact: true }).selectOption({ label: `Tim ${team}` });
    await page.getByLabel('Peran', { exact: true }).selectOption(role);
    await submit(page, js, page.getByRole('button', { name: 'Tugaskan penilai' }), () =>
      page.locator('table tbody tr', { hasText: name }).waitFor());
  }
  await logout(page);

  // Two agree (best level); the third, the facilitator, scores the lowest.
  await scoreAs(page, js, 'coach@sinergi.test', title, team, 0);
  await scoreAs(page, js, 'penguji@sinergi.test', title, team, 0, { blindCheck: true });
  await scoreAs(page, js, DEMO.facilitator, title, team, 3);

  // The flag appears; moderation needs a reason; then release.
  await login(page, js, DEMO.facilitator);
  await open(page, js, `${taskPath}/evaluation`);
  const card = page.locator('.subject-result[data-flagged="true"]');
  await card.waitFor();
  await card.locator('summary', { hasText: 'Moderasi' }).click();
  await card.getByLabel('Tetapkan nilai hasil moderasi').check();
  await card.getByLabel('Nilai hasil moderasi (0–100)').fill('84');
  await card.getByRole('button', { name: 'Simpan keputusan' }).click();
  await page.locator('.field-error:not([hidden])', { hasText: 'alasan' }).first().waitFor();
  const again = page.locator('.subject-result[data-flagged="true"]');
  if (!(await again.locator('details[open]').count())) await again.locator('summary', { hasText: 'Moderasi' }).click();
  await again.getByLabel('Tetapkan nilai hasil moderasi').check();
  await again.getByLabel('Nilai hasil moderasi (0–100)').fill('84');
  await again.getByLabel(/^Alasan/).fill('Dibahas bersama ketiga penilai.');
  const moderated = await again.locator('form[data-error-slot]').getAttribute('data-error-slot');
  await submit(page, js, again.getByRole('button', { name: 'Simpan keputusan' }), () =>
    page.getByText('Nilai akhir 84,0 — Memuaskan').waitFor());
  await expectOutcomeAt(page, moderated, 'Keputusan moderasi tersimpan');
  // Releasing asks first, says what changes for whom, and names the teams nobody scored.
  await page.locator('summary', { hasText: 'Rilis hasil…' }).click();
  await page.getByText('yang sudah dinilai akan melihat nilai akhir', { exact: false }).waitFor();
  assert.match(await page.locator('.confirm .alert-warn').innerText(), /^Perhatian: 5 belum dinilai \(Tim \d, Tim \d, Tim \d, Tim \d, Tim \d\)/);
  await submit(page, js, page.getByRole('button', { name: 'Ya, rilis hasil' }), () => page.getByText('Hasil sudah dirilis', { exact: false }).waitFor());
  await expectOutcomeAt(page, 'release', 'Hasil dirilis', page.locator('summary', { hasText: 'Tarik kembali…' }));
  await logout(page);

  await login(page, js, member.nip);
  await open(page, js, taskPath);
  await page.getByRole('heading', { name: 'Hasil penilaian' }).waitFor();
  assert.match(await page.locator('.result .final').innerText(), /84,0 — Memuaskan/);
});

// A participant's scenario reflections, scored with the empathy-reflection
// rubric by an evaluator and released: one scenario, one participant per mode.
const REFLECTOR = {
  true: { nip: '196208141985031001', name: 'Hasan Basri' },
  false: { nip: '200211022025031030', name: 'Farhan Akbar' },
};
const REFLECTED_SCENARIO = 'Aplikasi laporan baru';
const REFLECTION_RUBRIC = 'Refleksi empati';

bothModes('a participant\'s reflections are scored with a rubric and the result shows on the scenario', async ({ page, js }) => {
  const me = REFLECTOR[js];
  await login(page, js, me.nip);
  await open(page, js, '/classes/1/scenarios');
  const card = page.locator('li.card').filter({ hasText: REFLECTED_SCENARIO });
  await card.getByRole('link', { name: /Mainkan|Lanjutkan|Lihat ringkasan/ }).click();
  const start = page.getByRole('button', { name: /^(Mulai|Main lagi)$/ });
  await stepLabel(page).or(start).first().waitFor();
  if (await start.count()) await start.click();
  await playToEnd(page, js);
  const scenarioPath = new URL(page.url()).pathname;
  await logout(page);

  // The facilitator scores the scenario's reflections with a copy of the template.
  await login(page, js, DEMO.facilitator);
  await open(page, js, '/classes/1/rubrics');
  if (!(await page.getByRole('link', { name: REFLECTION_RUBRIC }).count())) {
    const value = await page.locator('#template option', { hasText: REFLECTION_RUBRIC }).getAttribute('value');
    await page.getByLabel('Templat').selectOption(value);
    await submit(page, js, page.getByRole('button', { name: 'Salin ke kelas ini' }), () => page.waitForURL(/\/rubrics\/\d+/));
  }
  await open(page, js, `${scenarioPath}/evaluation`);
  await page.getByRole('heading', { level: 1, name: 'Penilaian refleksi' }).waitFor();
  if (!(await page.getByRole('heading', { name: 'Hasil per peserta' }).count())) {
    await page.getByLabel('Rubrik', { exact: true }).selectOption({ label: REFLECTION_RUBRIC });
    await submit(page, js, page.getByRole('button', { name: 'Simpan pengaturan' }), () =>
      page.getByRole('heading', { name: 'Hasil per peserta' }).waitFor());
    await page.getByLabel('Penilai', { exact: true }).selectOption({ label: 'Ir. Sudirman Hakim' });
    await submit(page, js, page.getByRole('button', { name: 'Tugaskan penilai' }), () =>
      page.locator('table tbody tr', { hasText: 'Ir. Sudirman Hakim' }).waitFor());
  }
  const person = me.name;
  await page.locator('.subject-result h3 a', { hasText: person }).waitFor();
  await logout(page);

  // The evaluator reads the reflection beside the rubric and submits.
  await login(page, js, DEMO.evaluator);
  await open(page, js, `${scenarioPath}/evaluation`);
  await Promise.all([js ? page.waitForURL(/\/score\//) : page.waitForEvent('load'), page.getByRole('link', { name: person }).click()]);
  await page.getByRole('heading', { level: 1, name: `Menilai ${person}` }).waitFor();
  await page.getByText('Saya belajar menanyakan dulu alasan').first().waitFor();
  if (js) await page.waitForSelector('body[data-hydrated="1"]');
  await pickAll(page, 1);
  await Promise.all([page.waitForURL(/submitted=1/), page.getByRole('button', { name: 'Kirim nilai' }).click()]);
  await page.getByText('terkirim', { exact: true }).waitFor();
  await logout(page);

  await login(page, js, DEMO.facilitator);
  await open(page, js, `${scenarioPath}/evaluation`);
  const release = page.locator('summary', { hasText: 'Rilis hasil…' });
  if (await release.count()) {
    await release.click();
    await submit(page, js, page.getByRole('button', { name: 'Ya, rilis hasil' }), () => page.getByText('Hasil sudah dirilis', { exact: false }).waitFor());
  }
  await logout(page);

  // The participant sees the result under the scenario's summary.
  await login(page, js, me.nip);
  await open(page, js, scenarioPath);
  await page.getByRole('heading', { name: 'Hasil penilaian' }).waitFor();
  assert.match(await page.locator('.result .final').innerText(), /Nilai akhir \d+,\d — \S/);
});
