// make bench: a page load on a slow island link (400 kbps, 400 ms latency),
// first visit and return visit, in Chromium. Prints what the browser fetched
// over the network and when the page was painted and hydrated.
//
//   node scripts/bench/navigation.mjs http://127.0.0.1:3200 /login [SESSION]
//
// SESSION: a `sinergi_session` cookie value, to load a signed-in page.
//
// Exits 1 when a return visit fetches a script, style or WASM again
// (content-hashed assets are kept `immutable`, so it must not even ask).
import { slowLinkPage } from './slow_link.mjs';

const [base, path = '/login', session] = process.argv.slice(2);
if (!base) {
  console.error('usage: navigation.mjs BASE_URL [PATH]');
  process.exit(2);
}
const { browser, page, cdp } = await slowLinkPage(base, session);

/** One visit: bytes and requests that went over the network, and timings (ms). */
async function visit() {
  const fetched = [];
  const onResponse = (e) => {
    if (!e.response.fromDiskCache && !e.response.fromMemoryCache && !e.response.fromServiceWorker) {
      fetched.push({ url: e.response.url, status: e.response.status, encoded: 0, id: e.requestId });
    }
  };
  const sizes = new Map();
  const onFinished = (e) => sizes.set(e.requestId, e.encodedDataLength);
  // Memory-cache hits are reported as responses too, with this event first.
  const cached = new Set();
  const onCached = (e) => cached.add(e.requestId);
  cdp.on('Network.requestServedFromCache', onCached);
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  const started = Date.now();
  await page.goto(base + path, { waitUntil: 'load' });
  await page.waitForSelector('body[data-hydrated="1"]', { timeout: 60000 });
  const hydrated = Date.now() - started;
  const paint = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
  );
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { html: n.responseEnd, load: n.loadEventEnd };
  });
  cdp.off('Network.requestServedFromCache', onCached);
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  const network = fetched.filter((f) => !cached.has(f.id));
  for (const f of network) f.encoded = sizes.get(f.id) ?? 0;
  return { fetched: network, hydrated, paint, ...nav };
}

const ms = (x) => `${Math.round(x)} ms`;
let failed = false;
for (const label of ['first visit', 'return visit']) {
  const v = await visit();
  const bytes = v.fetched.reduce((s, f) => s + f.encoded, 0);
  const assets = v.fetched.filter((f) => new URL(f.url).pathname.startsWith('/pkg/'));
  console.log(
    `  ${label} of ${path} at 400 kbps / 400 ms: HTML in ${ms(v.html)}, first paint ${ms(v.paint)}, ` +
      `load ${ms(v.load)}, hydrated ${ms(v.hydrated)}; ${v.fetched.length} requests, ${bytes} B over the network ` +
      `(${assets.length} for /pkg: ${assets.map((a) => `${new URL(a.url).pathname.split('/').pop()} ${a.status}`).join(', ') || 'none'})`,
  );
  if (label === 'return visit' && assets.length > 0) {
    console.log('  !! a return visit fetched assets again: they must be kept (immutable)');
    failed = true;
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
