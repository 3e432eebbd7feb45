import { Icon, type IconComponentProps } from '@patternfly/react-core';
import {
  CheckCircleIcon,
  ExclamationCircleIcon,
  ExclamationTriangleIcon,
  InfoCircleIcon,
  InProgressIcon,
  UnknownIcon,
} from '@patternfly/react-icons';
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type StatusKind = 'success' | 'warning' | 'danger' | 'info' | 'unknown' | 'in-progress';

/** The glyph and PatternFly's status colour (the Icon component's status tokens) for each kind. */
const LOOK: Record<StatusKind, { glyph: ComponentType; status?: IconComponentProps['status'] }> = {
  success: { glyph: CheckCircleIcon, status: 'success' },
  warning: { glyph: ExclamationTriangleIcon, status: 'warning' },
  danger: { glyph: ExclamationCircleIcon, status: 'danger' },
  info: { glyph: InfoCircleIcon, status: 'info' },
  // Neither good nor bad: the regular icon colour.
  unknown: { glyph: UnknownIcon },
  'in-progress': { glyph: InProgressIcon },
};

export interface StatusIconProps {
  status: StatusKind;
  /** Visible text after the icon, e.g. "Recognized". */
  children?: ReactNode;
  /** What a screen reader says for the icon; defaults to the kind ("Warning"). */
  srText?: string;
  className?: string;
}

/**
 * A status icon in PatternFly's status colour, with its meaning as screen-reader text (colour and shape alone
 * say nothing to a screen reader), optionally followed by visible text.
 */
export const StatusIcon = ({ status, children, srText, className }: StatusIconProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const names: Record<StatusKind, string> = {
    success: t('Success'),
    warning: t('Warning'),
    danger: t('Error'),
    info: t('Information'),
    unknown: t('Unknown'),
    'in-progress': t('In progress'),
  };
  const { glyph: Glyph, status: iconStatus } = LOOK[status];
  return (
    <span className={className}>
      <Icon status={iconStatus} isInline>
        <Glyph />
      </Icon>
      <span className="pf-v6-screen-reader">{srText ?? names[status]}</span>
      {children !== undefined && children !== null && <> {children}</>}
    </span>
  );
};
