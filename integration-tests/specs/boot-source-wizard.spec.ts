import type { Locator, Page } from '@playwright/test';
import { expect, saveModalScreenshots, test, type K8sClient, type K8sObject } from './fixtures';
import {
  getHco as readHco,
  hcoPointer,
  hcoValue,
  hcoWithout,
  writesScreenshots,
  type HcoVersion,
} from './hco-version';

const PAGE = '/virtualization-storage/boot-sources';
const GOLDEN = 'openshift-virtualization-os-images';
const IMMEDIATE = 'cdi.kubevirt.io/storage.bind.immediate.requested';

interface Template {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    schedule: string;
    managedDataSource: string;
    importsToKeep?: number;
    retentionPolicy?: string;
    template: {
      spec: { storage?: { storageClassName?: string; resources?: { requests?: { storage?: string } } } };
    };
    [k: string]: unknown;
  };
  status?: { commonTemplate?: boolean; modified?: boolean };
}
interface HyperConverged extends K8sObject {
  spec: Record<string, unknown>;
  status?: { dataImportCronTemplates?: Template[] };
}
interface Condition {
  type: string;
  status: string;
  reason?: string;
}

/** The HyperConverged read in the version the spec runs against (the project's `hcoVersion`). */
const getHco = (k8s: K8sClient, v: HcoVersion) => readHco<HyperConverged>(k8s, v);
/** The template list wherever the version keeps it (v1: spec.workloadSources.dataImportCronTemplates). */
const specList = (hco: HyperConverged, v: HcoVersion) =>
  hcoValue<Template[] | undefined>(hco, v, 'dataImportCronTemplates') ?? [];
/** The spec without the template list: it must not change when only the list does. */
const otherSpec = (hco: HyperConverged, v: HcoVersion) => hcoWithout(hco, v, 'dataImportCronTemplates');
const dataSourceReady = async (k8s: K8sClient, namespace: string, name: string) => {
  const res = await k8s.request<{ status?: { conditions?: Condition[] } }>(
    'GET',
    `/apis/cdi.kubevirt.io/v1beta1/namespaces/${namespace}/datasources/${name}`,
  );
  return res.status === 200
    ? res.body.status?.conditions?.find((c) => c.type === 'Ready')?.status
    : undefined;
};

const wizard = (page: Page) => page.getByRole('dialog');
const row = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });
const openAction = async (page: Page, name: string, action: string) => {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
};
const next = (dialog: Locator) => dialog.getByRole('button', { name: 'Next', exact: true });
const save = (dialog: Locator) => dialog.getByRole('button', { name: 'Save', exact: true });
const patchPreview = async (dialog: Locator) =>
  JSON.parse(
    (await dialog.getByRole('region', { name: 'JSON patch that will be sent' }).textContent()) ?? '[]',
  );
/** docs/screenshots/boot-source-wizard-<name>-light.png and -dark.png of the open wizard (v1beta1 run only). */
const saveWizardScreenshots = async (page: Page, name: string, v: HcoVersion) => {
  if (writesScreenshots(v)) await saveModalScreenshots(page, `boot-source-wizard-${name}`);
};

/** A control by its label (PatternFly's required marker " *" is not part of the name). */
const control = (dialog: Locator, label: string) =>
  dialog.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?$`));
const fill = async (dialog: Locator, label: string, value: string) => {
  const input = control(dialog, label);
  await input.fill(value);
  await input.blur();
};

test.describe('Boot source wizard', () => {
  // Screenshots in two themes, axe and a simulated import take longer than the default minute on 2 cores.
  test.slow();

  test('bad input gets messages at the fields and writes nothing', async ({
    page,
    k8s,
    consoleUI,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Add boot source' }).click();
    const dialog = wizard(page);
    await expect(dialog.getByRole('heading', { name: 'Add boot source' })).toBeVisible();
    await expect(next(dialog)).toBeDisabled();

    await fill(dialog, 'Name', 'My_Image');
    await expect(dialog.getByText(/Use lower-case letters, digits, "-" and "."/)).toBeVisible();
    await expect(control(dialog, 'Name')).toHaveAttribute('aria-invalid', 'true');
    await fill(dialog, 'Name', 'centos-stream9-image-cron');
    await expect(dialog.getByText(/This is the name of a system boot source/)).toBeVisible();
    await fill(dialog, 'Name', 'tools-image-cron');
    await expect(dialog.getByText('A boot source with this name already exists.')).toBeVisible();
    await fill(dialog, 'Name', 'opensuse-image-cron');
    await fill(dialog, 'Namespace', 'team-z');
    await expect(dialog.getByText(/Namespace team-z does not exist/)).toBeVisible();
    await fill(dialog, 'Namespace', '');
    await fill(dialog, 'Registry URL', 'https://registry.opensuse.org/opensuse/leap:15.6');
    await expect(dialog.getByText(/The URL must start with docker:\/\//)).toBeVisible();
    await expect(control(dialog, 'Registry URL')).toHaveAttribute('aria-invalid', 'true');
    await fill(dialog, 'Registry URL', 'docker://registry.opensuse.org/opensuse/Leap:15.6');
    await expect(dialog.getByText('Repository paths must be lower case.')).toBeVisible();
    await dialog.getByRole('radio', { name: /^Node/ }).check();
    await fill(dialog, 'Secret', 'pull-creds');
    await expect(dialog.getByText(/Node pull uses the node's own pull secrets/)).toBeVisible();
    await expect(next(dialog)).toBeDisabled();
    await expect(save(dialog)).toHaveCount(0);
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveWizardScreenshots(page, 'errors', hcoVersion);

    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(dialog).toBeHidden();
    const after = await getHco(k8s, hcoVersion);
    expect(after.spec).toEqual(before.spec);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  test('adds a custom source: one new entry, nothing else changed; it imports to a Ready DataSource @hco-write', async ({
    page,
    k8s,
    sim,
    consoleUI,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Add boot source' }).click();
    const dialog = wizard(page);

    // Source
    await fill(dialog, 'Name', 'opensuse-image-cron');
    await fill(dialog, 'Registry URL', 'docker://registry.opensuse.org/opensuse/leap:15.6');
    await saveWizardScreenshots(page, 'source', hcoVersion);
    await next(dialog).click();

    // Schedule: a preset with its words and next checks, or a custom cron checked as CDI does
    await expect(dialog.getByText('Next checks')).toBeVisible();
    await dialog.getByRole('radio', { name: 'Custom cron schedule' }).check();
    await fill(dialog, 'Cron schedule', '0 3 * * 7');
    await expect(dialog.getByText(/"7" is outside the day of week/)).toBeVisible();
    await expect(next(dialog)).toBeDisabled();
    await fill(dialog, 'Cron schedule', '30 2 * * 6');
    await expect(dialog.getByText('At 02:30, only on Saturday')).toBeVisible();
    await saveWizardScreenshots(page, 'schedule', hcoVersion);
    await next(dialog).click();

    // Storage: a WaitForFirstConsumer class gets the immediate-bind annotation, explained
    await fill(dialog, 'Disk size', '-2Gi');
    await expect(dialog.getByText('The size cannot be negative.')).toBeVisible();
    await fill(dialog, 'Disk size', '2Gi');
    await control(dialog, 'StorageClass').selectOption('lvms-vg1');
    await expect(dialog.getByText(/binds volumes only when a pod uses them/)).toBeVisible();
    await next(dialog).click();

    // DataSource: suggested from the name
    await expect(control(dialog, 'DataSource name')).toHaveValue('opensuse');
    await fill(dialog, 'DataSource name', 'rhel9');
    await expect(dialog.getByText(/Boot source rhel9-image-cron already keeps a DataSource/)).toBeVisible();
    await fill(dialog, 'DataSource name', 'opensuse-leap');
    await next(dialog).click();

    // Review: the exact patch
    const item: Template = {
      metadata: { name: 'opensuse-image-cron', annotations: { [IMMEDIATE]: 'true' } },
      spec: {
        schedule: '30 2 * * 6',
        managedDataSource: 'opensuse-leap',
        retentionPolicy: 'None',
        importsToKeep: 1,
        template: {
          spec: {
            source: { registry: { url: 'docker://registry.opensuse.org/opensuse/leap:15.6' } },
            storage: { resources: { requests: { storage: '2Gi' } }, storageClassName: 'lvms-vg1' },
          },
        } as never,
      },
    };
    expect(await patchPreview(dialog)).toEqual([
      {
        op: 'test',
        path: hcoPointer(hcoVersion, 'dataImportCronTemplates'),
        value: specList(before, hcoVersion),
      },
      {
        op: 'replace',
        path: hcoPointer(hcoVersion, 'dataImportCronTemplates'),
        value: [...specList(before, hcoVersion), item],
      },
    ]);
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveWizardScreenshots(page, 'review', hcoVersion);
    await save(dialog).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Saved boot source opensuse-image-cron.')).toBeVisible();

    const after = await getHco(k8s, hcoVersion);
    expect(specList(after, hcoVersion)).toEqual([...specList(before, hcoVersion), item]);
    expect(otherSpec(after, hcoVersion)).toEqual(otherSpec(before, hcoVersion));
    await expect(row(page, 'opensuse-image-cron')).toBeVisible();

    await sim.advance(600);
    await expect
      .poll(() => dataSourceReady(k8s, GOLDEN, 'opensuse-leap'), {
        message: 'the import made the DataSource ready',
      })
      .toBe('True');
    await expect(row(page, 'opensuse-image-cron')).toContainText('Ready');
  });

  test('edits a custom source: shown fields change, the rest of the entry is kept @hco-write', async ({
    page,
    k8s,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    const original = specList(before, hcoVersion).find((t) => t.metadata.name === 'tools-image-cron')!;
    await page.goto(PAGE);
    await openAction(page, 'tools-image-cron', 'Edit');
    const dialog = wizard(page);
    await expect(dialog.getByRole('heading', { name: 'Edit boot source tools-image-cron' })).toBeVisible();
    await expect(control(dialog, 'Name')).toHaveValue('tools-image-cron');
    await expect(control(dialog, 'Registry URL')).toHaveValue(
      'docker://registry.corp.example.com:5000/vm-images/tools:latest',
    );
    await next(dialog).click();
    await expect(dialog.getByRole('radio', { name: 'Custom cron schedule' })).toBeChecked();
    await expect(control(dialog, 'Cron schedule')).toHaveValue('0 4 * * 1');
    await next(dialog).click();
    await fill(dialog, 'Disk size', '16Gi');
    await next(dialog).click();
    await dialog.getByRole('radio', { name: /^Keep its imports and DataSource/ }).check();
    await fill(dialog, 'Imports to keep', '0');
    await expect(dialog.getByText(/With 0, CDI deletes every import/)).toBeVisible();
    await fill(dialog, 'Imports to keep', '3');
    await next(dialog).click();
    await save(dialog).click();
    await expect(dialog).toBeHidden();

    const after = await getHco(k8s, hcoVersion);
    const edited = specList(after, hcoVersion).find((t) => t.metadata.name === 'tools-image-cron')!;
    expect(edited).toEqual({
      ...original,
      spec: {
        ...original.spec!,
        retentionPolicy: 'All',
        importsToKeep: 3,
        template: {
          spec: {
            ...original.spec!.template.spec,
            storage: {
              ...original.spec!.template.spec.storage,
              resources: { requests: { storage: '16Gi' } },
            },
          },
        },
      },
    });
    // Every other entry as it was, in place.
    expect(specList(after, hcoVersion).map((t) => t.metadata.name)).toEqual(
      specList(before, hcoVersion).map((t) => t.metadata.name),
    );
    expect(specList(after, hcoVersion).filter((t) => t !== edited)).toEqual(
      specList(before, hcoVersion).filter((t) => t.metadata.name !== 'tools-image-cron'),
    );
    expect(otherSpec(after, hcoVersion)).toEqual(otherSpec(before, hcoVersion));
  });

  test("customises a system source's storage size: the entry carries the whole effective spec @hco-write", async ({
    page,
    k8s,
    consoleUI,
    hcoVersion,
  }) => {
    const name = 'centos-stream9-image-cron';
    const before = await getHco(k8s, hcoVersion);
    expect(specList(before, hcoVersion).some((t) => t.metadata.name === name)).toBe(false);
    const effective = before.status!.dataImportCronTemplates!.find((t) => t.metadata.name === name)!;
    await page.goto(PAGE);
    await openAction(page, name, 'Customise storage');
    const dialog = wizard(page);
    await expect(
      dialog.getByText('HCO replaces the whole spec of this system source with yours'),
    ).toBeVisible();
    await expect(control(dialog, 'Registry URL')).toHaveCount(0);
    await fill(dialog, 'Disk size', '6Gi');
    await expect(dialog.getByText(/Smaller than the built-in 10Gi/)).toBeVisible();
    await fill(dialog, 'Disk size', '25Gi');
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveWizardScreenshots(page, 'customise', hcoVersion);
    await next(dialog).click();
    await save(dialog).click();
    await expect(dialog).toBeHidden();

    const after = await getHco(k8s, hcoVersion);
    const entry = specList(after, hcoVersion).find((t) => t.metadata.name === name)!;
    expect(specList(after, hcoVersion)).toEqual([...specList(before, hcoVersion), entry]);
    // The wizard sends only the name (the class is not WaitForFirstConsumer); HCO's webhook adds the annotation.
    expect(entry.metadata).toEqual({ name, annotations: { [IMMEDIATE]: 'true' } });
    expect(entry.spec).toEqual({
      ...effective.spec,
      template: {
        ...effective.spec!.template,
        spec: {
          ...effective.spec!.template.spec,
          storage: { ...effective.spec!.template.spec.storage, resources: { requests: { storage: '25Gi' } } },
        },
      },
    });
    expect(otherSpec(after, hcoVersion)).toEqual(otherSpec(before, hcoVersion));
    await expect
      .poll(
        async () =>
          (await getHco(k8s, hcoVersion)).status?.dataImportCronTemplates?.find(
            (t) => t.metadata.name === name,
          )?.status,
      )
      .toMatchObject({ commonTemplate: true, modified: true });
    await expect(row(page, name)).toContainText('Customised system');
  });
});
