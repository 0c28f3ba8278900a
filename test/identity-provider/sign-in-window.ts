import type { BrowserContext, Page } from '@playwright/test';
import type { TestCoordinator } from './provider';

/**
 * Answers the browser's sign-in window (launchWebAuthFlow) as a coordinator would: the provider's
 * own sign-in page, then its consent page. Call it before pressing "Sign in" and await it after:
 * `const answered = answerSignInWindow(context, issuer, COORDINATORS.dana); await click; await answered`.
 */
export async function answerSignInWindow(
  context: BrowserContext,
  issuer: string,
  coordinator: TestCoordinator,
  consent: 'Allow' | 'Deny' = 'Allow',
): Promise<void> {
  const window: Page = await context.waitForEvent('page', {
    predicate: (page) => page.url().startsWith(issuer),
    timeout: 30_000,
  });
  // A provider session that is still open (an earlier sign-in in this browser) skips the
  // sign-in page and asks for consent only.
  const userName = window.getByLabel('User name');
  const decide = window.getByRole('button', { name: consent });
  await userName.or(decide).first().waitFor();
  if (await userName.isVisible()) {
    await userName.fill(coordinator.login);
    await window.getByLabel('Password').fill(coordinator.password);
    await window.getByRole('button', { name: 'Sign in' }).click();
  }
  await decide.click();
}
