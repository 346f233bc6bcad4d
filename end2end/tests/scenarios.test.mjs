// Empathy scenarios in the browser: a participant plays a shipped scenario to
// an ending through a reload, a dropped network (hydrated) and a server
// restart, and nothing is lost; the facilitator sees the choice under the
// participant's generation; a facilitator imports a scenario with a trap,
// mends it and publishes it. Every spec also runs with JavaScript off.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { spawn } from 'node:child_process';
import { act, bothModes, closeBrowser, login, logout, open, playToEnd, stepLabel, takeStep } from './support.mjs';

after(closeBrowser);

// Demo participants of class 1, one per mode: a Gen X (hydrated) and a Gen Y (no JS).
const PLAYER = {
  true: { nip: '197704252000031010', generation: 'Gen X' },
  false: { nip: '198209122005032013', generation: 'Gen Y' },
};

bothModes('a participant plays a scenario to the end through a reload and a dropped network', async ({ page, js }) => {
  const me = PLAYER[js];
  await login(page, js, me.nip);
  await open(page, js, '/classes/1/scenarios');
  const card = page.locator('li.card').filter({ hasText: 'Satu rapat, dua dunia' });
  await card.getByRole('link', { name: /Mainkan|Lanjutkan/ }).click();
  await page.getByRole('button', { name: 'Mulai' }).click();
  await stepLabel(page).filter({ hasText: 'Langkah 1' }).waitFor();
  // Said once hydrated, and only of a save made on this page.
  if (js) await page.getByRole('status').filter({ hasText: /^Tersimpan pukul \d{2}\.\d{2}$/ }).waitFor();
  if (js) await page.waitForSelector('body[data-hydrated="1"]');

  // Play until the first choice, choose, and read its feedback.
  for (;;) {
    await stepLabel(page).waitFor();
    if (await page.locator('button.choice').count()) break;
    await takeStep(page, js);
  }
  const chosen = (await page.locator('button.choice').first().innerText()).trim();
  await takeStep(page, js);
  await page.getByRole('heading', { name: 'Umpan balik' }).waitFor();
  const where = await stepLabel(page).innerText();

  // A reload resumes at the same step with the same feedback.
  await page.reload();
  if (js) await page.waitForSelector('body[data-hydrated="1"]');
  assert.equal(await stepLabel(page).innerText(), where);
  await page.getByText(`Pilihan Anda: ${chosen}`).waitFor();

  if (js) {
    // Offline: the step waits, says so, and is sent once the network is back.
    await page.context().setOffline(true);
    const before = await stepLabel(page).innerText();
    await act(page);
    await page.getByRole('status').filter({ hasText: 'Belum tersimpan — mencoba lagi' }).waitFor();
    await page.context().setOffline(false);
    await page.waitForFunction((b) => {
      const label = document.querySelector('.scenario-progress span');
      return document.querySelector('section.ending') || (label && label.innerText !== b);
    }, before, { timeout: 40000 });
    await page.getByRole('status').filter({ hasText: /^Tersimpan pukul \d{2}\.\d{2}$/ }).waitFor();
  }

  await playToEnd(page, js);
  await page.getByRole('heading', { name: 'Skor empati Anda' }).waitFor();
  await page.getByText('Memahami sudut pandang', { exact: false }).first().waitFor();
  await page.locator('ol.path li').filter({ hasText: chosen }).waitFor();
  await page.getByText('Saya belajar menanyakan dulu alasan', { exact: false }).first().waitFor();

  // The facilitator's analytics count that choice under this participant's generation.
  await logout(page);
  await login(page, js, 'widyaiswara@sinergi.test');
  await open(page, js, '/classes/1/scenarios');
  await page.locator('li.card').filter({ hasText: 'Satu rapat, dua dunia' }).getByRole('link', { name: 'Analitik' }).click();
  await page.getByRole('heading', { name: 'Analitik: Satu rapat, dua dunia', exact: false }).waitFor();
  const table = page.locator('section.choice-stats table').first();
  const headers = await table.locator('thead th').allInnerTexts();
  const column = headers.indexOf(me.generation);
  assert.ok(column > 0, `no ${me.generation} column in ${headers}`);
  const row = table.locator('tbody tr').filter({ hasText: chosen });
  const cells = await row.locator('th, td').allInnerTexts();
  assert.ok(Number(cells[column]) >= 1, `${chosen}: ${cells}`);
});

/** A server of its own on a fresh database, so a spec can stop and restart it. */
function ownServer(port, db) {
  let child;
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${db}?mode=rwc`,
    SINERGI_ADDR: `127.0.0.1:${port}`,
    SINERGI_LOG: 'warn',
    LEPTOS_SITE_ROOT: 'target/site',
    LEPTOS_OUTPUT_NAME: 'sinergi',
    LEPTOS_SITE_PKG_DIR: 'pkg',
  };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async start() {
      child = spawn('./target/debug/server', [], { cwd: '..', env, stdio: 'ignore' });
      for (let i = 0; i < 120; i++) {
        try {
          if ((await fetch(`${url}/healthz`)).ok) return;
        } catch { /* not up yet */ }
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error('the restarted server did not come up');
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

bothModes('a server restart mid-scenario loses nothing', async ({ page, js, suffix }) => {
  const port = js ? 3191 : 3192;
  const server = ownServer(port, `target/e2e/restart-${suffix}.db`);
  await server.start();
  try {
    const go = async (path) => {
      await page.goto(server.url + path);
      if (js) await page.waitForSelector('body[data-hydrated="1"]', { timeout: 30000 });
    };
    await go('/login');
    await page.getByLabel(/Email atau NIP/).fill(PLAYER[js].nip);
    await page.getByLabel(/^Kata sandi$/).fill('sinergi-demo-2026');
    await page.getByRole('button', { name: /^Masuk$/ }).click();
    await page.getByRole('heading', { level: 1, name: /Selamat datang/ }).waitFor();
    await go('/classes/1/scenarios');
    await page.locator('li.card').filter({ hasText: 'Sebelum Pak Hamzah pensiun' }).getByRole('link', { name: 'Mainkan' }).click();
    await page.getByRole('button', { name: 'Mulai' }).click();
    await stepLabel(page).waitFor();
    if (js) await page.waitForSelector('body[data-hydrated="1"]');
    for (let i = 0; i < 3; i++) await takeStep(page, js);
    const where = await stepLabel(page).innerText();
    const text = await page.locator('section.scenario-node').innerText();

    await server.stop();
    await server.start();
    await page.reload();
    if (js) await page.waitForSelector('body[data-hydrated="1"]');
    assert.equal(await stepLabel(page).innerText(), where);
    assert.equal(await page.locator('section.scenario-node').innerText(), text);
    await playToEnd(page, js);
    // The ending reached on the restarted server is stored: it is there
    // again after a reload, not only on the screen it was played on.
    await page.reload();
    await page.getByRole('heading', { name: /^Ringkasan: / }).waitFor();
  } finally {
    await server.stop().catch(() => {});
  }
});

const trapped = (key) => `key = "${key}"
minutes = 5
start = "awal"
title = { id = "Uji jebakan ${key}", en = "Trap test" }
summary = { id = "Ringkasan", en = "Summary" }

[[node]]
id = "awal"
type = "situation"
text = { id = "Situasi awal", en = "The start" }
next = "pilih"

[[node]]
id = "pilih"
type = "choice"
text = { id = "Apa yang Anda lakukan?", en = "What do you do?" }

[[node.option]]
key = "dengar"
text = { id = "Mendengar", en = "Listen" }
feedback = { id = "Baik", en = "Good" }
effect = { respect = 1 }
next = "akhir"

[[node.option]]
key = "putar"
text = { id = "Berputar", en = "Go round" }
feedback = { id = "Hmm", en = "Hmm" }
next = "putar"

[[node]]
id = "putar"
type = "situation"
text = { id = "Berputar-putar", en = "Going round" }
next = "putar"

[[node]]
id = "akhir"
type = "ending"
band = "strong"
title = { id = "Selesai", en = "Done" }
text = { id = "Baik sekali", en = "Well done" }
`;

bothModes('a facilitator imports a scenario with a trap, mends it and publishes', async ({ page, js, suffix }) => {
  const key = `uji-${suffix}`;
  await login(page, js, 'widyaiswara@sinergi.test');
  await open(page, js, '/scenarios');
  await page.getByLabel('Berkas skenario (.toml)').setInputFiles({
    name: `${key}.toml`, mimeType: 'application/toml', buffer: Buffer.from(trapped(key)),
  });
  await page.getByRole('button', { name: 'Impor' }).click();
  await page.getByRole('heading', { level: 1, name: `Uji jebakan ${key}` }).waitFor();
  if (js) await page.waitForSelector('body[data-hydrated="1"]');

  // The trap is named beside its node, and the map marks it.
  const card = page.locator('#card-putar');
  await card.getByText('Jebakan: dari sini tidak ada jalan menuju akhir.').waitFor();
  assert.ok(await page.locator('svg.scenario-graph g.flagged').count() >= 1);
  await page.getByRole('button', { name: 'Terbitkan' }).click();
  await page.getByText('Skenario belum dapat diterbitkan', { exact: false }).waitFor();

  // Mend it: the loop now leads to the ending.
  const source = card.locator('textarea');
  await source.fill((await source.inputValue()).replace('next = "putar"', 'next = "akhir"'));
  await card.getByRole('button', { name: 'Simpan simpul' }).click();
  await page.getByText('Tidak ada masalah: skenario siap diterbitkan.').waitFor();
  await page.getByRole('button', { name: 'Terbitkan' }).click();
  await page.getByText('Terbit versi 1').waitFor();
});
