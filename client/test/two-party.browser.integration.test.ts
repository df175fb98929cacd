import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TalkingPoint } from '@call-assist/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deinterleave } from '../../server/src/lib/audio/wav.js';
import { SAMPLE_RATE_HZ, synthesizeTwoChannelTurns, type TwoChannelSpeech } from '../../server/test/helpers/speech.js';
import { api, settledCall, startTestApp, TEST_ADMIN, type TestApp } from '../../server/test/helpers/test-app.js';
import { ensureClientBuilt } from '../scripts/build-if-stale.mjs';
import { launchChromium, logInThroughApi, recordPageErrors, screenshotAtWidths, unlabelledControls } from './helpers/browser.js';
import { wavBytes, writeWav } from './helpers/wav.js';

const SPEECH_TIMEOUT_MS = 60_000;
const CALLER_WAV_ROUTE = '/__test__/caller.wav';

/**
 * The caller's side as a second input device. Chromium's fake devices all play the one microphone
 * file, and headless Chromium cannot share a tab's audio ("NotReadableError: Could not start audio
 * source"), so the page's request for the caller's input (the only request naming a device: the
 * microphone is "System default") gets a real MediaStream playing the caller's recording instead.
 * Everything after it — the worklet's second input, interleaving, the socket, the engine — is the
 * product's own.
 */
const CALLER_AS_SECOND_INPUT = `
  const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    if (!constraints?.audio?.deviceId?.exact) return open(constraints);
    const context = new AudioContext();
    const recording = await context.decodeAudioData(await (await fetch('${CALLER_WAV_ROUTE}')).arrayBuffer());
    const player = context.createBufferSource();
    player.buffer = recording;
    const line = context.createMediaStreamDestination();
    player.connect(line);
    player.start();
    return line.stream;
  };
`;

/**
 * Both parties of a call heard in the browser pane: the rep picks "Me + another input" (a phone
 * adapter or a virtual cable carrying the caller), sees a meter for each side, every line labelled
 * with who said it, and a caller-only talking point firing on the caller's words — not on the rep
 * saying the same words first. The review page labels the speakers too.
 */
describe('a two-party call in the browser pane', () => {
  let app: TestApp;
  let browser: Browser;
  let work: string;
  let speech: TwoChannelSpeech;
  let callerWav: Buffer;

  beforeAll(async () => {
    ensureClientBuilt({ quiet: true });
    work = await mkdtemp(path.join(os.tmpdir(), 'call-assist-two-party-'));
    [app, speech] = await Promise.all([
      startTestApp(),
      synthesizeTwoChannelTurns([
        { speaker: 'agent', text: 'Thank you for calling the clinic.' },
        { speaker: 'agent', text: 'We have a payment plan.' },
        { speaker: 'caller', text: 'Can I ask, is it safe?' },
        { speaker: 'agent', text: 'All of our injectors are registered nurses.' },
        { speaker: 'caller', text: 'We have a payment plan.' },
      ]),
    ]);
    // Each side on its own input, with trailing silence so the last words end before the rep ends the call.
    const side = (channel: number) => {
      const voice = deinterleave(speech.samples, 2)[channel]!;
      const samples = new Int16Array(voice.length + 2 * SAMPLE_RATE_HZ);
      samples.set(voice);
      return samples;
    };
    const microphone = path.join(work, 'agent.wav');
    await writeWav(microphone, side(0), SAMPLE_RATE_HZ);
    callerWav = wavBytes(side(1), SAMPLE_RATE_HZ);
    browser = await launchChromium({ fakeMicrophoneWav: microphone });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function openPane(width: number): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 860 } });
    const errors = recordPageErrors(page);
    await page.route(`**${CALLER_WAV_ROUTE}`, (route) => route.fulfill({ body: callerWav, contentType: 'audio/wav' }));
    await page.addInitScript(CALLER_AS_SECOND_INPUT);
    await logInThroughApi(page, app.baseUrl, TEST_ADMIN);
    await page.goto(app.baseUrl + '/');
    return { page, errors };
  }

  it('hears the rep and the caller, labels them, and fires a caller-only point on the caller', async () => {
    const point = async (body: object) => (await api<TalkingPoint>(app, 'POST', '/api/talking-points', body)).body;
    await point({ title: 'Financing', body: 'Twelve months at zero percent.', phrases: ['payment plan'], speaker: 'caller' });
    await point({ title: 'Credentials', body: 'Registered nurses, ten years on average.', phrases: ['registered nurses'] });
    const { page, errors } = await openPane(400);

    // The source is chosen before the call: the pane says what each choice hears.
    await page.getByRole('radio', { name: 'Me + another input' }).check();
    await page.getByText('A USB phone adapter or a virtual cable carrying the phone audio.').waitFor();
    const callerInput = page.getByLabel("Caller's input");
    const firstInput = await callerInput.locator('option').nth(1).getAttribute('value');
    await callerInput.selectOption(firstInput!);
    await captureScreen(page, 'live-call-source-two-party');

    const created = page.waitForResponse((response) => response.url().endsWith('/api/live-calls'));
    await page.getByRole('button', { name: 'Start call' }).click();
    const { callId } = (await (await created).json()) as { callId: string };
    await page.locator('.live-controls [data-phase="live"]').waitFor({ timeout: 30_000 });
    expect(await page.getByText('Hearing you only').count()).toBe(0);
    // A meter for each side, each moving when that side speaks.
    const level = (name: string) => async () => Number(await page.getByRole('meter', { name: `${name}: input level` }).getAttribute('aria-valuenow'));
    await expect.poll(level('You'), { timeout: 30_000 }).toBeGreaterThan(5);
    await expect.poll(level('Caller'), { timeout: 30_000 }).toBeGreaterThan(5);

    const transcript = page.getByRole('log', { name: 'Live transcript' });
    const line = (text: RegExp) => transcript.locator('.transcript-final', { hasText: text });
    await line(/is it safe/i).waitFor({ timeout: SPEECH_TIMEOUT_MS });
    expect(await line(/is it safe/i).locator('.transcript-speaker').textContent()).toBe('Caller');
    expect(await line(/calling the clinic/i).locator('.transcript-speaker').textContent()).toBe('Agent');
    // The rep said "payment plan" first: no Financing card for that.
    expect(await line(/payment plan/i).count()).toBe(1);
    expect(await page.locator('article.card', { hasText: 'Financing' }).count()).toBe(0);

    await page.locator('article.card', { hasText: 'Credentials' }).waitFor({ timeout: SPEECH_TIMEOUT_MS });
    const financing = page.locator('article.card', { hasText: 'Financing' });
    await financing.waitFor({ timeout: SPEECH_TIMEOUT_MS });
    await expect.poll(() => line(/payment plan/i).count(), { timeout: SPEECH_TIMEOUT_MS }).toBe(2);
    expect(await line(/payment plan/i).locator('.transcript-speaker').allTextContents()).toEqual(['Agent', 'Caller']);
    await captureScreen(page, 'live-call-two-party');

    await page.getByRole('button', { name: 'End call' }).click();
    const reviewLink = page.getByRole('link', { name: 'Review this call' });
    await reviewLink.waitFor({ timeout: SPEECH_TIMEOUT_MS });

    const settled = await settledCall<CallDetail>(app, callId);
    const financingCard = settled.cards.find((card) => card.title === 'Financing')!;
    expect(financingCard.audioMs).toBeGreaterThan(speech.spans[4]!.startMs);
    expect(settled.cards.filter((card) => card.title === 'Financing')).toHaveLength(1);
    expect(new Set(settled.segments.map((segment) => segment.speaker))).toEqual(new Set(['agent', 'caller']));

    await reviewLink.click();
    const reviewTranscript = page.getByRole('list', { name: 'Transcript' });
    const reviewed = reviewTranscript.locator('li', { hasText: /is it safe/i });
    await reviewed.waitFor();
    expect(await reviewed.locator('.transcript-speaker').textContent()).toBe('Caller');
    await captureScreen(page, 'call-review-two-party');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

interface CallDetail {
  call: { analysisStatus: string };
  segments: { text: string; speaker: string | null }[];
  cards: { title: string; audioMs: number }[];
}

async function captureScreen(page: Page, name: string): Promise<void> {
  await screenshotAtWidths(page, name);
  expect(await unlabelledControls(page), `unlabelled controls on ${name}`).toEqual([]);
}
