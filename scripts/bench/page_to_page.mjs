// make bench: going from one page to another on a slow island link
// (400 kbps, 400 ms latency), in Chromium, both ways a browser can:
//   - in-app: a click that the hydrated router answers by fetching the next
//     page's data (how the app navigates today);
//   - full load: the browser loads the next page's document, its assets from
//     the cache (how a page navigates without a client router, e.g. islands).
// Each is measured RUNS times in this one run, from the click to the next
// page's heading on screen, and the median printed.
//
//   node scripts/bench/page_to_page.mjs BASE FROM TO SESSION [RUNS]
import { slowLinkPage } from './slow_link.mjs';

const [base, from, to, session, runsArg = '5'] = process.argv.slice(2);
if (!base || !from || !to) {
  console.error('usage: page_to_page.mjs BASE FROM TO [SESSION] [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg);
const { browser, page } = await slowLinkPage(base, session);

// Warm the cache once (assets are kept immutable): both ways start from a
// browser that has seen the app before.
await page.goto(base + from, { waitUntil: 'load' });
await page.waitForSelector('body[data-hydrated="1"]', { timeout: 60000 });

/** The next page is on screen: its URL, and a heading that was not there before. */
async function arrived(marker) {
  await page.waitForURL((u) => u.pathname === to, { timeout: 60000 });
  await page.waitForFunction(
    (m) => {
      const h = document.querySelector('main h1');
      return h && !h.hasAttribute(m) && h.textContent.trim().length > 0;
    },
    marker,
    { timeout: 60000 },
  );
}

async function inApp() {
  await page.goto(base + from, { waitUntil: 'load' });
  await page.waitForSelector('body[data-hydrated="1"]', { timeout: 60000 });
  await page.evaluate(() => document.querySelector('main h1')?.setAttribute('data-before', '1'));
  const link = page.locator(`main a[href="${to}"]`).first();
  const started = Date.now();
  await link.click();
  await arrived('data-before');
  return Date.now() - started;
}

async function fullLoad() {
  await page.goto(base + from, { waitUntil: 'load' });
  await page.waitForSelector('body[data-hydrated="1"]', { timeout: 60000 });
  const started = Date.now();
  await page.goto(base + to, { waitUntil: 'commit' });
  await arrived('data-before');
  const shown = Date.now() - started;
  await page.waitForSelector('body[data-hydrated="1"]', { timeout: 60000 });
  return [shown, Date.now() - started];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const clicks = [];
const loads = [];
const interactive = [];
for (let i = 0; i < runs; i++) {
  clicks.push(await inApp());
  const [shown, ready] = await fullLoad();
  loads.push(shown);
  interactive.push(ready);
}
console.log(
  `  ${from} -> ${to} at 400 kbps / 400 ms, median of ${runs}: in-app click ${median(clicks)} ms ` +
    `(all: ${clicks.join(', ')}); full load shown ${median(loads)} ms (all: ${loads.join(', ')}), ` +
    `interactive ${median(interactive)} ms`,
);
await browser.close();
