// Placeholder during development: replaced by the Options step (preallocation, annotations, immediate bind).
import type { StepProps } from './step-props';
import type { StorageFacts } from './use-storage-facts';

export const OptionsStep = (_props: StepProps & { facts: StorageFacts }) => null;
