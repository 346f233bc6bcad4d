// The save indicator tells only what really happened, hydrated at 390 px:
// nothing on a page just opened (a score page, a scenario's introduction and
// summary); "Tidak tersimpan" with the reason beside the field when the server
// refuses an autosave (and never "Tersimpan"); "Tersimpan pukul HH.MM" once it
// is stored; "Belum tersimpan — mencoba lagi" while the network is down, until
// a resend goes through; a second tab's stale save is "not saved" with the
// "changed in another tab" reason; and an autosave followed at once by "Kirim
// nilai" in one tab never conflicts (the second waits for the first).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { DEMO, login, logout, open, playToEnd, stepLabel, watchForCrashes } from './support.mjs';

const NOT_SAVED = 'Tidak tersimpan — alasannya tertulis di formulir';

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});
after(async () => browser?.close());

// Demo participants no other spec uses: one plays a scenario, one writes a reflection.
const PLAYER = '196303051986032002'; // Rosmiati
const WRITER = '196401211987031003'; // Syamsul Rizal
const SUFFIX = Date.now().toString(36);

const SAVED = /^Tersimpan pukul \d{2}\.\d{2}$/;
const RETRYING = 'Belum tersimpan — mencoba lagi';

/** A hydrated 390 px context, its crashes recorded; `fn(page, context)`. */
async function inContext(fn) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
  const crashes = watchForCrashes(context);
  context.on('console', (m) => {
    if (m.type() === 'error' && /hydration|panicked/i.test(m.text())) crashes.push(m.text().slice(0, 300));
  });
  try {
    await fn(await context.newPage(), context);
    assert.deepEqual(crashes, [], 'no page error, no 5xx');
  } catch (e) {
    const pages = context.pages();
    if (pages.length) await pages[pages.length - 1].screenshot({ path: `test-results/save_state-failure-${Date.now()}.png`, fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await context.close();
  }
}

/** Screenshots to look at: the whole page, its top (the indicator) and around `near`. */
async function shoot(page, name, near) {
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
  await page.screenshot({ path: `test-results/${name}-top.png`, fullPage: true, clip: { x: 0, y: 0, width: 390, height: 600 } });
  if (near) {
    const box = await near.boundingBox();
    const top = await page.evaluate(() => window.scrollY);
    if (box) await page.screenshot({ path: `test-results/${name}-near.png`, fullPage: true, clip: { x: 0, y: Math.max(0, box.y + top - 250), width: 390, height: 600 } });
  }
}

const indicator = (page) => page.locator('p.save-state[role=status]');
const indicatorText = async (page) => (await indicator(page).innerText()).trim();

/** The indicator shows nothing now and a moment later. */
async function saysNothing(page, why) {
  await page.waitForFunction(() => (document.querySelector('p.save-state')?.textContent ?? 'x').trim() === '', null, { timeout: 10000 });
  await page.waitForTimeout(1000);
  assert.equal(await indicatorText(page), '', why);
}

/** Waits until the indicator's text matches `expected` (a string or a pattern). */
async function says(page, expected, timeout = 15000) {
  const source = expected instanceof RegExp ? expected.source : null;
  const text = expected instanceof RegExp ? null : expected;
  await page.waitForFunction(
    ([source, text]) => {
      const t = (document.querySelector('p.save-state')?.textContent ?? '').trim();
      return source ? new RegExp(source).test(t) : t === text;
    },
    [source, text],
    { timeout },
  );
}

/** "HH.MM" now and a minute ago in the browser's local time. */
async function clockNow(page) {
  return page.evaluate(() => [0, 60000].map((back) => {
    const d = new Date(Date.now() - back);
    return `${String(d.getHours()).padStart(2, '0')}.${String(d.getMinutes()).padStart(2, '0')}`;
  }));
}

// A task scored with a copy of the team-collaboration rubric (every level a
// range of points), the demo coach assigned to one team: set up once.
let scorePath;

test('setup: a task with a ranged rubric and an evaluator [hydrated]', async () => {
  await inContext(async (page) => {
    await login(page, true, DEMO.facilitator);
    await open(page, true, '/classes/1/teams');
    if (!(await page.getByText('Sudah diumumkan').count())) {
      await page.getByRole('button', { name: /^(Bentuk tim|Bentuk ulang dengan susunan lain)$/ }).click();
      await page.locator('.team-card').first().waitFor();
      await page.locator('summary', { hasText: 'Umumkan tim…' }).click();
      await page.getByRole('button', { name: 'Umumkan tim', exact: true }).click();
      await page.getByText('Sudah diumumkan').waitFor();
    }
    const team = await page.locator('.team-card[data-team]').first().getAttribute('data-team');

    await open(page, true, '/classes/1/rubrics');
    const template = await page.locator('#template option', { hasText: 'Kolaborasi' }).first().getAttribute('value');
    await page.getByLabel('Templat').selectOption(template);
    await Promise.all([page.waitForURL(/\/rubrics\/\d+/), page.getByRole('button', { name: 'Salin ke kelas ini' }).click()]);
    await page.getByRole('heading', { name: 'Ubah rubrik' }).waitFor();
    await page.waitForSelector('body[data-hydrated="1"]');
    const rubricTitle = `Indikator simpan ${SUFFIX}`;
    await page.getByLabel('Judul rubrik').fill(rubricTitle);
    await page.getByRole('button', { name: 'Simpan rubrik' }).click();
    await page.waitForFunction(() => document.querySelector('#rubric-error')?.hidden !== false);
    await open(page, true, '/classes/1/rubrics');
    await page.getByRole('link', { name: rubricTitle }).waitFor();

    await open(page, true, '/classes/1/tasks');
    const title = `Tugas indikator ${SUFFIX}`;
    await page.getByLabel('Judul').fill(title);
    await page.getByLabel('Arahan tugas').fill('Susun rencana kerja lintas generasi.');
    await page.getByLabel('Tanggal tenggat (WIB)').fill('2026-12-30');
    await Promise.all([page.waitForURL(/\/tasks\/\d+$/), page.getByRole('button', { name: 'Buat tugas' }).click()]);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const taskPath = new URL(page.url()).pathname;
    await open(page, true, `${taskPath}/evaluation`);
    await page.getByLabel('Rubrik', { exact: true }).selectOption({ label: rubricTitle });
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByRole('heading', { name: 'Hasil per tim' }).waitFor();
    await page.getByLabel('Penilai', { exact: true }).selectOption({ label: 'Ir. Sudirman Hakim' });
    await page.getByLabel('Menilai', { exact: true }).selectOption({ label: `Tim ${team}` });
    await page.getByLabel('Peran', { exact: true }).selectOption('coach');
    await page.getByRole('button', { name: 'Tugaskan penilai' }).click();
    await page.locator('table tbody tr', { hasText: 'Ir. Sudirman Hakim' }).waitFor();
    await logout(page);

    await login(page, true, DEMO.evaluator);
    await open(page, true, `${taskPath}/evaluation`);
    await Promise.all([page.waitForURL(/\/score\//), page.getByRole('link', { name: `Tim ${team}` }).first().click()]);
    await page.getByRole('heading', { level: 1, name: `Menilai Tim ${team}` }).waitFor();
    scorePath = new URL(page.url()).pathname;
  });
});

/** Logs the coach in and opens the score page, hydrated. */
async function openScore(page) {
  await login(page, true, DEMO.evaluator);
  await open(page, true, scorePath);
  await page.locator('form.score-form').waitFor();
}

test('a score page just opened shows no save state [hydrated]', async () => {
  assert.ok(scorePath, 'setup ran');
  await inContext(async (page) => {
    await openScore(page);
    await saysNothing(page, 'nothing saved on this page yet');
  });
});

test('a refused autosave says "Tidak tersimpan" with the reason; fixed, "Tersimpan pukul" [hydrated]', async () => {
  assert.ok(scorePath, 'setup ran');
  await inContext(async (page) => {
    await openScore(page);
    // "Sangat baik" is 86–100 points: 150 is refused.
    await page.locator('input[name="c[0][level]"][value="0"]').check();
    await page.locator('#points-0').fill('150');
    await says(page, NOT_SAVED);
    const reason = page.locator('#score-error:not([hidden])');
    await reason.waitFor();
    assert.match(await reason.innerText(), /Kriteria 1: poin harus antara 86 dan 100/);
    assert.doesNotMatch(await indicatorText(page), /Tersimpan/, 'never "Tersimpan" after a refusal');
    await shoot(page, 'save_state-not-saved', reason);
    await shoot(page, 'save_state-not-saved-field', page.locator('#points-0'));
    // Not sent again by itself: a refusal is final until the next change.
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/api/save_score')) posts.push(r.url()); });
    await page.waitForTimeout(4000);
    assert.equal(posts.length, 0, 'a refused save is not retried');
    assert.equal(await indicatorText(page), NOT_SAVED);

    await page.locator('#points-0').fill('90');
    await says(page, SAVED);
    assert.ok((await clockNow(page)).includes((await indicatorText(page)).replace('Tersimpan pukul ', '')), 'the local time of the save');
    await page.waitForFunction(() => document.querySelector('#score-error')?.hidden === true);
    await shoot(page, 'save_state-saved');

    await page.reload();
    await page.waitForSelector('body[data-hydrated="1"]');
    assert.equal(await page.locator('#points-0').inputValue(), '90', 'the fixed value is stored');
    assert.equal(await page.locator('input[name="c[0][level]"][value="0"]').isChecked(), true);
    await saysNothing(page, 'a reloaded page has saved nothing yet');
  });
});

test('a score comment typed offline says "mencoba lagi" until it is stored [hydrated]', async () => {
  assert.ok(scorePath, 'setup ran');
  await inContext(async (page, context) => {
    await openScore(page);
    const comment = `Dicatat tanpa sinyal ${SUFFIX}.`;
    await context.setOffline(true);
    await page.locator('#comment-0').fill(comment);
    await says(page, RETRYING);
    await shoot(page, 'save_state-retrying', page.locator('#comment-0'));
    // More typed meanwhile waits behind the first save, and says so.
    const more = `${comment} Lalu ditambah lagi.`;
    await page.locator('#comment-0').fill(more);
    for (let i = 0; i < 6; i++) {
      await page.waitForTimeout(500);
      assert.equal(await indicatorText(page), RETRYING, 'still retrying while offline');
    }
    await context.setOffline(false);
    await says(page, SAVED, 40000);
    await page.reload();
    await page.waitForSelector('body[data-hydrated="1"]');
    assert.equal(await page.locator('#comment-0').inputValue(), more, 'the newest text, after the first');
  });
});

test('a reflection typed offline says "mencoba lagi" until it is stored [hydrated]', async () => {
  await inContext(async (page, context) => {
    await login(page, true, WRITER);
    await open(page, true, '/classes/1/learn/potret-mengapa-penting');
    const section = page.locator('#potret-mengapa-penting-refleksi');
    const state = section.locator('.save-state[role=status]');
    assert.equal((await state.innerText()).trim(), '', 'nothing saved on a lesson just opened');
    const text = `Ditulis di perahu tanpa sinyal ${SUFFIX}.`;
    await context.setOffline(true);
    await section.locator('textarea').fill(text);
    await state.getByText(RETRYING, { exact: true }).waitFor({ timeout: 10000 });
    await shoot(page, 'save_state-reflection-retrying', state);
    await context.setOffline(false);
    await state.getByText(SAVED).waitFor({ timeout: 40000 });
    await page.reload();
    await page.waitForSelector('body[data-hydrated="1"]');
    assert.equal(await page.locator('#potret-mengapa-penting-refleksi textarea').inputValue(), text);
    assert.equal((await page.locator('#potret-mengapa-penting-refleksi .save-state').innerText()).trim(), '');
  });
});

test('a scenario\'s introduction and summary show no save state [hydrated]', async () => {
  await inContext(async (page) => {
    await login(page, true, PLAYER);
    // The first scenario this participant can still play (a rerun of this
    // spec may have used up one's attempts: its summary is checked anyway).
    const start = page.getByRole('button', { name: /^(Mulai|Main lagi)$/ });
    const summary = page.getByRole('heading', { name: /^Ringkasan: / });
    let playable = false;
    for (const title of ['Satu rapat, dua dunia', 'Mentoring terbalik', 'Aplikasi laporan baru']) {
      await open(page, true, '/classes/1/scenarios');
      const card = page.locator('li.card').filter({ hasText: title });
      if (!(await card.count())) continue;
      await card.getByRole('link', { name: /Mainkan|Lanjutkan|Lihat ringkasan/ }).click();
      await stepLabel(page).or(start).or(summary).first().waitFor();
      await page.waitForSelector('body[data-hydrated="1"]');
      if (await start.count()) {
        await saysNothing(page, 'an introduction (or a summary) just opened saves nothing');
        await start.click();
        // Starting is a save of its own: wait for the first step before
        // looking, or a step still loading passes for a summary.
        await stepLabel(page).waitFor();
      }
      if (await stepLabel(page).count()) {
        playable = true;
        break;
      }
      await saysNothing(page, 'a summary just opened');
    }
    assert.ok(playable, 'a scenario left to play');
    await stepLabel(page).waitFor();
    await playToEnd(page, true);
    await saysNothing(page, 'the summary saves nothing, even right after the last step');
    await page.reload();
    await page.waitForSelector('body[data-hydrated="1"]');
    await page.getByRole('heading', { name: /^Ringkasan: / }).waitFor();
    await saysNothing(page, 'a summary just opened');
  });
});

test('two tabs on one score: the stale one is not saved, with the reason; one tab never conflicts with itself [hydrated]', async () => {
  assert.ok(scorePath, 'setup ran');
  await inContext(async (first, context) => {
    await openScore(first);
    const second = await context.newPage();
    await open(second, true, scorePath);
    await second.locator('form.score-form').waitFor();

    await first.locator('#comment-1').fill(`Tab pertama ${SUFFIX}.`);
    await says(first, SAVED);
    await second.locator('#comment-1').fill(`Tab kedua ${SUFFIX}.`);
    await says(second, NOT_SAVED);
    const reason = second.locator('#score-error:not([hidden])');
    await reason.waitFor();
    assert.match(await reason.innerText(), /sudah diubah di tab atau perangkat lain/);
    assert.doesNotMatch(await indicatorText(second), /Tersimpan/);
    await second.close();

    // In one tab, "Kirim nilai" pressed while the autosave is still on its way
    // waits for it and starts from the revision it answered: no conflict.
    for (let i = 0; i < 4; i++) await first.locator(`input[name="c[${i}][level]"][value="0"]`).check();
    await says(first, SAVED);
    const refused = [];
    first.on('response', (r) => { if (r.url().includes('/api/save_score') && r.status() >= 400) refused.push(r.status()); });
    const bases = [];
    first.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/save_score')) bases.push(Number(new URLSearchParams(r.postData() ?? '').get('base')));
    });
    const cdp = await context.newCDPSession(first);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 1500, downloadThroughput: -1, uploadThroughput: -1 });
    const autosave = first.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/api/save_score'));
    await first.getByLabel('Komentar umum').fill(`Kesimpulan ${SUFFIX}.`);
    await autosave;
    await says(first, 'Menyimpan…');
    await Promise.all([first.waitForURL(/submitted=1/, { timeout: 30000 }), first.getByRole('button', { name: 'Kirim nilai' }).click()]);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await first.getByText('terkirim', { exact: true }).waitFor();
    assert.deepEqual(refused, [], 'neither save was refused');
    assert.equal(bases.length, 2, `the autosave, then "Kirim nilai": ${bases}`);
    assert.ok(bases[1] > bases[0], `"Kirim nilai" was sent from the revision the autosave answered: ${bases}`);
    await first.reload();
    await first.waitForSelector('body[data-hydrated="1"]');
    assert.equal(await first.getByLabel('Komentar umum').inputValue(), `Kesimpulan ${SUFFIX}.`);
  });
});
