import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TalkingPoint } from '@call-assist/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWavHeader, WAV_HEADER_BYTES } from '../../server/src/lib/audio/wav.js';
import { SAMPLE_RATE_HZ, sentenceTurns, synthesizeTimedTurns, TEST_SENTENCES, type TimedSpeech } from '../../server/test/helpers/speech.js';
import { api, settledCall, startTestApp, TEST_ADMIN, type TestApp } from '../../server/test/helpers/test-app.js';
import { ensureClientBuilt } from '../scripts/build-if-stale.mjs';
import { launchChromium, logInThroughApi, recordPageErrors, screenshotAtWidths, unlabelledControls } from './helpers/browser.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';
import { writeWav } from './helpers/wav.js';

/** Generous: the speech engine works in real time and CI machines are slow; nothing here is a timing claim. */
const SPEECH_TIMEOUT_MS = 60_000;

/**
 * The web client in a real Chromium against the real service: talking points made in the admin
 * screen, then a live call whose microphone is a flite-spoken WAV (Chromium's fake capture device),
 * through the AudioWorklet, the socket, the local speech engine and back to the pane.
 */
describe('web client in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let work: string;
  let speech: TimedSpeech;

  beforeAll(async () => {
    ensureClientBuilt({ quiet: true });
    work = await mkdtemp(path.join(os.tmpdir(), 'call-assist-browser-'));
    // "Thank you for calling the clinic. / Can I ask, is it safe? / All of our injectors are registered nurses.
    // / What does the treatment cost? / We have a payment plan." — a corpus excerpt with an objection the
    // local analyzer finds (safety), so the review page has a category and an objection to show.
    speech = await synthesizeTimedTurns(sentenceTurns(5));
    // Trailing silence lets the engine see the last utterance end before the rep ends the call.
    const samples = new Int16Array(speech.samples.length + 2 * SAMPLE_RATE_HZ);
    samples.set(speech.samples);
    const wav = path.join(work, 'microphone.wav');
    await writeWav(wav, samples, SAMPLE_RATE_HZ);
    app = await startTestApp();
    browser = await launchChromium({ fakeMicrophoneWav: wav });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** The talking points the speech triggers; made through the admin UI by the first test, through the API when run alone. */
  async function ensureTalkingPoint(title: string, phrases: string[]): Promise<void> {
    const existing = (await api<TalkingPoint[]>(app, 'GET', '/api/talking-points')).body;
    if (existing.some((point) => point.title === title)) return;
    await api(app, 'POST', '/api/talking-points', { title, body: `${title} talking point.`, phrases });
  }

  async function openPage(route: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 860 } });
    const errors = recordPageErrors(page);
    await logInThroughApi(page, app.baseUrl, TEST_ADMIN);
    await page.goto(app.baseUrl + route);
    return { page, errors };
  }

  it('manages talking points: server validation inline, phrases as chips, a live preview, delete with confirmation', async () => {
    const { page, errors } = await openPage('/talking-points');
    await page.getByText('No talking points yet').waitFor();
    await captureScreen(page, 'talking-points-empty');

    await page.getByRole('button', { name: 'New talking point' }).click();
    await page.getByLabel('What the rep sees').fill('All of our injectors are registered nurses, and a doctor reviews every new patient.');
    const phrases = page.getByLabel('Trigger phrases', { exact: true });
    await phrases.fill('is it safe');
    await phrases.press('Enter');
    await phrases.fill('side effects');
    await phrases.press('Enter');
    await expect.poll(() => page.locator('.chips .chip').allTextContents()).toEqual(['is it safe×', 'side effects×']);

    // No title: the server refuses, and says so next to the field.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Enter a title').waitFor();
    expect(await page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Title').fill('Safety');
    await page.getByText('Enter a title').waitFor({ state: 'detached' });
    await page.getByLabel('Something a caller might say').fill('Hello there. Can I ask, is it safe?');
    const preview = page.getByTestId('try-results');
    await preview.getByText('Safety').waitFor();
    expect(await preview.locator('mark').allTextContents()).toEqual(['is it safe']);
    await captureScreen(page, 'talking-point-form');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved “Safety”').waitFor();
    await createThroughForm(page, 'Credentials', 'Registered nurses, ten years on average.', ['registered nurses']);
    // One made with the keyboard alone: the title field has focus, Tab moves on, Enter adds a phrase
    // in the phrase box and submits the form from the title.
    await page.getByRole('button', { name: 'New talking point' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Parking');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Free parking behind the clinic.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('parking');
    await page.keyboard.press('Enter');
    // Back past the new chip's remove button and the text.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('document.activeElement.labels[0].textContent')).toBe('Title');
    await page.keyboard.press('Enter');
    await page.getByText('Saved “Parking”').waitFor();

    // The preview now runs over the saved points: synonyms give one card, two points give two.
    await page.getByLabel('Something a caller might say').fill('Any side effects? Are they registered nurses?');
    await expect.poll(() => preview.locator('li strong').allTextContents()).toEqual(['Safety', 'Credentials']);

    await page.getByLabel('Search').fill('parking');
    await expect.poll(() => page.getByTestId('talking-point').count()).toBe(1);
    await page.getByRole('button', { name: 'Delete “Parking”' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('“Parking” will no longer show on calls').waitFor();
    await captureScreen(page, 'talking-point-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Nothing matches “parking”').waitFor();
    await page.getByLabel('Search').fill('');
    await expect.poll(() => page.getByTestId('talking-point').count()).toBe(2);
    await captureScreen(page, 'talking-points-list');

    const saved = (await api<TalkingPoint[]>(app, 'GET', '/api/talking-points')).body;
    expect(saved.map(({ title, phrases, speaker, enabled }) => ({ title, phrases, speaker, enabled }))).toEqual(
      expect.arrayContaining([
        { title: 'Safety', phrases: ['is it safe', 'side effects'], speaker: 'any', enabled: true },
        { title: 'Credentials', phrases: ['registered nurses'], speaker: 'any', enabled: true },
      ]),
    );
    expect(saved).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('runs a live call from the microphone: transcript, cards with latency, feedback, end, review with the analysis', async () => {
    await ensureTalkingPoint('Safety', ['is it safe', 'side effects']);
    await ensureTalkingPoint('Credentials', ['registered nurses']);
    const { page, errors } = await openPage('/', 400);
    await page.getByRole('button', { name: 'Start call' }).waitFor();
    await captureScreen(page, 'live-call-idle');

    await page.getByRole('button', { name: 'Start call' }).click();
    await page.locator('[data-phase="live"]').first().waitFor({ timeout: 30_000 });
    // The meter moves with the voice (it reads 0 in the silence before the first words).
    await expect.poll(async () => Number(await page.getByRole('meter', { name: 'You: input level' }).getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(5);
    const transcript = page.getByRole('log', { name: 'Live transcript' });
    await transcript.getByText(/is it safe/i).waitFor({ timeout: SPEECH_TIMEOUT_MS });

    const safetyCard = page.locator('article.card', { hasText: 'Safety' });
    await safetyCard.waitFor({ timeout: SPEECH_TIMEOUT_MS });
    expect((await safetyCard.locator('mark').allTextContents()).map((text) => text.toLowerCase())).toContain('is it safe');
    const latencyText = await safetyCard.locator('.card-latency').textContent();
    expect(latencyText).toMatch(/⚡ [\d.]+ (ms|s)/);
    await safetyCard.getByRole('button', { name: 'Mark "Safety" used' }).click();
    await safetyCard.getByText('✓ Used').waitFor();

    // Cards are newest first: the credentials card, heard later, goes above.
    await page.locator('article.card', { hasText: 'Credentials' }).waitFor({ timeout: SPEECH_TIMEOUT_MS });
    expect(await page.locator('article.card h3').allTextContents()).toEqual(['Credentials', 'Safety']);
    await captureScreen(page, 'live-call-active');

    // The rep ends the call once the caller's last words are in (the analysis needs the whole excerpt).
    await transcript.getByText(/payment plan/i).waitFor({ timeout: SPEECH_TIMEOUT_MS });
    await page.getByRole('button', { name: 'End call' }).click();
    const reviewLink = page.getByRole('link', { name: 'Review this call' });
    await reviewLink.waitFor({ timeout: SPEECH_TIMEOUT_MS });
    expect(await page.locator('[data-phase]').first().getAttribute('data-phase')).toBe('ended');
    // After the call the socket is gone: feedback goes through the API.
    const credentialsCard = page.locator('article.card', { hasText: 'Credentials' });
    await credentialsCard.getByRole('button', { name: 'Dismiss "Credentials"' }).click();
    await credentialsCard.getByText('Dismissed').waitFor();
    await captureScreen(page, 'live-call-ended');

    const figures = await page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name)[0]!.startTime;
      return { capture: at('call-assist:capture-started'), live: at('call-assist:live'), firstTranscript: at('call-assist:first-transcript'), firstCard: at('call-assist:first-card') };
    });
    const callId = (await reviewLink.getAttribute('href'))!.split('/').at(-1)!;

    await reviewLink.click();
    await reviewShowsTheCall(app, page, callId);

    // The call is now history a backtest can search: where would "Safety" have fired?
    await page.getByRole('link', { name: 'Talking points' }).click();
    await page.getByRole('button', { name: 'Edit “Safety”' }).click();
    await page.getByRole('button', { name: 'Backtest' }).click();
    const backtest = page.getByTestId('backtest-result');
    await backtest.getByText('Heard in 1 of 1 past call (1 time)').waitFor();
    expect(await backtest.locator('mark').allTextContents()).toEqual(['is it safe']);
    await backtest.getByRole('link').first().waitFor();
    await captureScreen(page, 'talking-point-backtest');

    // Card-to-outcome on the analytics page: each card fired once, in this one (not booked) call.
    await page.getByRole('link', { name: 'Analytics' }).click();
    const points = page.getByTestId('chart-talking-points');
    await points.getByText('Safety: 1 card in 1 call, 0 booked').waitFor();
    await points.getByText('Credentials: 1 card in 1 call, 0 booked').waitFor();
    await captureScreen(page, 'analytics-live-call');
    expect(errors).toEqual([]);

    // Figures for the report, not assertions. The microphone's audio starts about one frame (100 ms)
    // before the first frame leaves the worklet; the speech starts 0.7 s into it.
    const audioOrigin = figures.capture - 100;
    const speechStartMs = speech.spans[0]!.startMs;
    const safeEndsAtMs = speech.spans[1]!.endMs;
    console.log(
      `[browser figures] socket ready→first transcript ${Math.round(figures.firstTranscript - figures.live)} ms; ` +
        `speech start→first transcript ≈${Math.round(figures.firstTranscript - audioOrigin - speechStartMs)} ms; ` +
        `end of "is it safe"→its card on screen ≈${Math.round(figures.firstCard - audioOrigin - safeEndsAtMs)} ms; card latency shown: ${latencyText}`,
    );
    await page.close();
  }, 180_000);

  it('shows failures where they happen, never a blank page', async () => {
    const { page } = await openPage('/nowhere', 400);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();

    // A call that does not exist: the page says so, with a way to retry.
    await page.goto(`${app.baseUrl}/calls/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').getByText('There is no such call').waitFor();
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await captureScreen(page, 'error-unknown-call');

    // A talking point deleted elsewhere meanwhile: deleting it here fails with a toast, and the page stays usable.
    const { body: gone } = await api<TalkingPoint>(app, 'POST', '/api/talking-points', { title: 'Gone soon', body: 'x', phrases: ['gone soon'] });
    await page.goto(`${app.baseUrl}/talking-points`);
    await page.getByRole('button', { name: 'Delete “Gone soon”' }).click();
    await api(app, 'DELETE', `/api/talking-points/${gone.id}`);
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alert').getByText('Could not delete: no such talking point').waitFor();
    await page.getByRole('button', { name: 'Delete “Gone soon”' }).waitFor({ state: 'detached' });
    await captureScreen(page, 'error-toast');
    await page.getByRole('button', { name: 'Dismiss notification' }).click();
    await page.getByRole('alert').waitFor({ state: 'detached' });
    await page.close();
  }, 60_000);

  it('reconnects after the network drops and resumes the same call without losing its words', async () => {
    // The browser reaches the app through a relay the test can cut, like a Wi-Fi drop.
    await ensureTalkingPoint('Safety', ['is it safe', 'side effects']);
    await ensureTalkingPoint('Credentials', ['registered nurses']);
    const proxy = await startTcpProxy(app.port);
    try {
      const page = await browser.newPage({ viewport: { width: 400, height: 860 } });
      const errors = recordPageErrors(page);
      const viaProxy = `http://127.0.0.1:${proxy.port}`;
      await logInThroughApi(page, viaProxy, TEST_ADMIN);
      await page.goto(`${viaProxy}/`);
      await page.evaluate(RECORD_PHASES);
      const created = page.waitForResponse((response) => response.url().endsWith('/api/live-calls'));
      await page.getByRole('button', { name: 'Start call' }).click();
      const { callId } = (await (await created).json()) as { callId: string };
      // Socket tokens are short-lived: every reconnect asks for a fresh one.
      const tokenRequests: number[] = [];
      page.on('response', (response) => response.url().endsWith(`/api/live-calls/${callId}/token`) && tokenRequests.push(response.status()));
      const transcript = page.getByRole('log', { name: 'Live transcript' });
      await transcript.getByText(/calling/i).waitFor({ timeout: SPEECH_TIMEOUT_MS });

      proxy.dropConnections();
      await expect.poll(() => page.evaluate('window.__phases'), { timeout: 30_000 }).toEqual(['idle', 'starting', 'connecting', 'live', 'reconnecting', 'live']);
      await page.locator('article.card', { hasText: 'Safety' }).waitFor({ timeout: SPEECH_TIMEOUT_MS });
      await page.locator('article.card', { hasText: 'Credentials' }).waitFor({ timeout: SPEECH_TIMEOUT_MS });
      await captureScreen(page, 'live-call-after-reconnect');
      await page.getByRole('button', { name: 'End call' }).click();
      const reviewLink = page.getByRole('link', { name: 'Review this call' });
      await reviewLink.waitFor({ timeout: SPEECH_TIMEOUT_MS });

      const phases = (await page.evaluate('window.__phases')) as string[];
      expect(phases).toEqual(['idle', 'starting', 'connecting', 'live', 'reconnecting', 'live', 'ending', 'ended']);
      expect(tokenRequests).toContain(200);
      // Still the call it started: one call, with every sentence in its transcript.
      expect(await reviewLink.getAttribute('href')).toBe(`/calls/${callId}`);
      const { body: detail } = await api<{ segments: { text: string }[]; cards: { title: string }[] }>(app, 'GET', `/api/calls/${callId}`);
      const words = detail.segments.map((segment) => segment.text).join(' ');
      expect(words).toMatch(/calling the clinic/);
      expect(words).toMatch(/is it safe/);
      expect(words).toMatch(/registered nurses/);
      expect(detail.cards.map((card) => card.title)).toEqual(['Safety', 'Credentials']);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await proxy.close();
    }
  }, 180_000);

  it('mutes the call: what is said while muted is neither transcribed nor recorded, and the span shows live and on the review page', async () => {
    await ensureTalkingPoint('Safety', ['is it safe', 'side effects']);
    // Three sentences 3 s apart; the middle one ("is it safe?") is said while the rep has the call muted.
    const spoken = await synthesizeTimedTurns([0, 1, 4].map((i) => ({ speaker: i === 1 ? 'caller' : 'agent', text: TEST_SENTENCES[i]! })), 3_000);
    const samples = new Int16Array(spoken.samples.length + 2 * SAMPLE_RATE_HZ);
    samples.set(spoken.samples);
    const wav = path.join(work, 'muted-microphone.wav');
    await writeWav(wav, samples, SAMPLE_RATE_HZ);
    // The rep mutes and unmutes by the call timer (whole seconds), in the silences around the middle sentence.
    const [first, middle, last] = spoken.spans as [TimedSpeech['spans'][number], TimedSpeech['spans'][number], TimedSpeech['spans'][number]];
    const muteAtS = Math.ceil((first.endMs + 500) / 1000);
    const unmuteAtS = Math.ceil((middle.endMs + 500) / 1000);
    expect(muteAtS * 1000).toBeLessThan(middle.startMs - 500);
    expect(unmuteAtS * 1000).toBeLessThan(last.startMs - 500);
    const mutedBrowser = await launchChromium({ fakeMicrophoneWav: wav });
    try {
      const page = await mutedBrowser.newPage({ viewport: { width: 1280, height: 860 } });
      const errors = recordPageErrors(page);
      await logInThroughApi(page, app.baseUrl, TEST_ADMIN);
      await page.goto(`${app.baseUrl}/`);
      const created = page.waitForResponse((response) => response.url().endsWith('/api/live-calls'));
      await page.getByRole('button', { name: 'Start call' }).click();
      const { callId } = (await (await created).json()) as { callId: string };
      const transcript = page.getByRole('log', { name: 'Live transcript' });
      const callTime = page.getByTestId('call-time');
      const mute = page.getByRole('switch', { name: 'Mute' });
      // Clicked as a rep does: on the switch's label.
      const muteLabel = page.locator('label.toggle', { hasText: 'Mute' });
      // The call timer shows the call's audio time (m:ss); read every frame, so the switch is flipped within the silence.
      const callTimeReaches = (seconds: number) =>
        page.waitForFunction(
          (at) => {
            // Runs in the page (a function, not a string: the page's CSP forbids eval).
            const page = globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } };
            const [minutes = 0, secs = 0] = (page.document.querySelector('[data-testid="call-time"]')?.textContent ?? '0:00').split(':').map(Number);
            return minutes * 60 + secs >= at;
          },
          seconds,
          { polling: 'raf', timeout: SPEECH_TIMEOUT_MS },
        );
      const callTimeMs = async () => {
        const [minutes, secs] = ((await callTime.textContent()) ?? '').split(':').map(Number);
        return (minutes! * 60 + secs!) * 1000;
      };
      await callTimeReaches(muteAtS);
      await muteLabel.click();
      expect(await mute.isChecked()).toBe(true);
      expect(await callTimeMs()).toBeLessThan(middle.startMs);
      await transcript.getByText(/calling the clinic/i).waitFor({ timeout: SPEECH_TIMEOUT_MS });
      await transcript.getByText('Muted — nothing is transcribed').waitFor();
      await page.getByText('Muted: not sent or transcribed').waitFor();
      await captureScreen(page, 'live-call-muted');
      await callTimeReaches(unmuteAtS);
      await muteLabel.click();
      expect(await mute.isChecked()).toBe(false);
      expect(await callTimeMs()).toBeLessThan(last.startMs);
      await transcript.getByText(/Muted until \d:\d\d/).waitFor();
      await transcript.getByText(/payment plan/i).waitFor({ timeout: SPEECH_TIMEOUT_MS });
      await page.getByRole('button', { name: 'End call' }).click();
      await page.getByRole('link', { name: 'Review this call' }).click();

      // The review page shows the span in its place in the transcript; nothing said in it was kept.
      const review = page.getByRole('list', { name: 'Transcript' });
      await review.getByText(/payment plan/i).waitFor();
      const mutedLine = page.getByTestId('muted-span');
      await mutedLine.getByText(/Muted by the rep until 0:\d\d: silent in the recording, not transcribed/).waitFor();
      await captureScreen(page, 'call-review-muted');
      expect(await review.textContent()).not.toMatch(/is it safe/i);
      expect(await page.locator('article.card', { hasText: 'Safety' }).count()).toBe(0);

      const { body: detail } = await api<{ call: { mutedSpans: { startMs: number; endMs: number }[] }; segments: { text: string }[]; cards: unknown[] }>(app, 'GET', `/api/calls/${callId}`);
      expect(detail.call.mutedSpans).toHaveLength(1);
      const [span] = detail.call.mutedSpans;
      expect(span!.startMs).toBeLessThan(middle.startMs);
      expect(span!.endMs).toBeGreaterThan(middle.endMs);
      expect(detail.segments.map((segment) => segment.text).join(' ')).not.toMatch(/is it safe/);
      expect(detail.cards).toEqual([]);
      // The recording holds silence for the muted span, and the speech around it.
      const recording = Buffer.from(await (await app.fetch(`/api/calls/${callId}/audio`)).arrayBuffer());
      expect(parseWavHeader(recording).durationMs).toBeGreaterThan(last.endMs);
      const pcm = new Int16Array(recording.buffer.slice(recording.byteOffset + WAV_HEADER_BYTES, recording.byteOffset + recording.length));
      const loudest = (fromMs: number, toMs: number) => pcm.subarray(fromMs * 16, toMs * 16).reduce((max, value) => Math.max(max, Math.abs(value)), 0);
      expect(loudest(span!.startMs, span!.endMs)).toBe(0);
      expect(loudest(first.startMs, first.endMs)).toBeGreaterThan(1_000);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await mutedBrowser.close();
    }
  }, 180_000);

  it('asks before a reload ends the call, then resumes it with what was said so far', async () => {
    await ensureTalkingPoint('Safety', ['is it safe', 'side effects']);
    const { page, errors } = await openPage('/', 400);
    const created = page.waitForResponse((response) => response.url().endsWith('/api/live-calls'));
    await page.getByRole('button', { name: 'Start call' }).click();
    const { callId } = (await (await created).json()) as { callId: string };
    const transcript = page.getByRole('log', { name: 'Live transcript' });
    await transcript.locator('.transcript-final', { hasText: 'calling the clinic' }).waitFor({ timeout: SPEECH_TIMEOUT_MS });

    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await page.getByText('A call was in progress when this page was reloaded.').waitFor();
    await captureScreen(page, 'live-call-resume-offer');
    // Only the call's id survived the reload: resuming asks for a fresh socket token.
    const freshToken = page.waitForResponse((response) => response.url().endsWith(`/api/live-calls/${callId}/token`));
    await page.getByRole('button', { name: 'Resume the call' }).click();
    expect((await freshToken).status()).toBe(200);
    await page.locator('.live-controls [data-phase="live"]').waitFor({ timeout: 30_000 });
    // The microphone starts its recording again, so the first sentence is heard a second time: two
    // lines, the first one restored from before the reload.
    await expect.poll(() => transcript.locator('.transcript-final', { hasText: 'calling the clinic' }).count(), { timeout: SPEECH_TIMEOUT_MS }).toBe(2);
    await page.locator('article.card', { hasText: 'Safety' }).waitFor({ timeout: SPEECH_TIMEOUT_MS });
    await page.getByRole('button', { name: 'End call' }).click();
    const reviewLink = page.getByRole('link', { name: 'Review this call' });
    await reviewLink.waitFor({ timeout: SPEECH_TIMEOUT_MS });
    expect(await reviewLink.getAttribute('href')).toBe(`/calls/${callId}`);
    expect(await page.locator('article.card', { hasText: 'Safety' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

/**
 * The acceptance check of the review page for the live call: the call, its transcript, both cards on
 * the timeline and in the list, and — once analysed — its category and objection, whose quote leads
 * to its transcript line. A click on a card's marker moves the player to the card.
 */
async function reviewShowsTheCall(app: TestApp, page: Page, callId: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Live call' }).waitFor();
  await page.getByTestId('call-status').getByText('Ended').waitFor();
  const transcript = page.getByRole('list', { name: 'Transcript' });
  await transcript.getByText(/is it safe/i).waitFor();
  const markers = page.getByTestId('timeline-marker');
  await expect.poll(() => markers.count()).toBe(2);
  expect(await markers.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')))).toEqual([
    expect.stringMatching(/^Play from “Safety” at 0:\d\d$/),
    expect.stringMatching(/^Play from “Credentials” at 0:\d\d$/),
  ]);
  const cards = page.getByTestId('fired-cards');
  expect(await cards.locator('h3').allTextContents()).toEqual(['Safety', 'Credentials']);
  expect(await cards.locator('.card-feedback-label').allTextContents()).toEqual(['✓ Used', 'Dismissed']);

  // The analysis arrives while the page is open (it polls): category, then the objection with its quote.
  const settled = await settledCall<CallDetail>(app, callId);
  expect(settled.call.analysisStatus).toBe('completed');
  const category = page.getByTestId('analysis-category');
  await category.getByText(CATEGORY_LABELS[settled.analysis!.category]).waitFor({ timeout: SPEECH_TIMEOUT_MS });
  expect(settled.analysis!.objections.map((objection) => objection.type)).toContain('safety-risk');
  const objections = page.getByTestId('objections');
  await objections.getByText('Safety / risk').waitFor();
  await objections.getByRole('link', { name: /Show in the transcript: “.*is it safe/i }).click();
  const quotedLine = transcript.locator('li', { has: page.locator('mark', { hasText: /is it safe/i }) });
  await expect.poll(() => quotedLine.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
  await captureScreen(page, 'call-review');

  // Playing moves the highlight along the transcript: from the first line on to the second.
  const currentLine = () => transcript.locator('li[aria-current="true"]').textContent();
  await transcript.locator('li').first().getByRole('button', { name: /^Play from / }).click();
  await expect.poll(currentLine).toContain(settled.segments[0]!.text);
  await expect.poll(currentLine, { timeout: SPEECH_TIMEOUT_MS }).toContain(settled.segments[1]!.text);

  // A card's marker moves the recording to the card's moment and highlights the line heard there
  // (the player is held still for this check, so the position cannot run on).
  const audio = page.getByLabel('Call recording');
  await audio.evaluate((element) => {
    const player = element as unknown as { pause(): void; addEventListener(type: string, listener: () => void): void };
    player.pause();
    player.addEventListener('play', () => player.pause());
  });
  const safety = settled.cards.find((card) => card.title === 'Safety')!;
  await markers.first().click();
  await expect.poll(async () => await audio.evaluate((element) => Math.round((element as unknown as { currentTime: number }).currentTime * 1000))).toBeGreaterThanOrEqual(safety.audioMs - 1);
  const heard = settled.segments.filter((segment) => segment.startMs <= safety.audioMs).at(-1)!;
  await expect.poll(currentLine).toContain(heard.text);
}

interface CallDetail {
  call: { analysisStatus: string };
  segments: { text: string; startMs: number }[];
  cards: { title: string; audioMs: number; feedback: string | null }[];
  analysis: { category: 'consult_scheduled' | 'consult_not_scheduled' | 'other_question'; objections: { type: string; quote: string }[] } | null;
}

const CATEGORY_LABELS = { consult_scheduled: 'Consult booked', consult_not_scheduled: 'Not booked', other_question: 'Other question' } as const;

/** Saves the screen at both widths, and checks every control on it has a name people can find it by. */
async function captureScreen(page: Page, name: string): Promise<void> {
  await screenshotAtWidths(page, name);
  expect(await unlabelledControls(page), `unlabelled controls on ${name}`).toEqual([]);
}

/** Records every connection state the live pane shows, in order (states can be brief). */
const RECORD_PHASES = `
  window.__phases = [];
  const record = () => {
    const phase = document.querySelector('.live-controls [data-phase]')?.getAttribute('data-phase');
    if (phase && window.__phases.at(-1) !== phase) window.__phases.push(phase);
  };
  new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
  record();
`;

async function createThroughForm(page: Page, title: string, body: string, phrases: string[]): Promise<void> {
  await page.getByRole('button', { name: 'New talking point' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('What the rep sees').fill(body);
  const input = page.getByLabel('Trigger phrases', { exact: true });
  for (const phrase of phrases) {
    await input.fill(phrase);
    await input.press('Enter');
  }
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(`Saved “${title}”`).waitFor();
}
