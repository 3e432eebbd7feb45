// Placeholder during development: replaced by the scratch-space advice panel.
import type { DataVolumeForm } from '../logic/dv-form';
import type { StorageFacts } from './use-storage-facts';

export const ScratchAdvicePanel = (_props: { form: DataVolumeForm; facts: StorageFacts }) => null;
