import { expect, test } from './fixtures';
import { hcoObjectPath, hcoPointer } from './hco-version';

const PAGE = '/virtualization-storage/settings';

test.describe('Storage settings page', () => {
  test.describe.configure({ timeout: 120_000 });

  test('an unreadable CDIConfig is said to be unknown, never shown as "none"', async ({ page, sim }) => {
    await sim.fault({ method: 'GET', pathRegex: '/cdiconfigs', status: 500 });
    await page.goto(PAGE);
    const scratch = page.getByRole('region', { name: 'Scratch space' });
    await expect(
      scratch.getByText('Could not read CDIConfig: the class CDI applies is unknown'),
    ).toBeVisible();
    await expect(scratch.getByTestId('vsp-scratch-applied')).toHaveText('Unknown');
    await expect(
      page.getByRole('region', { name: 'CDI workload resources' }).getByText(/Could not read CDIConfig/),
    ).toBeVisible();
  });

  test('keeps showing what the HyperConverged holds after its watches are dropped @hco-write', async ({
    page,
    k8s,
    sim,
    hcoVersion,
  }) => {
    await page.goto(PAGE);
    const configured = page
      .getByRole('region', { name: 'Scratch space' })
      .getByTestId('vsp-scratch-configured');
    await expect(configured).toHaveText('ocs-storagecluster-ceph-rbd');
    await sim.fault({ pathRegex: 'watch', dropWatches: true, times: 3 });
    const scratch = hcoPointer(hcoVersion, 'scratchSpaceStorageClass');
    await k8s.patch(hcoObjectPath(hcoVersion), [
      { op: 'test', path: scratch, value: 'ocs-storagecluster-ceph-rbd' },
      { op: 'replace', path: scratch, value: 'ocs-storagecluster-cephfs' },
    ]);
    await expect(configured).toHaveText('ocs-storagecluster-cephfs');
    await expect(
      page.getByRole('region', { name: 'Scratch space' }).getByTestId('vsp-scratch-applied'),
    ).toHaveText('ocs-storagecluster-cephfs');
  });
});
