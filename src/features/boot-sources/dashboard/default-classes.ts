import { defaultClasses, effectiveBootSourceClass } from '../../../k8s/default-storage-class';
import type { StorageClass } from '../../../k8s/types';

const names = (classes: StorageClass[]) => classes.map((c) => c.metadata?.name ?? '');

/** Every virt and k8s default class, in the order upstream picks them. */
export const defaultClassNames = (classes: readonly StorageClass[]) => ({
  virt: names(defaultClasses(classes, 'virt')),
  k8s: names(defaultClasses(classes, 'k8s')),
});

/** The class a boot source that names none imports to (CDI: virt default, else k8s default). */
export const bootSourceDefaultClass = (classes: readonly StorageClass[]): string | undefined => {
  const effective = effectiveBootSourceClass(classes);
  return effective.source === 'none' ? undefined : effective.className;
};
