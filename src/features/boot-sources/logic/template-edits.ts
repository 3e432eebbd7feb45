import { hcoChange, hcoValue, type HcoVersioned } from '../../../k8s/hco-paths';
import type { FieldChange } from '../../../k8s/json-patch';
import type { Intent } from '../../../k8s/use-intent-write';
import type { DataImportCronTemplate, HyperConverged } from '../../../k8s/types';

/**
 * Edits of the HyperConverged's atomic `dataImportCronTemplates` list (api-facts 1.2; `spec.` in v1beta1,
 * `spec.workloadSources.` in v1, always at the version of the object the edit applies to). Each edit is
 * a function of the latest list, so after a concurrent change it is re-applied on the fresh list, and every
 * entry it does not touch is kept as it was (same object, same key order).
 */

export const ANN_TEMPLATE_ENABLE = 'dataimportcrontemplate.kubevirt.io/enable';

/** An edit that no longer applies to the latest list; pages word it for the user from `reason`. */
export class TemplateEditError extends Error {
  constructor(
    readonly reason: 'exists' | 'gone',
    readonly templateName: string,
  ) {
    super(
      reason === 'exists'
        ? `A boot source named ${templateName} already exists in the HyperConverged.`
        : `The boot source ${templateName} is no longer in the HyperConverged.`,
    );
  }
}

export type TemplateList = readonly DataImportCronTemplate[];

/** The user's list as stored (absent = empty); never the effective status list. */
export const specTemplates = (hco: HyperConverged): TemplateList => {
  const value: unknown = hcoValue(hco, 'dataImportCronTemplates');
  return Array.isArray(value) ? (value as DataImportCronTemplate[]) : [];
};

/** An intent that rewrites the list with `edit` (applied to the list of whichever HCO it runs on). */
export const templateListIntent =
  (edit: (list: TemplateList) => TemplateList): Intent<HyperConverged> =>
  (hco) => {
    const before = specTemplates(hco);
    const after = edit(before);
    return after === before ? [] : [hcoChange(hco, 'dataImportCronTemplates', [...after])];
  };

/** Turns HCO's common golden images on or off, at the path of the version of `hco`. */
export const enableChange = (hco: HcoVersioned, enabled: boolean): FieldChange =>
  hcoChange(hco, 'enableCommonBootImageImport', enabled);

/** Whether HCO deploys its common golden images (the CRD defaults the field to true). */
export const commonImportEnabled = (hco: HyperConverged): boolean =>
  hcoValue(hco, 'enableCommonBootImageImport') !== false;

export const isEnabledEntry = (item: DataImportCronTemplate): boolean =>
  (item.metadata.annotations?.[ANN_TEMPLATE_ENABLE] ?? 'true').toLowerCase() !== 'false';

/**
 * An entry without a spec only switches a system source off (HCO's mutator may have added the immediate-bind
 * annotation to it); enabled, it would be rejected ("spec is empty for an enabled DataImportCronTemplate").
 */
const isDisableOnlyEntry = (item: DataImportCronTemplate): boolean => item.spec === undefined;

const withAnnotation = (item: DataImportCronTemplate, value: string | undefined): DataImportCronTemplate => {
  const annotations = { ...item.metadata.annotations };
  if (value === undefined) delete annotations[ANN_TEMPLATE_ENABLE];
  else annotations[ANN_TEMPLATE_ENABLE] = value;
  const { annotations: _old, ...rest } = item.metadata;
  return {
    ...item,
    metadata: Object.keys(annotations).length === 0 ? rest : { ...item.metadata, annotations },
  };
};

const replaceAt = (list: TemplateList, index: number, item: DataImportCronTemplate): TemplateList =>
  list.map((entry, i) => (i === index ? item : entry));

const indexOf = (list: TemplateList, name: string) => list.findIndex((i) => i.metadata?.name === name);

/**
 * Turns one source off. A system source without an entry gets the minimal
 * `{metadata: {name, annotations: {enable: "false"}}}`; an existing entry (customised system source or custom
 * source) keeps its definition and gets the annotation.
 */
export const disableTemplate =
  (name: string) =>
  (list: TemplateList): TemplateList => {
    const i = indexOf(list, name);
    if (i < 0) return [...list, { metadata: { name, annotations: { [ANN_TEMPLATE_ENABLE]: 'false' } } }];
    if (!isEnabledEntry(list[i])) return list;
    return replaceAt(list, i, withAnnotation(list[i], 'false'));
  };

/** Turns one source back on: an entry without a spec is removed, any other entry loses the annotation. */
export const enableTemplate =
  (name: string) =>
  (list: TemplateList): TemplateList => {
    const i = indexOf(list, name);
    if (i < 0 || isEnabledEntry(list[i])) return list;
    if (isDisableOnlyEntry(list[i])) return list.filter((_, j) => j !== i);
    return replaceAt(list, i, withAnnotation(list[i], undefined));
  };

/** Removes an entry (a custom source, or a customisation: the system source is then HCO's again). */
export const removeTemplate =
  (name: string) =>
  (list: TemplateList): TemplateList => {
    const i = indexOf(list, name);
    if (i < 0) throw new TemplateEditError('gone', name);
    return list.filter((_, j) => j !== i);
  };

/**
 * Adds `item`, or replaces the entry named `replacing` (its old name when editing) in place. Adding a name
 * that someone else added meanwhile is refused rather than overwriting their entry.
 */
export const upsertTemplate =
  (item: DataImportCronTemplate, replacing?: string) =>
  (list: TemplateList): TemplateList => {
    const target = replacing ?? item.metadata.name;
    const i = indexOf(list, target);
    const clash = indexOf(list, item.metadata.name);
    if (replacing === undefined && i >= 0 && list[i].spec !== undefined) {
      throw new TemplateEditError('exists', item.metadata.name);
    }
    if (replacing !== undefined && replacing !== item.metadata.name && clash >= 0) {
      throw new TemplateEditError('exists', item.metadata.name);
    }
    if (replacing !== undefined && i < 0 && replacing !== item.metadata.name) {
      throw new TemplateEditError('gone', replacing);
    }
    return i >= 0 ? replaceAt(list, i, item) : [...list, item];
  };
