import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Driving the Create DataVolume wizard from the data-volumes list (shared by the data-volume specs). */

export const LIST = '/virtualization-storage/data-volumes?namespace=team-a';
export const CDI_API = '/apis/cdi.kubevirt.io/v1beta1';
export const dataVolumes = (ns: string) => `${CDI_API}/namespaces/${ns}/datavolumes`;

/** A control by its label (PatternFly's required marker " *" is not part of the name). */
export const control = (scope: Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?$`));

/** Types into a text field, or picks the option of a select (a list the user may not read is a text field). */
export const set = async (scope: Locator, label: string, value: string) => {
  const input = control(scope, label);
  await expect(input).toBeEnabled(); // a list that is still loading is a disabled select
  if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
  else await input.fill(value);
  await input.blur();
};

export const next = (dialog: Locator) => dialog.getByRole('button', { name: 'Next', exact: true });

/** Opens the wizard from the list (team-a unless the page is already there) and returns its dialog. */
export const openWizard = async (page: Page, { goto = true } = {}) => {
  if (goto) await page.goto(LIST);
  const open = page.getByRole('button', { name: 'Create DataVolume' });
  await expect(open).toBeEnabled();
  await open.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Create DataVolume' })).toBeVisible();
  return dialog;
};
