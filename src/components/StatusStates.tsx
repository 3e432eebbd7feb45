import { Bullseye, EmptyState, EmptyStateBody, EmptyStateFooter, Spinner } from '@patternfly/react-core';
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './plugin.css';

/** A centred spinner with an accessible name. */
export const LoadingState = ({ label }: { label?: string }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <Bullseye className="vsp-loading-state">
      <Spinner aria-label={label ?? t('Loading')} />
    </Bullseye>
  );
};

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  icon?: ComponentType<unknown>;
  /** Buttons or links, e.g. "Clear filters". */
  actions?: ReactNode;
}

/** "Nothing here" with the reason and, when useful, a way out. */
export const PageEmptyState = ({ title, children, icon, actions }: EmptyStateProps) => (
  <EmptyState titleText={title} headingLevel="h2" icon={icon}>
    {children && <EmptyStateBody>{children}</EmptyStateBody>}
    {actions && <EmptyStateFooter>{actions}</EmptyStateFooter>}
  </EmptyState>
);
