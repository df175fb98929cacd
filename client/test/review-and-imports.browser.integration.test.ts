import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAudioFileServer, type AudioFileServer } from '../../server/test/helpers/audio-file-server.js';
import { loadCorpusCall, SAMPLE_RATE_HZ, sentenceTurns, synthesizeTurns, TEST_SENTENCES, type Turn } from '../../server/test/helpers/speech.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../../server/test/helpers/test-app.js';
import { ensureClientBuilt } from '../scripts/build-if-stale.mjs';
import { launchChromium, logInThroughApi, recordPageErrors, screenshotAtWidths, unlabelledControls } from './helpers/browser.js';
import { writeWav } from './helpers/wav.js';

/** Generous: transcription and analysis run for real; nothing here is a timing claim. */
const WORK_TIMEOUT_MS = 90_000;

/**
 * The review side in a real Chromium against the real service: a bulk import from a local web
 * archive (progress streamed to the page), a single upload, the call list's filters and the
 * analytics charts, all over calls the app transcribed and analysed itself.
 */
describe('review, imports and analytics in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let archive: AudioFileServer;
  let work: string;
  let uploadWav: string;
  let silentWav: string;

  beforeAll(async () => {
    ensureClientBuilt({ quiet: true });
    work = await mkdtemp(path.join(os.tmpdir(), 'call-assist-review-'));
    const root = path.join(work, 'archive');
    await mkdir(path.join(root, 'march'), { recursive: true });
    // Two short corpus excerpts in the archive: a safety question then a price talk (not booked);
    // a gift-card call where the caller finds Botox "way out of my budget" (a cost objection).
    await writeWav(path.join(root, 'safety-question.wav'), await synthesizeTurns(sentenceTurns(5)), SAMPLE_RATE_HZ);
    await writeWav(path.join(root, 'march', 'gift-card.wav'), await synthesizeTurns(loadCorpusCall('dev-028').turns.slice(8, 11)), SAMPLE_RATE_HZ);
    // Not audio, whatever its name says: it fails with a reason.
    await writeFile(path.join(root, 'march', 'notes.mp3'), 'Call notes, not a recording.\n');
    // The single upload: booking a Thursday slot.
    const booking: Turn[] = TEST_SENTENCES.slice(5).map((text, i) => ({ speaker: i % 2 ? 'agent' : 'caller', text }));
    uploadWav = path.join(work, 'thursday-booking.wav');
    await writeWav(uploadWav, await synthesizeTurns(booking), SAMPLE_RATE_HZ);
    // Two seconds of silence: nothing to transcribe, so nothing to analyse.
    silentWav = path.join(work, 'silence.wav');
    await writeWav(silentWav, new Int16Array(2 * SAMPLE_RATE_HZ), SAMPLE_RATE_HZ);
    archive = await startAudioFileServer(root);
    // No analysis retries: the silent recording's failure is final at once.
    app = await startTestApp({ env: { IMPORT_ALLOW_PRIVATE: '1', IMPORT_CONCURRENCY: '2', ANALYSIS_RETRY_LIMIT: '0' } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await archive?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function openPage(route: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 860 } });
    const errors = recordPageErrors(page);
    await logInThroughApi(page, app.baseUrl, TEST_ADMIN);
    await page.goto(app.baseUrl + route);
    return { page, errors };
  }

  it('imports a customer archive: the server’s refusal inline, live progress to 100 %, files with reasons, retry, the resulting call', async () => {
    const { page, errors } = await openPage('/imports');
    const streams: string[] = [];
    const polls: string[] = [];
    page.on('request', (request) => request.url().endsWith('/events') && streams.push(request.url()));
    page.on('request', (request) => /\/api\/bulk-import\/status\/[^/?]+$/.test(request.url()) && polls.push(request.url()));
    await page.getByText('No imports yet').waitFor();
    await captureScreen(page, 'imports-empty');

    await page.getByLabel('Customer', { exact: true }).fill('Lumina Med Spa');
    await page.getByLabel('Source URL', { exact: true }).fill(`${archive.url}/`);
    // An engine this server has not configured: the server's 400 message is shown in the form.
    await page.getByLabel('Speech engine', { exact: true }).selectOption('deepgram');
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('alert').getByText(/speech engine deepgram is not configured here/i).waitFor();
    await captureScreen(page, 'imports-refused');

    await page.getByLabel('Speech engine', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Start import' }).click();
    const job = page.getByTestId('import-job').first();
    await job.getByRole('heading', { name: 'Lumina Med Spa' }).waitFor();
    const progress = job.getByRole('progressbar', { name: 'Progress of the import for Lumina Med Spa' });
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: WORK_TIMEOUT_MS }).toBe('100');
    await expect.poll(() => job.getAttribute('data-status')).toBe('completed_with_errors');
    await job.getByText('3 of 3 files done, 1 failed').waitFor();
    // The progress came over the job's event stream: the only plain status read is the start form's.
    expect(streams.length).toBeGreaterThan(0);
    expect(polls).toHaveLength(1);

    // The new job's files are open: two calls and one failure with its reason.
    const files = job.getByTestId('import-file');
    await expect.poll(() => files.evaluateAll((rows) => rows.map((row) => `${row.querySelector('th')?.textContent}:${row.getAttribute('data-status')}`).sort())).toEqual([
      'gift-card.wav:completed',
      'notes.mp3:failed',
      'safety-question.wav:completed',
    ]);
    await job.getByTestId('import-file').filter({ hasText: 'notes.mp3' }).getByText(/not a recognised audio file/).waitFor();
    await captureScreen(page, 'imports-finished');

    // Retrying runs the failed file again (and it fails again, for the same reason).
    await job.getByRole('button', { name: 'Retry failed files' }).click();
    await page.getByText('1 file runs again').waitFor();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: WORK_TIMEOUT_MS }).toBe('completed_with_errors');
    await job.getByTestId('import-file').filter({ hasText: 'notes.mp3' }).getByText('2 attempts').waitFor({ timeout: WORK_TIMEOUT_MS });

    await job.getByRole('link', { name: 'Open the call from safety-question.wav' }).click();
    await page.getByRole('heading', { level: 1, name: 'safety-question.wav' }).waitFor();
    await page.getByRole('list', { name: 'Transcript' }).getByText(/payment plan/).waitFor();
    await page.getByTestId('analysis-category').getByText('Not booked').waitFor({ timeout: WORK_TIMEOUT_MS });
    await page.getByTestId('objections').getByText('Safety / risk').waitFor();
    await captureScreen(page, 'call-review-imported');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('uploads one recording, opens its call and shows it analysed; edits and resets its tags', async () => {
    const { page, errors } = await openPage('/imports', 400);
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('alert').getByText('Choose a recording first.').waitFor();
    await page.getByLabel('Recording', { exact: true }).setInputFiles(uploadWav);
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('heading', { level: 1, name: 'thursday-booking.wav' }).waitFor();
    await captureScreen(page, 'call-review-analysing');
    await page.getByTestId('analysis-status').getByText('Analysed').waitFor({ timeout: WORK_TIMEOUT_MS });
    await page.getByRole('list', { name: 'Transcript' }).getByText(/thursday/i).first().waitFor();

    // Tags: the analysis' own, replaced by the manager's, then back.
    const tags = page.getByLabel('Tags on this call', { exact: true });
    const chips = page.locator('.tag-editor .chip span');
    const analysisTags = await chips.allTextContents();
    expect(analysisTags.length).toBeGreaterThan(0);
    await tags.fill('vip');
    await tags.press('Enter');
    await page.getByRole('button', { name: `Remove tag "${analysisTags[0]}"` }).click();
    await page.getByRole('button', { name: 'Save tags' }).click();
    await page.getByText('Tags saved').waitFor();
    await page.locator('.tag-editor').getByText('edited').waitFor();
    expect(await chips.allTextContents()).toEqual([...analysisTags.slice(1), 'vip']);
    await captureScreen(page, 'call-review-tags');
    await page.getByRole('button', { name: 'Use the analysis’ tags' }).click();
    await page.getByText('Tags reset to the analysis’ tags').waitFor();
    await expect.poll(() => chips.allTextContents()).toEqual(analysisTags);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('filters the call list, keeps the view in the URL, and pages through it', async () => {
    const { page, errors } = await openPage('/calls');
    const rows = page.getByTestId('call-row');
    await expect.poll(() => rows.count()).toBe(3);
    await captureScreen(page, 'call-list');

    // Text search: only the call where the payment plan was mentioned.
    await page.getByLabel('Search transcripts').fill('payment plan');
    await page.getByLabel('Search transcripts').press('Enter');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('safety-question.wav')]);
    expect(new URL(page.url()).search).toBe('?q=payment+plan');

    // A category filter on top: nothing is both; cleared, the category alone keeps the other two.
    await page.getByLabel('Category', { exact: true }).selectOption('other_question');
    await page.getByText('No calls match these filters.').waitFor();
    await page.getByLabel('Search transcripts').fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => (await rows.allTextContents()).map((text) => text.split('.wav')[0]).sort()).toEqual(['gift-card', 'thursday-booking']);
    // By objection type: the cost objection is in the gift-card call only.
    await page.getByLabel('Objection', { exact: true }).selectOption('cost-value');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('gift-card.wav')]);
    await captureScreen(page, 'call-list-filtered');

    // The URL alone reproduces the view — after logging in, for a browser without a session.
    const filtered = page.url();
    expect(new URL(filtered).search).toBe('?category=other_question&objection=cost-value');
    const again = await browser.newPage({ viewport: { width: 400, height: 860 } });
    await again.goto(filtered);
    await again.getByLabel('Email').fill(TEST_ADMIN.email);
    await again.getByLabel('Password').fill(TEST_ADMIN.password);
    await again.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => again.getByTestId('call-row').allTextContents()).toEqual([expect.stringContaining('gift-card.wav')]);
    expect(await again.getByLabel('Objection', { exact: true }).inputValue()).toBe('cost-value');
    await again.close();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBe(3);
    // One call per page: 1–1 of 3, then the next page.
    await page.goto(`${app.baseUrl}/calls?limit=1`);
    await page.getByText('1–1 of 3 calls').waitFor();
    const first = await rows.textContent();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.getByText('2–2 of 3 calls').waitFor();
    expect(await rows.textContent()).not.toBe(first);
    expect(new URL(page.url()).search).toBe('?limit=1&skip=1');

    await page.getByRole('link', { name: /gift-card\.wav|thursday-booking\.wav|safety-question\.wav/ }).click();
    await page.getByRole('list', { name: 'Transcript' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('draws the analytics charts from the analysed calls, for a chosen period', async () => {
    const { page, errors } = await openPage('/analytics');
    const analytics = page.getByTestId('analytics');
    await analytics.waitFor();
    const tile = (label: string) => page.locator('.stat-tile', { has: page.locator('dt', { hasText: label }) }).locator('.stat-value');
    expect(await tile('Calls').textContent()).toBe('3');
    expect(await tile('Analysed').textContent()).toBe('3');
    // Every chart has bars: outcomes and objections over time, objections overcome, tags.
    for (const chart of ['chart-outcomes', 'chart-objections-over-time', 'chart-objections', 'chart-tags']) {
      await expect.poll(() => page.getByTestId(chart).locator('.recharts-bar-rectangle').count(), { message: chart }).toBeGreaterThan(0);
    }
    // The numbers behind a chart, one click away: outcomes today.
    await page.getByTestId('chart-outcomes').getByText('Show the numbers').click();
    const table = page.getByTestId('chart-outcomes').getByRole('table');
    expect(await table.locator('thead th').allTextContents()).toEqual(['Day', 'Not booked', 'Other question']);
    expect(await table.locator('tbody td').allTextContents()).toEqual(['1', '2']);
    // No live call in this app: no talking point fired.
    await page.getByTestId('chart-talking-points').getByText('No talking point fired in this period.').waitFor();
    await captureScreen(page, 'analytics');

    // A period without these calls: the URL carries it, and the page says there is nothing.
    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.getByLabel('To', { exact: true }).fill('2020-01-31');
    await page.getByText('No calls in this period.').waitFor();
    expect(new URL(page.url()).search).toBe('?start_date=2020-01-01&end_date=2020-01-31');
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await analytics.waitFor();
    expect(await tile('Calls').textContent()).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows why an analysis failed, analyses again on request, and deletes the call after asking', async () => {
    const { page, errors } = await openPage('/imports');
    await page.getByLabel('Recording', { exact: true }).setInputFiles(silentWav);
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('heading', { level: 1, name: 'silence.wav' }).waitFor();
    const failure = page.getByTestId('analysis-failed');
    await failure.getByText('The analysis failed: the call has no transcript to analyse.').waitFor({ timeout: WORK_TIMEOUT_MS });
    await page.getByText('This call has no transcript.').waitFor();
    await captureScreen(page, 'call-review-failed');

    // Analysing again goes back to waiting, then fails the same way.
    await failure.getByRole('button', { name: 'Analyse again' }).click();
    await page.getByText('The call will be analysed again').waitFor();
    await failure.waitFor({ state: 'detached' });
    await page.getByTestId('analysis-failed').waitFor({ timeout: WORK_TIMEOUT_MS });

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Its recording, transcript, cards and analysis are deleted for good.').waitFor();
    await captureScreen(page, 'call-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete call' }).click();
    await page.getByText('Deleted “silence.wav”').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Calls' }).waitFor();
    await expect.poll(() => page.getByTestId('call-row').allTextContents()).not.toContainEqual(expect.stringContaining('silence.wav'));
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('follows an import by polling when its event stream is cut off (a proxy that buffers it)', async () => {
    const { page, errors } = await openPage('/imports', 400);
    await page.route('**/events', (route) => route.abort());
    const polls: string[] = [];
    page.on('request', (request) => /\/api\/bulk-import\/status\/[^/?]+$/.test(request.url()) && polls.push(request.url()));
    await page.getByLabel('Customer', { exact: true }).fill('Rosewood Aesthetics');
    await page.getByLabel('Source URL', { exact: true }).fill(`${archive.url}/march/`);
    await page.getByRole('button', { name: 'Start import' }).click();
    const job = page.getByTestId('import-job').filter({ hasText: 'Rosewood Aesthetics' });
    const progress = job.getByRole('progressbar');
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: WORK_TIMEOUT_MS }).toBe('100');
    await job.getByText('2 of 2 files done, 1 failed').waitFor();
    // The start form reads the new job once; every later status came from polling.
    expect(polls.length).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

/** Saves the screen at both widths, and checks every control on it has a name people can find it by. */
async function captureScreen(page: Page, name: string): Promise<void> {
  await screenshotAtWidths(page, name);
  expect(await unlabelledControls(page), `unlabelled controls on ${name}`).toEqual([]);
}
