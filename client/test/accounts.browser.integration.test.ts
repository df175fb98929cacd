import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, TEST_ADMIN, type TestApp } from '../../server/test/helpers/test-app.js';
import { ensureClientBuilt } from '../scripts/build-if-stale.mjs';
import { launchChromium, logInThroughApi, recordPageErrors, screenshotAtWidths, unlabelledControls } from './helpers/browser.js';

const REP = { email: 'riley.rep@example.test', name: 'Riley Rep', password: 'riley first password' };

/**
 * Accounts in a real Chromium against the real service: the login form, the admin's Users page, an
 * invitation link opened in another browser, a rep's narrower app, a session ending under a page,
 * the account page and logging out. One browser; a context per person.
 */
describe('accounts in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt({ quiet: true });
    app = await startTestApp();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('logs the admin in, invites a rep who registers from the link and sees only a rep’s screens; role changes, access and logging out', async () => {
    // Something for the rep to read but not change.
    await api(app, 'POST', '/api/talking-points', { title: 'Safety', body: 'Registered nurses only.', phrases: ['is it safe'] });
    const organisation = app.admin.user.organisation.name;

    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const admin = await adminContext.newPage();
    const adminErrors = recordPageErrors(admin);
    await admin.goto(`${app.baseUrl}/users`);
    await admin.getByRole('heading', { name: 'Log in' }).waitFor();
    await captureScreen(admin, 'login');

    // A wrong password: the form says so, and stays.
    await admin.getByLabel('Email').fill(TEST_ADMIN.email);
    await admin.getByLabel('Password').fill('not the password at all');
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.getByRole('alert').getByText('Wrong email or password').waitFor();
    await captureScreen(admin, 'login-failed');

    // The right one opens the page the address named, with the admin's navigation.
    await admin.getByLabel('Password').fill(TEST_ADMIN.password);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    expect(await navLinks(admin)).toEqual(['Live call', 'Talking points', 'Review', 'Analytics', 'Imports', 'Users']);
    expect(await admin.getByTestId('role-badge').textContent()).toBe('Admin');
    await admin.getByTestId('user-row').filter({ hasText: TEST_ADMIN.email }).getByText('you', { exact: true }).waitFor();

    // Invite a rep: the link is shown once, ready to copy, and the invitation is listed as open.
    await admin.getByLabel('Email').fill(REP.email);
    await admin.getByLabel('Role', { exact: true }).selectOption('rep');
    await admin.getByRole('button', { name: 'Create invitation' }).click();
    const linkField = admin.getByLabel(`Invitation link for ${REP.email}`);
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${app.baseUrl}/register#invitation=[^&]{20,}$`));
    await admin.getByTestId('invitations').getByText(REP.email).waitFor();
    await captureScreen(admin, 'users-invited');

    // The invited rep, in another browser: what the invitation is for, then name and password.
    const repContext = await browser.newContext({ viewport: { width: 400, height: 860 } });
    const rep = await repContext.newPage();
    const repErrors = recordPageErrors(rep);
    await rep.goto(link);
    const invitation = rep.getByTestId('invitation');
    await invitation.waitFor();
    expect(await invitation.textContent()).toBe(`Join ${organisation} as rep (${REP.email})`);
    await captureScreen(rep, 'register-invitation');
    await rep.getByLabel('Your name').fill(REP.name);
    await rep.getByLabel('Password', { exact: true }).fill(REP.password);
    await rep.getByLabel('Repeat the password').fill('something else entirely');
    await rep.getByRole('button', { name: 'Create account' }).click();
    await rep.getByText('The two passwords differ.').waitFor();
    await rep.getByLabel('Repeat the password').fill(REP.password);
    await rep.getByRole('button', { name: 'Create account' }).click();

    // A rep's app: the live call, read-only talking points and their own calls; nothing else.
    await rep.getByRole('button', { name: 'Start call' }).waitFor();
    expect(new URL(rep.url()).hash).toBe('');
    expect(await navLinks(rep)).toEqual(['Live call', 'Talking points', 'Review']);
    expect(await rep.getByTestId('role-badge').textContent()).toBe('Rep');
    await rep.getByRole('link', { name: 'Talking points' }).click();
    await rep.getByTestId('talking-point').filter({ hasText: 'Safety' }).waitFor();
    for (const name of ['New talking point', 'Edit “Safety”', 'Delete “Safety”']) expect(await rep.getByRole('button', { name }).count(), name).toBe(0);
    expect(await rep.getByRole('switch').count()).toBe(0);
    await captureScreen(rep, 'talking-points-rep');
    for (const path of ['/users', '/analytics', '/imports']) {
      await rep.goto(app.baseUrl + path);
      await rep.getByTestId('forbidden').getByText('Your role (rep) cannot open this page.').waitFor();
    }
    await captureScreen(rep, 'forbidden-rep');

    // The admin's list now has the rep, as a rep, and no open invitation.
    await admin.reload();
    const repRow = admin.getByTestId('user-row').filter({ hasText: REP.email });
    expect(await repRow.getByLabel(`Role of ${REP.name}`).inputValue()).toBe('rep');
    await admin.getByText('No open invitations.').waitFor();
    await captureScreen(admin, 'users');

    // A session that ends under a page (here: its cookie gone) shows the login form in place;
    // logging in again returns to that page.
    await rep.goto(`${app.baseUrl}/calls`);
    await rep.getByRole('heading', { level: 1, name: 'Your calls' }).waitFor();
    await repContext.clearCookies();
    await rep.getByRole('link', { name: 'Talking points' }).click();
    await rep.getByText('Your session has ended.').waitFor();
    await rep.getByLabel('Email').fill(REP.email);
    await rep.getByLabel('Password').fill(REP.password);
    await rep.getByRole('button', { name: 'Log in' }).click();
    await rep.getByTestId('talking-point').filter({ hasText: 'Safety' }).waitFor();
    expect(new URL(rep.url()).pathname).toBe('/talking-points');

    // The account page: who they are; a new password (the wrong current one is refused at its field).
    await rep.getByRole('link', { name: /^Your account/ }).click();
    const facts = rep.getByTestId('account-facts');
    await facts.getByText(organisation).waitFor();
    await facts.getByText(REP.email).waitFor();
    const newPassword = 'riley second password';
    await rep.getByLabel('Current password').fill('not my password');
    await rep.getByLabel('New password', { exact: true }).fill(newPassword);
    await rep.getByLabel('Repeat the new password').fill(newPassword);
    await rep.getByRole('button', { name: 'Change password' }).click();
    await rep.getByText('The current password is wrong').waitFor();
    // Meanwhile the browser got another session (a login in another tab): this page's CSRF token is
    // stale; the refused request is sent again with the new session's token.
    const passwordAnswers: number[] = [];
    rep.on('response', (response) => response.url().endsWith('/api/auth/password') && passwordAnswers.push(response.status()));
    await repContext.clearCookies();
    await logInThroughApi(rep, app.baseUrl, REP);
    await rep.getByLabel('Current password').fill(REP.password);
    await rep.getByRole('button', { name: 'Change password' }).click();
    await rep.getByText('Password changed.').waitFor();
    expect(passwordAnswers).toEqual([403, 204]);
    await captureScreen(rep, 'account');

    // Logging out: the login screen; the new password is the one that works now.
    await rep.getByRole('button', { name: 'Log out' }).click();
    await rep.getByRole('heading', { name: 'Log in' }).waitFor();
    expect((await api(app, 'POST', '/api/auth/login', { email: REP.email, password: REP.password })).status).toBe(401);
    await rep.getByLabel('Email').fill(REP.email);
    await rep.getByLabel('Password').fill(newPassword);
    await rep.getByRole('button', { name: 'Log in' }).click();
    await rep.getByRole('button', { name: 'Start call' }).waitFor();
    await rep.getByRole('button', { name: 'Log out' }).click();
    await rep.getByRole('heading', { name: 'Log in' }).waitFor();

    // This server does not allow new organisations: the login page does not offer one, and /register
    // (reached by its address) says so when tried.
    await rep.getByText('Ask an admin of your organisation to invite you.').waitFor();
    expect(await rep.getByRole('link', { name: 'Create an organisation' }).count()).toBe(0);
    await rep.goto(`${app.baseUrl}/register`);
    await rep.getByLabel('Organisation', { exact: true }).fill('Another Clinic');
    await rep.getByLabel('Your name').fill('Sam Starter');
    await rep.getByLabel('Email').fill('sam@example.test');
    await rep.getByLabel('Password', { exact: true }).fill('sam first password');
    await rep.getByLabel('Repeat the password').fill('sam first password');
    await captureScreen(rep, 'register-organisation');
    await rep.getByRole('button', { name: 'Create organisation' }).click();
    await rep.getByRole('alert').getByText('Registration is closed.').waitFor();
    await captureScreen(rep, 'register-closed');

    // The admin makes the rep a manager: logged in again, they get a manager's screens and controls.
    await repRow.getByLabel(`Role of ${REP.name}`).selectOption('manager');
    await admin.getByText(`${REP.name} is now manager`).waitFor();
    await rep.goto(`${app.baseUrl}/talking-points`);
    await rep.getByLabel('Email').fill(REP.email);
    await rep.getByLabel('Password').fill(newPassword);
    await rep.getByRole('button', { name: 'Log in' }).click();
    await rep.getByRole('button', { name: 'New talking point' }).waitFor();
    expect(await navLinks(rep)).toEqual(['Live call', 'Talking points', 'Review', 'Analytics', 'Imports']);
    // Back to rep while their page is open: the first refused change brings the page in line.
    await repRow.getByLabel(`Role of ${REP.name}`).selectOption('rep');
    await admin.getByText(`${REP.name} is now rep`).waitFor();
    await rep.getByTestId('talking-point').filter({ hasText: 'Safety' }).getByText('Enabled', { exact: true }).click();
    await rep.getByRole('alert').getByText('Could not disable “Safety”').waitFor();
    await rep.getByRole('button', { name: 'New talking point' }).waitFor({ state: 'detached' });
    expect(await navLinks(rep)).toEqual(['Live call', 'Talking points', 'Review']);

    // Disabled, the rep cannot log in; enabled again; an unused invitation revoked (its link goes too); the rep deleted after asking.
    await repRow.getByRole('button', { name: `Disable ${REP.name}` }).click();
    await repRow.getByText('Disabled', { exact: true }).waitFor();
    await rep.goto(`${app.baseUrl}/login`);
    await rep.getByLabel('Email').fill(REP.email);
    await rep.getByLabel('Password').fill(newPassword);
    await rep.getByRole('button', { name: 'Log in' }).click();
    await rep.getByRole('alert').getByText('This account has been disabled').waitFor();
    await repRow.getByRole('button', { name: `Enable ${REP.name}` }).click();
    await repRow.getByText('Active', { exact: true }).waitFor();
    await admin.getByLabel('Email').fill('someone.else@example.test');
    await admin.getByLabel('Role', { exact: true }).selectOption('manager');
    await admin.getByRole('button', { name: 'Create invitation' }).click();
    await admin.getByLabel('Invitation link for someone.else@example.test').waitFor();
    await admin.getByRole('button', { name: 'Revoke the invitation for someone.else@example.test' }).click();
    await admin.getByText('No open invitations.').waitFor();
    expect(await admin.getByTestId('invite-link').count()).toBe(0);
    await repRow.getByRole('button', { name: `Delete ${REP.name}` }).click();
    const dialog = admin.getByRole('dialog', { name: `Delete ${REP.name}?` });
    await dialog.getByText(`${REP.email} can no longer log in`).waitFor();
    await captureScreen(admin, 'users-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete user' }).click();
    await repRow.waitFor({ state: 'detached' });
    expect(await admin.getByTestId('user-row').count()).toBe(1);

    expect(adminErrors).toEqual([]);
    expect(repErrors).toEqual([]);
    await adminContext.close();
    await repContext.close();
  }, 120_000);
});

async function navLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
}

/** Saves the screen at both widths, and checks every control on it has a name people can find it by. */
async function captureScreen(page: Page, name: string): Promise<void> {
  await screenshotAtWidths(page, name);
  expect(await unlabelledControls(page), `unlabelled controls on ${name}`).toEqual([]);
}
