import { Alert } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HyperConvergedLookup } from '../k8s/hyperconverged';
import type { HyperConverged } from '../k8s/types';
import { useHyperConverged } from '../k8s/use-hyperconverged';
import { ErrorAlert } from './ErrorAlert';
import { LoadingState, PageEmptyState } from './StatusStates';

/**
 * Renders `children` with the HyperConverged CR, or the loading / error / "not installed" state.
 * Warns when more than one CR exists (the operator reconciles only one).
 */
export const HyperConvergedGate = ({
  children,
  lookup,
}: {
  children: (hyperConverged: HyperConverged) => ReactNode;
  /** The page's own lookup, when it watches the HyperConverged itself (one watch, not two). */
  lookup?: HyperConvergedLookup;
}) => (lookup ? <GateFor lookup={lookup}>{children}</GateFor> : <WatchedGate>{children}</WatchedGate>);

const WatchedGate = ({ children }: { children: (hyperConverged: HyperConverged) => ReactNode }) => (
  <GateFor lookup={useHyperConverged()}>{children}</GateFor>
);

const GateFor = ({
  children,
  lookup,
}: {
  children: (hyperConverged: HyperConverged) => ReactNode;
  lookup: HyperConvergedLookup;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  switch (lookup.state) {
    case 'loading':
      return <LoadingState label={t('Loading the HyperConverged resource')} />;
    case 'error':
      return (
        <ErrorAlert
          error={lookup.error}
          context="read"
          title={t('Could not load the HyperConverged resource')}
        />
      );
    case 'not-installed':
      return (
        <PageEmptyState title={t('OpenShift Virtualization is not installed')}>
          {t(
            'No HyperConverged resource was found in any namespace. Install the OpenShift Virtualization operator and create its HyperConverged resource to configure these settings.',
          )}
        </PageEmptyState>
      );
    case 'found':
      return (
        <>
          {lookup.others.length > 0 && (
            <Alert variant="warning" isInline title={t('More than one HyperConverged resource exists')}>
              {t('Showing {{namespace}}/{{name}}; the operator ignores the others: {{others}}.', {
                namespace: lookup.hyperConverged.metadata?.namespace,
                name: lookup.hyperConverged.metadata?.name,
                others: lookup.others.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`).join(', '),
              })}
            </Alert>
          )}
          {children(lookup.hyperConverged)}
        </>
      );
  }
};
