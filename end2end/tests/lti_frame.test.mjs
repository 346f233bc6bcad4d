// An LMS frames Sinergi: a small platform (its own RSA key, key set, OIDC
// auth endpoint and a course page with an iframe) runs in this process on
// another site (localhost vs 127.0.0.1). The admin registers it on
// /admin/lti; a learner opens the course page; inside the frame Sinergi's
// login and launch run and the class opens — through the frame's own
// cookie, or, where the browser refuses it, through the one-time link in a
// new tab (the fallback).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import crypto from 'node:crypto';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { BASE, DEMO_PASSWORD } from './support.mjs';

const CLIENT = 'lms-frame-client';
const DEPLOYMENT = 'frame-deploy';
const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'frame-1', alg: 'RS256', use: 'sig' };
const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

function sign(claims) {
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: jwk.kid })}.${b64(claims)}`;
  return `${head}.${crypto.sign('RSA-SHA256', Buffer.from(head), privateKey).toString('base64url')}`;
}

let lms;
let origin;
const suffix = Date.now().toString(36);

function page(res, html) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html><body>${html}</body></html>`);
}

before(async () => {
  lms = http.createServer((req, res) => {
    const url = new URL(req.url, origin);
    if (url.pathname === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ keys: [jwk] }));
    }
    if (url.pathname === '/course') {
      const login = new URLSearchParams({ iss: origin, login_hint: 'frame-learner', target_link_uri: `${BASE}/lti/launch`, client_id: CLIENT });
      return page(res, `<h1>Kursus LMS</h1><iframe id="tool" title="Sinergi" style="width:380px;height:700px" src="${BASE}/lti/login?${login}"></iframe>`);
    }
    if (url.pathname === '/auth') {
      const q = url.searchParams;
      const now = Math.floor(Date.now() / 1000);
      const token = sign({
        iss: origin, aud: CLIENT, sub: `frame-learner-${suffix}`, name: 'Peserta Bingkai', exp: now + 300, iat: now, nonce: q.get('nonce'),
        'https://purl.imsglobal.org/spec/lti/claim/deployment_id': DEPLOYMENT,
        'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiResourceLinkRequest',
        'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
        'https://purl.imsglobal.org/spec/lti/claim/roles': ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
        'https://purl.imsglobal.org/spec/lti/claim/context': { id: `frame-course-${suffix}`, title: `Kursus Bingkai ${suffix}` },
        'https://purl.imsglobal.org/spec/lti/claim/resource_link': { id: 'frame-link' },
      });
      return page(res, `<form id="f" method="post" action="${q.get('redirect_uri')}">
        <input type="hidden" name="id_token" value="${token}"><input type="hidden" name="state" value="${q.get('state')}"></form>
        <script>document.getElementById('f').submit()</script>`);
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((r) => lms.listen(0, r));
  origin = `http://localhost:${lms.address().port}`;
});

after(() => lms?.close());

let registered = false;

/** The admin registers the LMS on /admin/lti (once per run). */
async function register(browser) {
  if (registered) return;
  const admin = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await admin.goto(`${BASE}/login`);
  await admin.waitForSelector('body[data-hydrated="1"]');
  await admin.getByLabel(/Email atau NIP/).fill('admin@sinergi.test');
  await admin.getByLabel(/^Kata sandi$/).fill(DEMO_PASSWORD);
  await admin.getByRole('button', { name: 'Masuk' }).click();
  await admin.getByRole('heading', { level: 1, name: /Selamat datang/ }).waitFor();
  await admin.goto(`${BASE}/admin/lti`);
  await admin.waitForSelector('body[data-hydrated="1"]');
  const form = admin.locator('#lti-manual-section form');
  await form.getByLabel('Nama').fill(`LMS bingkai ${suffix}`);
  await form.getByLabel('Issuer (ID platform)').fill(origin);
  await form.getByLabel('Client ID').fill(CLIENT);
  await form.getByLabel('URL otorisasi (OIDC auth)').fill(`${origin}/auth`);
  await form.getByLabel('URL token akses').fill(`${origin}/token`);
  await form.getByLabel('URL JWKS platform').fill(`${origin}/jwks`);
  await form.getByLabel('ID deployment (satu per baris)').fill(DEPLOYMENT);
  await form.getByRole('button', { name: 'Daftarkan' }).click();
  await admin.locator('#lti-platforms').getByText(`LMS bingkai ${suffix}`).waitFor();
  await admin.context().close();
  registered = true;
}

/** A learner with no Sinergi session opens the course page of the LMS. */
async function openCourse(browser, refuseFrameCookie) {
  await register(browser);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  if (refuseFrameCookie) {
    // As a browser that blocks cookies in third-party frames: the launch's
    // session cookie never arrives.
    await context.route(`${BASE}/lti/launch`, async (route) => {
      const res = await route.fetch();
      const headers = Object.fromEntries(Object.entries(res.headers()).filter(([k]) => k !== 'set-cookie'));
      await route.fulfill({ response: res, headers });
    });
  }
  const learner = await context.newPage();
  await learner.goto(`${origin}/course`);
  return { context, learner, frame: learner.frameLocator('#tool') };
}

const course = () => `Kursus Bingkai ${suffix}`;

test('a learner launches Sinergi inside an LMS frame and the class opens there', async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const { learner, frame } = await openCourse(browser, false);
    await frame.getByRole('heading', { name: course() }).waitFor({ timeout: 30000 });
    await frame.locator('body[data-hydrated="1"]').waitFor(); // and interactive inside the frame
    if (process.env.SINERGI_SHOT) await learner.screenshot({ path: process.env.SINERGI_SHOT });
  } finally {
    await browser.close();
  }
});

test('where the frame cookie is refused, the one-time link opens the class in a new tab', async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const { context, frame } = await openCourse(browser, true);
    await frame.locator('#lti-blocked:not([hidden])').waitFor({ timeout: 30000 });
    assert.equal(await frame.locator('#lti-continue').isVisible(), false);
    const [tab] = await Promise.all([context.waitForEvent('page'), frame.locator('#lti-new-tab').click()]);
    await tab.getByRole('heading', { name: course() }).waitFor();
  } finally {
    await browser.close();
  }
});
