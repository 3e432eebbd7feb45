// Placeholder during development: replaced by the Storage step.
import type { StepProps } from './step-props';
import type { StorageFacts } from './use-storage-facts';

export const StorageStep = (_props: StepProps & { facts: StorageFacts }) => null;
