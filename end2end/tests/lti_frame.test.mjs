// An LMS frames Sinergi: a small platform (its own RSA key, key set, OIDC
// auth endpoint and a course page with an iframe) runs in this process on
// another site (localhost vs 127.0.0.1). The admin registers it on
// /admin/lti; a learner opens the course page; inside the frame Sinergi's
// login and launch run and the class opens — through the frame's own
// cookie, or, where the browser refuses it, through the one-time link in a
// new tab (the fallback). Then the course's instructor assigns a scenario
// inside the frame, a learner plays it there through a resource link, and
// the grade the learner sees arrives at the platform's grade book (AGS).
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import crypto from 'node:crypto';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { BASE, DEMO_PASSWORD, playToEnd, watchForCrashes } from './support.mjs';

// Every context a test opens reports here; a test with a crash fails.
const crashes = [];
afterEach(() => assert.deepEqual(crashes.splice(0), [], 'a page crashed or the server answered 5xx'));
async function watchedContext(browser, options) {
  const context = await browser.newContext(options);
  watchForCrashes(context, crashes);
  return context;
}

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

/** The platform's grade book: line items, scores and token assertions received. */
const book = { items: [], scores: [], assertions: [] };
const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function bodyOf(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/** Line items, scores and the token endpoint (AGS 2.0, client credentials). */
async function gradeService(req, res, url) {
  if (url.pathname === '/token' && req.method === 'POST') {
    const form = new URLSearchParams(await bodyOf(req));
    book.assertions.push(form.get('client_assertion'));
    return json(res, 200, { access_token: `tok-${book.assertions.length}`, token_type: 'Bearer', expires_in: 3600 });
  }
  if (!/^Bearer tok-\d+$/.test(req.headers.authorization ?? '')) return json(res, 401, {});
  if (url.pathname === '/lineitems' && req.method === 'GET') {
    const wanted = url.searchParams.get('resource_id');
    return json(res, 200, book.items.filter((i) => !wanted || i.resourceId === wanted));
  }
  if (url.pathname === '/lineitems' && req.method === 'POST') {
    const item = { ...JSON.parse(await bodyOf(req)), id: `${origin}/lineitems/${book.items.length + 1}` };
    book.items.push(item);
    return json(res, 201, item);
  }
  const scores = url.pathname.match(/^\/lineitems\/(\d+)\/scores$/);
  if (scores && req.method === 'POST') {
    book.scores.push({ item: book.items[Number(scores[1]) - 1], score: JSON.parse(await bodyOf(req)) });
    res.writeHead(204);
    return res.end();
  }
  return json(res, 404, {});
}

/** The platform's side of LTI Platform Storage: lti.put_data / lti.get_data
 *  answered for the frame, kept per origin (runs in the course page). */
const platformStorage = `
  window.ltiStore = {};
  window.addEventListener('message', function (e) {
    var d = e.data || {}, key = e.origin + '|' + d.key;
    if (d.subject === 'lti.put_data') {
      window.ltiStore[key] = d.value;
      e.source.postMessage({ subject: 'lti.put_data.response', message_id: d.message_id, key: d.key, value: d.value }, e.origin);
    } else if (d.subject === 'lti.get_data') {
      e.source.postMessage({ subject: 'lti.get_data.response', message_id: d.message_id, key: d.key, value: window.ltiStore[key] }, e.origin);
    }
  });`;

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
    if (url.pathname === '/token' || url.pathname.startsWith('/lineitems')) return gradeService(req, res, url);
    if (url.pathname === '/course') {
      // Who opens it (learner or teacher), the resource link's target, and
      // whether the platform offers its storage to the frame.
      const storage = url.searchParams.has('storage');
      const login = new URLSearchParams({
        iss: origin, login_hint: `${url.searchParams.get('who') ?? 'learner'}${storage ? ':storage' : ''}`, target_link_uri: `${BASE}/lti/launch`, client_id: CLIENT,
        lti_message_hint: url.searchParams.get('target') ?? '',
        ...(storage ? { lti_storage_target: '_parent' } : {}),
      });
      return page(res, `<h1>Kursus LMS</h1><iframe id="tool" title="Sinergi" style="width:380px;height:700px" src="${BASE}/lti/login?${login}"></iframe>
        ${storage ? `<script>${platformStorage}</script>` : ''}`);
    }
    if (url.pathname === '/auth') {
      const q = url.searchParams;
      const now = Math.floor(Date.now() / 1000);
      const [who, storage] = (q.get('login_hint') ?? '').split(':');
      const teacher = who === 'teacher';
      const role = teacher ? 'Instructor' : 'Learner';
      const target = q.get('lti_message_hint');
      const token = sign({
        iss: origin, aud: CLIENT, sub: `frame-${teacher ? 'teacher' : 'learner'}-${suffix}`, name: teacher ? 'Pengajar Bingkai' : 'Peserta Bingkai',
        exp: now + 300, iat: now, nonce: q.get('nonce'),
        'https://purl.imsglobal.org/spec/lti/claim/deployment_id': DEPLOYMENT,
        'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiResourceLinkRequest',
        'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
        'https://purl.imsglobal.org/spec/lti/claim/roles': [`http://purl.imsglobal.org/vocab/lis/v2/membership#${role}`],
        'https://purl.imsglobal.org/spec/lti/claim/custom': target ? { sinergi_target: target } : {},
        [AGS]: {
          scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem', 'https://purl.imsglobal.org/spec/lti-ags/scope/score'],
          lineitems: `${origin}/lineitems`,
        },
        'https://purl.imsglobal.org/spec/lti/claim/context': { id: `frame-course-${suffix}`, title: `Kursus Bingkai ${suffix}` },
        'https://purl.imsglobal.org/spec/lti/claim/resource_link': { id: 'frame-link' },
      });
      return page(res, `<form id="f" method="post" action="${q.get('redirect_uri')}">
        <input type="hidden" name="id_token" value="${token}"><input type="hidden" name="state" value="${q.get('state')}">
        ${storage ? '<input type="hidden" name="lti_storage_target" value="_parent">' : ''}</form>
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
  const admin = await (await watchedContext(browser, { viewport: { width: 390, height: 844 } })).newPage();
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
async function openCourse(browser, refuseFrameCookie, query = '') {
  await register(browser);
  const context = await watchedContext(browser, { viewport: { width: 390, height: 844 } });
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
  await learner.goto(`${origin}/course${query}`);
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

/** The frame once Sinergi's page at `path` (a RegExp) is in it. */
async function toolFrame(page, path) {
  for (let i = 0; i < 100; i++) {
    const f = page.frames().find((fr) => fr.url().startsWith(BASE) && path.test(new URL(fr.url()).pathname));
    if (f) return f;
    await page.waitForTimeout(200);
  }
  throw new Error(`no Sinergi frame at ${path}: ${page.frames().map((f) => f.url())}`);
}

/** Whether `token` was signed by one of Sinergi's published keys. */
async function signedBySinergi(token) {
  const { keys } = await (await fetch(`${BASE}/lti/jwks`)).json();
  const [head, claims, signature] = token.split('.');
  const { kid } = JSON.parse(Buffer.from(head, 'base64url'));
  const key = keys.find((k) => k.kid === kid);
  const ok = key && crypto.verify('RSA-SHA256', Buffer.from(`${head}.${claims}`), crypto.createPublicKey({ key, format: 'jwk' }), Buffer.from(signature, 'base64url'));
  return ok ? JSON.parse(Buffer.from(claims, 'base64url')) : null;
}

test('where the frame keeps no cookie at all, the platform storage carries the state and the one-time link opens the class', async () => {
  // Pages the test fulfils count as public to Chromium, which then blocks
  // their step to the platform on localhost (local network access checks);
  // a real LMS is not on the learner's loopback, so the check is off here.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-features=LocalNetworkAccessChecks'],
  });
  try {
    await register(browser);
    const context = await watchedContext(browser, { viewport: { width: 390, height: 844 } });
    // As a browser that keeps no cookie in a third-party frame, partitioned or
    // not: no response to the frame may set one. (Sent on by the test with the
    // browser's own headers, Sec-Fetch-Site included.)
    await context.route((u) => u.href.startsWith(BASE), async (route) => {
      const req = route.request();
      // A new tab's first request has no frame yet: it is a top-level page.
      const inFrame = (() => { try { return Boolean(req.frame().parentFrame()); } catch { return false; } })();
      if (!inFrame) return route.continue();
      const res = await route.fetch({ headers: await req.allHeaders(), maxRedirects: 0 });
      await context.clearCookies(); // the fetch's own jar would keep them
      // (The body arrives decoded: its encoding and length headers go too.)
      const drop = ['set-cookie', 'content-encoding', 'content-length'];
      const headers = Object.fromEntries(Object.entries(res.headers()).filter(([k]) => !drop.includes(k)));
      await route.fulfill({ response: res, headers });
    });
    const learner = await context.newPage();
    await learner.goto(`${origin}/course?storage=1`);
    const frame = learner.frameLocator('#tool');
    await frame.locator('#lti-blocked:not([hidden])').waitFor({ timeout: 30000 });
    const stored = await learner.evaluate(() => Object.keys(window.ltiStore));
    assert.equal(stored.length, 1, 'the login put its state in the platform storage');
    assert.ok(stored[0].startsWith(`${BASE}|state_`), stored[0]);
    const [tab] = await Promise.all([context.waitForEvent('page'), frame.locator('#lti-new-tab').click()]);
    await tab.getByRole('heading', { name: course() }).waitFor();

    // Without the storage (and without cookies) the launch is refused, and says why.
    const bare = await context.newPage();
    await bare.goto(`${origin}/course`);
    await bare.frameLocator('#tool').locator('#lti-failure[data-code="state"]').waitFor({ timeout: 30000 });
  } finally {
    await browser.close();
  }
});

test('a scenario completed inside the frame sends its grade to the LMS grade book', async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    // The course's instructor opens Sinergi in the frame and assigns a scenario there.
    const teacher = await openCourse(browser, false, '?who=teacher');
    await teacher.frame.getByRole('heading', { name: course() }).waitFor({ timeout: 30000 });
    const classFrame = await toolFrame(teacher.learner, /^\/classes\/\d+$/);
    const classPath = new URL(classFrame.url()).pathname;
    await classFrame.goto(`${BASE}${classPath}/scenarios`);
    await classFrame.waitForSelector('body[data-hydrated="1"]');
    await classFrame.locator('#assign-scenario').selectOption('rapat-hibrida');
    await classFrame.getByRole('button', { name: 'Tugaskan', exact: true }).click();
    const card = classFrame.locator('li.card').filter({ hasText: 'Satu rapat, dua dunia' });
    await card.waitFor();
    const href = await card.locator(`a[href^="${classPath}/scenarios/"]`).first().getAttribute('href');
    const assignment = href.match(/scenarios\/(\d+)/)[1];
    await teacher.context.close();

    // A learner follows the resource link: the scenario opens in the frame and is played to its end.
    const learner = await openCourse(browser, false, `?who=learner&target=scenario:${assignment}`);
    await learner.frame.getByRole('button', { name: 'Mulai' }).waitFor({ timeout: 30000 });
    const play = await toolFrame(learner.learner, new RegExp(`/scenarios/${assignment}$`));
    await play.waitForSelector('body[data-hydrated="1"]');
    await play.getByRole('button', { name: 'Mulai' }).click();
    await play.locator('.scenario-progress span').waitFor();
    await playToEnd(play, true);
    const shown = Number((await play.locator('.decision-grade strong').innerText()).match(/(\d+) dari 100/)[1]);

    // The outbox delivers it: a line item for the scenario, the score the learner saw.
    for (let i = 0; i < 100 && !book.scores.length; i++) await new Promise((r) => setTimeout(r, 200));
    assert.equal(book.scores.length, 1, 'one grade reached the LMS');
    const { item, score } = book.scores[0];
    assert.equal(item.resourceId, `scenario:${assignment}`);
    assert.equal(item.label, 'Satu rapat, dua dunia');
    assert.equal(score.userId, `frame-learner-${suffix}`);
    assert.ok(Math.abs(score.scoreGiven - shown) <= 0.5, `${score.scoreGiven} vs ${shown} shown`);
    assert.equal(score.scoreMaximum, 100);
    assert.equal(score.gradingProgress, 'FullyGraded');
    assert.equal(score.activityProgress, 'Completed');
    assert.match(score.comment, /^Skor keputusan \d+ dari 100/);
    const claims = await signedBySinergi(book.assertions.at(-1));
    assert.ok(claims, 'the token request was signed with a key Sinergi publishes');
    assert.equal(claims.iss, CLIENT);
    assert.equal(claims.aud, `${origin}/token`);
  } finally {
    await browser.close();
  }
});
