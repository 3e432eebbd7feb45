import { expect, type Locator, type Page } from '@playwright/test';

/** The overview page in the browser specs: its URL, its findings, and opening it once it has loaded. */
export const OVERVIEW = '/virtualization-storage/overview';

/** Every finding card, in the order shown. */
export const findings = (page: Page): Locator => page.getByTestId('vsp-finding');

/** The finding card whose heading is `title`. */
export const finding = (page: Page, title: string): Locator =>
  page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });

export const openOverview = async (page: Page) => {
  await page.goto(OVERVIEW);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Virtualization storage overview' }),
  ).toBeVisible();
  await expect(page.getByTestId('vsp-health-summary')).toBeVisible();
};
