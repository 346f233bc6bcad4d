import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const BASE = 'http://127.0.0.1:3100';
async function as(who, width) {
  const ctx = await b.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(BASE + '/login');
  await page.getByLabel(/Email atau NIP/).fill(who);
  await page.getByLabel(/^Kata sandi$/).fill('sinergi-demo-2026');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForTimeout(1200);
  return page;
}
let page = await as('widyaiswara@sinergi.test', 1200);
await page.goto(BASE + '/classes/1/teams'); await page.waitForSelector('body[data-hydrated="1"]');
await page.getByRole('button', { name: /^(Bentuk tim|Bentuk ulang)/ }).click();
await page.waitForSelector('.team-card');
await page.screenshot({ path: '/tmp/s-teams-desk.png', fullPage: true });
await page.setViewportSize({ width: 390, height: 844 });
await page.screenshot({ path: '/tmp/s-teams-390.png', fullPage: false });
await page.locator('.team-cards').scrollIntoViewIfNeeded();
await page.screenshot({ path: '/tmp/s-teams-390-cards.png' });
await page.goto(BASE + '/classes/1/mentoring'); await page.waitForSelector('body[data-hydrated="1"]');
await page.getByRole('button', { name: 'Usulkan pasangan' }).click();
await page.waitForSelector('table.pairs tbody tr');
await page.setViewportSize({ width: 1200, height: 900 });
await page.screenshot({ path: '/tmp/s-mentoring.png', fullPage: true });
await page.goto(BASE + '/classes/1'); await page.screenshot({ path: '/tmp/s-class.png' });
await b.close();
