// Shared browser setup and page objects. Every spec runs twice: hydrated (JS on)
// and with JavaScript disabled, proving the pages work before and after WASM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chromium } from 'playwright-core';

export const BASE = process.env.SINERGI_E2E_URL ?? 'http://127.0.0.1:3100';
export const DEMO_PASSWORD = process.env.SINERGI_DEMO_PASSWORD ?? 'sinergi-demo-2026';
export const DEMO = {
  admin: 'admin@sinergi.test',
  facilitator: 'widyaiswara@sinergi.test',
  evaluator: 'coach@sinergi.test',
};

let browser;
async function getBrowser() {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return browser;
}

export async function closeBrowser() {
  await browser?.close();
  browser = undefined;
}

/** Defines `name [hydrated]` and `name [no-js]`; `fn(ctx)` gets { page, js, suffix }. */
export function bothModes(name, fn) {
  for (const js of [true, false]) {
    test(`${name} [${js ? 'hydrated' : 'no-js'}]`, async () => {
      const b = await getBrowser();
      const context = await b.newContext({ javaScriptEnabled: js, viewport: { width: 390, height: 844 }, locale: 'id-ID' });
      const page = await context.newPage();
      // A hydration mismatch or a panic in the WASM must fail the test, even when
      // the page still works because the forms fall back to plain posts.
      const crashes = [];
      page.on('pageerror', (e) => crashes.push(e.message));
      // A server fault behind a page that still looks fine is a failure too.
      page.on('response', (r) => {
        if (r.status() >= 500) crashes.push(`HTTP ${r.status()} from ${r.request().method()} ${r.url()}`);
      });
      page.on('console', (m) => {
        if (isFault(m)) crashes.push(m.text().slice(0, 300));
      });
      const suffix = `${js ? 'js' : 'nojs'}-${Date.now().toString(36)}`;
      try {
        await fn({ page, js, suffix });
        if (crashes.length) throw new Error(`the page crashed in the browser:\n${crashes.join('\n')}`);
      } catch (e) {
        await page.screenshot({ path: `test-results/${name.replace(/\W+/g, '_')}-${js ? 'js' : 'nojs'}.png`, fullPage: true }).catch(() => {});
        throw e;
      } finally {
        await context.close();
      }
    });
  }
}

/**
 * A console error is a fault, whatever it says, with two exceptions that are
 * the app working: Chromium logs every answer of 400–499 ("Failed to load
 * resource: … status of 422"), a refusal the page shows beside its form; and
 * a request made while a test has taken the network away.
 */
const NOT_A_FAULT = [
  /^Failed to load resource: the server responded with a status of 4\d\d/,
  /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/,
];
function isFault(message) {
  return message.type() === 'error' && !NOT_A_FAULT.some((re) => re.test(message.text()));
}

/**
 * Records what a test's pages must never do, for tests that make their own
 * browser contexts: an uncaught error in a page, a console error, or an
 * answer of 500 or more.
 */
export function watchForCrashes(context, crashes = []) {
  context.on('weberror', (e) => crashes.push(e.error().message));
  context.on('console', (m) => {
    if (isFault(m)) crashes.push(m.text().slice(0, 300));
  });
  context.on('response', (r) => {
    if (r.status() >= 500) crashes.push(`HTTP ${r.status()} from ${r.request().method()} ${r.url()}`);
  });
  return crashes;
}

/** Opens a page; when JS is on, waits until the WASM has hydrated it. */
export async function open(page, js, path) {
  const res = await page.goto(BASE + path);
  if (js) await page.waitForSelector('body[data-hydrated="1"]', { timeout: 30000 });
  return res;
}

export async function login(page, js, identifier, password = DEMO_PASSWORD) {
  await open(page, js, '/login');
  await page.getByLabel(/Email atau NIP|Email or NIP/).fill(identifier);
  await page.getByLabel(/^(Kata sandi|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Log in)$/ }).click();
  await page.getByRole('heading', { level: 1, name: /Selamat datang|Welcome/ }).waitFor();
  if (js) await page.waitForSelector('body[data-hydrated="1"]');
}

export async function logout(page) {
  await page.getByRole('button', { name: /^(Keluar|Log out)$/ }).click();
  await page.getByRole('heading', { name: /Masuk ke Sinergi|Log in to Sinergi/ }).waitFor();
}

// The scenario player: answers and steps until the summary.
export const stepLabel = (page) => page.locator('.scenario-progress span');

/** Answers the step on screen: a reflection, the first option, or continue. */
export async function act(page) {
  const reflection = page.locator('textarea[name=reflection]');
  if (await reflection.count()) {
    await reflection.fill('Saya belajar menanyakan dulu alasan di balik kebiasaan rekan senior.');
    await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();
  } else if (await page.locator('button.choice').count()) {
    await page.locator('button.choice').first().click();
  } else {
    await page.getByRole('button', { name: 'Lanjut', exact: true }).click();
  }
}

/** Takes the step on screen and waits for the next: a new page without JS, new HTML with it. */
export async function takeStep(page, js) {
  await stepLabel(page).waitFor(); // not the loading placeholder between two steps
  if (!js) {
    await Promise.all([page.waitForEvent('load'), act(page)]);
    return;
  }
  const before = await stepLabel(page).innerText();
  await act(page);
  // The new HTML has arrived when there is a summary or a step label that differs.
  await page.waitForFunction(
    (b) => {
      const label = document.querySelector('.scenario-progress span');
      return document.querySelector('section.ending') || (label && label.innerText !== b);
    },
    before,
  );
}

export async function playToEnd(page, js) {
  const summary = page.getByRole('heading', { name: /^Ringkasan: / });
  for (let i = 0; i < 40 && !(await summary.count()); i++) {
    await stepLabel(page).or(summary).first().waitFor();
    if (await summary.count()) break;
    await takeStep(page, js);
  }
  await summary.waitFor();
}

/**
 * After an action: its outcome `text` is shown in the slot `id` beside the
 * form, and the slot is on screen, with the button that acted (`near`, if
 * given): the page did not jump away from where the person acted.
 */
export async function expectOutcomeAt(page, id, text, near) {
  const slot = page.locator(`[id="${id}"]`);
  await slot.filter({ hasText: text }).waitFor();
  const onScreen = (el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  };
  // Hydrated, the page's data is loaded again after the action and the slot
  // rendered anew, then told its outcome a frame later: what must hold is
  // that it settles shown, with its text, on screen.
  const settled = await page.waitForFunction(([sel, want]) => {
    const el = document.querySelector(sel);
    const r = el?.getBoundingClientRect();
    return !!r && el.textContent.includes(want) && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
  }, [`[id="${id}"]`, text], { timeout: 5000 }).then(() => true, () => false);
  const where = await slot.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return `top ${Math.round(r.top)}, bottom ${Math.round(r.bottom)}, viewport ${window.innerHeight}, scrollY ${Math.round(window.scrollY)}, page ${document.body.scrollHeight}, text ${JSON.stringify(el.textContent.slice(0, 40))}`;
  });
  assert.ok(settled, `the outcome beside the form (#${id}) is on screen after the action (${where})`);
  assert.equal(await slot.getAttribute('role'), 'status', 'the outcome is announced politely');
  if (near) assert.ok(await near.evaluate(onScreen), `the control that acted is still on screen (#${id})`);
}

/** Whether any part of the element is inside the viewport. */
export async function isOnScreen(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
}
