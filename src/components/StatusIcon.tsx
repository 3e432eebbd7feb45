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
const LOOK: Record<StatusKind, { glyph: ComponentType; status?: 'success' | 'warning' | 'danger' | 'info' }> =
  {
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

/** The default screen-reader text of each kind ("Warning"). */
const useStatusName = (status: StatusKind) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  switch (status) {
    case 'success':
      return t('Success');
    case 'warning':
      return t('Warning');
    case 'danger':
      return t('Error');
    case 'info':
      return t('Information');
    case 'unknown':
      return t('Unknown');
    case 'in-progress':
      return t('In progress');
  }
};

/**
 * PatternFly's `<Icon isInline status>` markup as plain elements: tables render many status icons at once.
 * The console loads PatternFly's stylesheet.
 */
const StatusIconView = ({ status, children, srText, className }: StatusIconProps & { srText: string }) => {
  const { glyph: Glyph, status: iconStatus } = LOOK[status];
  return (
    <span className={className}>
      <span className="pf-v6-c-icon pf-m-inline">
        <span className={iconStatus ? `pf-v6-c-icon__content pf-m-${iconStatus}` : 'pf-v6-c-icon__content'}>
          <Glyph />
        </span>
      </span>
      <span className="pf-v6-screen-reader">{srText}</span>
      {children !== undefined && children !== null && <> {children}</>}
    </span>
  );
};

const StatusIconWithDefaultText = (props: StatusIconProps) => (
  <StatusIconView {...props} srText={useStatusName(props.status)} />
);

/**
 * A status icon in PatternFly's status colour, with its meaning as screen-reader text (colour and shape alone
 * say nothing to a screen reader), optionally followed by visible text. Pass `srText` where many are rendered
 * at once (table cells): then the icon needs no translation hook of its own.
 */
export const StatusIcon = (props: StatusIconProps) =>
  props.srText !== undefined ? (
    <StatusIconView {...props} srText={props.srText} />
  ) : (
    <StatusIconWithDefaultText {...props} />
  );
