// A Chromium page at 390 px on a slow island link (400 kbps, 400 ms latency,
// DevTools network emulation), signed in when SESSION is given.
import { chromium } from '../../end2end/node_modules/playwright-core/index.mjs';

export async function slowLinkPage(base, session) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
  if (session) await context.addCookies([{ name: 'sinergi_session', value: session, url: base }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: (400 * 1000) / 8,
    uploadThroughput: (400 * 1000) / 8,
  });
  return { browser, page, cdp };
}
