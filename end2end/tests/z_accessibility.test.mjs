// Runs last (the file name sorts last): the pages then hold what the other
// tests made (teams, tasks, scores, released results).
// Accessibility on every page each role reaches: axe-core (the rules of WCAG
// 2.1 A and AA) finds no serious or critical violation, at 390 px and at
// 1280 px. Each role's pages are found by following its links from home; one
// page stands for each kind of address (`/classes/1/tasks/3` and `/4` are one
// kind), so a new page is checked as soon as something links to it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, after } from 'node:test';
import { chromium } from 'playwright-core';
import { BASE, DEMO, DEMO_PASSWORD, watchForCrashes } from './support.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [390, 1280];
const ROLES = [
  ['participant', '196208141985031001'],
  ['facilitator', DEMO.facilitator],
  ['evaluator', DEMO.evaluator],
  ['admin', DEMO.admin],
];
// Kinds of page per role; enough for every page the demo links to.
const MAX_KINDS = 45;

let browser;
after(async () => browser?.close());

/** The kind of page an address is: its path with every number as `:n`. */
const kind = (url) => new URL(url).pathname.replace(/\/\d+(?=\/|$)/g, '/:n');

/** Links worth visiting: this site's pages, not downloads, files or server fns. */
async function pageLinks(page) {
  const hrefs = await page.$$eval('a[href]:not([download])', (as) => as.map((a) => a.href));
  return hrefs.filter((h) => {
    if (!h.startsWith(BASE)) return false;
    const path = new URL(h).pathname;
    return !path.startsWith('/api/') && !path.startsWith('/pkg/') && !/\.(csv|zip|pdf|toml|json|svg|png)$/.test(path)
      && !path.includes('/files/') && !path.includes('/export') && !path.startsWith('/lti/');
  });
}

async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const [role, identifier] of ROLES) {
  test(`every page a ${role} reaches passes axe at 390 and 1280 px`, async () => {
    browser ??= await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const crashes = watchForCrashes(context);
    const page = await context.newPage();
    await page.goto(`${BASE}/login`);
    await page.waitForSelector('body[data-hydrated="1"]');
    await page.getByLabel(/Email atau NIP/).fill(identifier);
    await page.getByLabel(/^Kata sandi$/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /^Masuk$/ }).click();
    await page.getByRole('heading', { level: 1, name: /Selamat datang/ }).waitFor();

    const queue = [`${BASE}/`];
    const seen = new Set();
    const found = [];
    let checked = 0;
    while (queue.length && checked < MAX_KINDS) {
      const url = queue.shift();
      if (seen.has(kind(url))) continue;
      seen.add(kind(url));
      const res = await page.goto(url);
      if (!res || !res.ok()) continue;
      await page.waitForSelector('body[data-hydrated="1"]', { timeout: 30000 });
      checked += 1;
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
        for (const v of await violations(page)) {
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
          found.push(`${kind(url)} @${width}px: ${v.id} (${v.impact}) ${v.help} — ${where}`);
        }
      }
      // An in-page link (a page menu's) leads to something on this page.
      const dead = await page.$$eval('a[href^="#"]', (as) => as
        .map((a) => a.getAttribute('href').slice(1))
        .filter((id) => id && !document.getElementById(decodeURIComponent(id))));
      for (const id of dead) found.push(`${kind(url)}: in-page link to #${id}, which is not on the page`);
      for (const link of await pageLinks(page)) if (!seen.has(kind(link))) queue.push(link);
    }
    await context.close();
    assert.ok(checked >= 5, `a ${role} reaches at least five kinds of page (${checked})`);
    assert.deepEqual([...new Set(found)], [], `serious or critical accessibility violations:\n${[...new Set(found)].join('\n')}`);
    assert.deepEqual(crashes, []);
  });
}
