import type { SettingsSectionProps } from './section-props';

// Placeholder while the section is being built (not committed).
export const WorkloadResourcesSection = (_props: SettingsSectionProps) => null;
