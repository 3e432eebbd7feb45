import {
  Alert,
  AlertActionCloseButton,
  Breadcrumb,
  BreadcrumbItem,
  Button,
  Grid,
  GridItem,
  Stack,
  Title,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { AccessGate } from '../../../components/AccessGate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageShell } from '../../../components/PageShell';
import { LoadingState, PageEmptyState } from '../../../components/StatusStates';
import { readK8sError } from '../../../k8s/k8s-errors';
import { StorageProfileModel } from '../../../k8s/models';
import { withQueryClient } from '../../../k8s/query-client';
import { useModelAccess } from '../../../k8s/use-access';
import { StorageProfileEditForm } from '../edit/StorageProfileEditForm';
import {
  matchStorageProfileRoute,
  STORAGE_PROFILES_PATH,
  storageProfileDetailsPath,
  storageProfileEditPath,
} from '../../../routes';
import { ProfileFindings } from './ProfileFindings';
import {
  CdiAnnotations,
  RecognizedCard,
  RelatedSnapshotClasses,
  SpecVsStatusTable,
  StorageClassCard,
} from './ProfileDetailsSections';
import { useStorageProfileContext } from './use-storage-profile-context';

const StorageProfileDetailsPage = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { pathname, state: locationState } = useLocation();
  const navigate = useNavigate();
  // Route matching, not a suffix test: a class named "edit" is viewed at …/storage-profiles/edit.
  const route = matchStorageProfileRoute(pathname);
  const name = route?.name ?? '';
  const editing = route?.editing ?? false;
  const ctx = useStorageProfileContext(name);
  const access = useModelAccess(StorageProfileModel, 'patch', name);
  // The edit view hands its success message over through the navigation state.
  const [dismissed, setDismissed] = useState<unknown>();
  const saved = (locationState as { saved?: string } | null)?.saved;
  const savedMessage = saved && dismissed !== locationState ? saved : undefined;

  const breadcrumbs = (
    <Breadcrumb>
      <BreadcrumbItem>
        <Link to={STORAGE_PROFILES_PATH}>{t('Storage profiles')}</Link>
      </BreadcrumbItem>
      {editing ? (
        <>
          <BreadcrumbItem>
            <Link to={storageProfileDetailsPath(name)}>{name}</Link>
          </BreadcrumbItem>
          <BreadcrumbItem isActive>{t('Edit')}</BreadcrumbItem>
        </>
      ) : (
        <BreadcrumbItem isActive>{name}</BreadcrumbItem>
      )}
    </Breadcrumb>
  );

  let body;
  const { health } = ctx;
  const profile = ctx.profile.status === 'loaded' ? ctx.profile.data : undefined;
  const snapshotClassesUnknown = ctx.snapshotClasses === undefined;
  if (ctx.profile.status === 'not-found') {
    body = (
      <PageEmptyState title={t('Storage profile {{name}} not found', { name })}>
        {t('CDI creates a storage profile for every storage class and removes it with the class.')}
      </PageEmptyState>
    );
  } else if (ctx.profile.status === 'api-missing') {
    body = (
      <PageEmptyState title={t('Storage profiles are not available')}>
        {t(
          'The StorageProfile API is not served. Install OpenShift Virtualization (it includes the Containerized Data Importer, which creates one storage profile per storage class).',
        )}
      </PageEmptyState>
    );
  } else if (ctx.profile.status === 'forbidden' || ctx.profile.status === 'error') {
    body = (
      <ErrorAlert
        error={ctx.profile.error}
        context="read"
        title={t('Could not load storage profile {{name}}', { name })}
      />
    );
  } else if (!profile || !health) {
    body = <LoadingState label={t('Loading storage profile')} />;
  } else if (editing) {
    body = (
      <AccessGate access={access}>
        {(canWrite) => (
          <StorageProfileEditForm
            profile={profile}
            provisioner={health.row.provisioner}
            snapshotClasses={ctx.snapshotClasses ?? []}
            snapshotClassesKnown={!snapshotClassesUnknown}
            cloneStrategyOverride={ctx.cloneStrategyOverride}
            csiDriverNames={ctx.csiDriverNames}
            capabilities={health.capabilities}
            canWrite={canWrite}
            onSaved={(message) => navigate(storageProfileDetailsPath(name), { state: { saved: message } })}
            onCancel={() => navigate(storageProfileDetailsPath(name))}
          />
        )}
      </AccessGate>
    );
  } else {
    const sc = ctx.storageClass;
    body = (
      <Stack hasGutter>
        {savedMessage && (
          <Alert
            variant="success"
            isInline
            title={savedMessage}
            actionClose={<AlertActionCloseButton onClose={() => setDismissed(locationState)} />}
          />
        )}
        <AccessGate access={access}>{() => null}</AccessGate>
        {ctx.optionalErrors.map(({ what, error }) => (
          <Alert key={what} variant="warning" isInline title={t('Could not load {{what}}', { what })}>
            {readK8sError(error).message}
          </Alert>
        ))}
        <ProfileFindings health={health} name={name} />
        <Title headingLevel="h2">{t('Values: set by an administrator and applied by CDI')}</Title>
        <SpecVsStatusTable profile={profile} health={health} />
        <Grid hasGutter>
          <GridItem md={6}>
            <StorageClassCard
              storageClass={sc.status === 'loaded' ? sc.data : undefined}
              error={sc.status === 'forbidden' || sc.status === 'error' ? sc.error : undefined}
            />
          </GridItem>
          <GridItem md={6}>
            <RecognizedCard health={health} />
          </GridItem>
        </Grid>
        <CdiAnnotations profile={profile} />
        <Title headingLevel="h2">{t('VolumeSnapshotClasses for this provisioner')}</Title>
        <RelatedSnapshotClasses
          provisioner={health.row.provisioner}
          snapshotClasses={health.snapshotClassesForDriver}
          unknown={snapshotClassesUnknown}
        />
      </Stack>
    );
  }

  return (
    <PageShell
      title={editing ? t('Edit storage profile {{name}}', { name }) : t('Storage profile {{name}}', { name })}
      breadcrumbs={breadcrumbs}
      description={
        editing
          ? t(
              'Values you set here win over what CDI would choose. Leave a field on "Let CDI decide" to keep CDI\'s value.',
            )
          : undefined
      }
      actions={
        !editing && profile ? (
          <Button
            variant="primary"
            isDisabled={!access.allowed}
            onClick={() => navigate(storageProfileEditPath(name))}
          >
            {t('Edit')}
          </Button>
        ) : undefined
      }
    >
      {body}
    </PageShell>
  );
};

export default withQueryClient(StorageProfileDetailsPage);
