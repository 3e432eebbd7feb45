import type { StorageClass } from '../../../k8s/types';

// TODO(lead): replace with src/k8s/default-storage-class.ts once it lands.
const VIRT = 'storageclass.kubevirt.io/is-default-virt-class';
const K8S = 'storageclass.kubernetes.io/is-default-class';

const annotated = (classes: readonly StorageClass[], key: string) =>
  classes.filter((c) => c.metadata?.annotations?.[key] === 'true').map((c) => c.metadata?.name ?? '');

export const defaultClassNames = (classes: readonly StorageClass[]) => ({
  virt: annotated(classes, VIRT),
  k8s: annotated(classes, K8S),
});

export const bootSourceDefaultClass = (classes: readonly StorageClass[]): string | undefined => {
  const { virt, k8s } = defaultClassNames(classes);
  return virt[0] ?? k8s[0];
};
