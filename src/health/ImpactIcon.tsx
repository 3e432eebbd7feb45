import { useTranslation } from 'react-i18next';
import { StatusIcon, type StatusKind } from '../components/StatusIcon';
import type { Impact } from './types';

/** The status look of each impact: PatternFly's danger, warning and info colours and glyphs. */
export const IMPACT_STATUS: Record<Impact, StatusKind & ('danger' | 'warning' | 'info')> = {
  critical: 'danger',
  warning: 'warning',
  info: 'info',
};

/** The impact's name ("Critical", "Warning", "Info"). */
export const useImpactName = (): ((impact: Impact) => string) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (impact) =>
    impact === 'critical' ? t('Critical') : impact === 'warning' ? t('Warning') : t('Info');
};

/** The impact as an icon with its name as text (visible or, with `textHidden`, for screen readers only). */
export const ImpactIcon = ({ impact, textHidden }: { impact: Impact; textHidden?: boolean }) => {
  const name = useImpactName()(impact);
  return textHidden ? (
    <StatusIcon status={IMPACT_STATUS[impact]} srText={name} />
  ) : (
    <StatusIcon status={IMPACT_STATUS[impact]} srText="">
      {name}
    </StatusIcon>
  );
};
