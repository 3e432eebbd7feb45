import { useNow } from '../../../components/use-now';
import {
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BreakableText } from '../../../components/BreakableText';
import { CompactLabel, Muted, PlainTimestamp } from '../../../components/plain-markup';
import { ReadWarningAlert } from '../../../components/ReadWarningAlert';
import { StatusIcon } from '../../../components/StatusIcon';
import { LoadingState } from '../../../components/StatusStates';
import { formatQuantity } from '../../../k8s/quantity';
import type { DataVolume, K8sEvent, PersistentVolumeClaim, Pod } from '../../../k8s/types';
import type { Watched } from '../../../k8s/watch-state';
import { podRestarts, sourceLocation, splitPvcAnnotations } from '../data/details-logic';
import { ageSeconds, toDataVolumeRow } from '../logic/dv-rows';
import { annotationInfo, isPropagated } from '../logic/propagated-annotations';
import { PhaseCell, phaseStatus, preallocationText, shortAge, sourceKindText } from '../data/dv-cells';

const Item = ({ term, children }: { term: string; children: ReactNode }) => (
  <DescriptionListGroup>
    <DescriptionListTerm>{term}</DescriptionListTerm>
    <DescriptionListDescription>{children}</DescriptionListDescription>
  </DescriptionListGroup>
);

const size = (q: string | undefined) => (q ? (formatQuantity(q) ?? q) : undefined);

export const SummaryCard = ({ dv, pvc }: { dv: DataVolume; pvc: PersistentVolumeClaim | undefined }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const row = toDataVolumeRow(dv, pvc);
  const now = useNow();
  const leftToCdi = <Muted>{t('Left to CDI')}</Muted>;
  const prealloc = preallocationText(t, row);
  const location = sourceLocation(dv);
  return (
    <Card>
      <CardTitle component="h2">{t('Summary')}</CardTitle>
      <CardBody>
        <DescriptionList isCompact isHorizontal columnModifier={{ lg: '2Col' }}>
          <Item term={t('Phase')}>
            <PhaseCell row={row} t={t} srText={t('Phase')} />
          </Item>
          <Item term={t('Restarts')}>{String(row.restartCount)}</Item>
          <Item term={t('Source')}>
            {sourceKindText(t, row.sourceKind)}
            {location && (
              <>
                {' '}
                <Muted>
                  <BreakableText text={location} />
                </Muted>
              </>
            )}
          </Item>
          <Item term={t('Requested size')}>
            {size(row.requestedSize) ?? <Muted>{t('From source')}</Muted>}
          </Item>
          <Item term={t('Actual size')}>{size(row.actualSize) ?? <Muted>{t('Not known yet')}</Muted>}</Item>
          <Item term={t('Storage class')}>{row.storageClass ?? <Muted>{t('Default')}</Muted>}</Item>
          <Item term={t('Access modes')}>{row.accessModes?.join(', ') ?? leftToCdi}</Item>
          <Item term={t('Volume mode')}>{row.volumeMode ?? leftToCdi}</Item>
          <Item term={t('Preallocation requested')}>{prealloc.requested}</Item>
          <Item term={t('Preallocation applied')}>
            {/* CDI writes the annotation when the importer preallocated; a finished import without it did not. */}
            {prealloc.applied ??
              (row.phase === 'Succeeded' ? (
                t('Not applied')
              ) : (
                <Muted>{t('Not yet: the transfer has not finished')}</Muted>
              ))}
          </Item>
          <Item term={t('Owner')}>
            {row.owner ? `${row.owner.kind}/${row.owner.name}` : <Muted>{t('None')}</Muted>}
          </Item>
          <Item term={t('Age')}>
            {shortAge(ageSeconds(row, now)) || <Muted>{t('Unknown')}</Muted>}
            {dv.metadata?.creationTimestamp && (
              <>
                {' '}
                <Muted>
                  <PlainTimestamp timestamp={dv.metadata.creationTimestamp} />
                </Muted>
              </>
            )}
          </Item>
        </DescriptionList>
      </CardBody>
    </Card>
  );
};

export const ConditionsCard = ({ dv }: { dv: DataVolume }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const conditions = dv.status?.conditions ?? [];
  return (
    <Card>
      <CardTitle component="h2">{t('Conditions')}</CardTitle>
      <CardBody>
        {conditions.length === 0 ? (
          <Muted>{t('CDI has not reported conditions yet.')}</Muted>
        ) : (
          <Table role="table" aria-label={t('Conditions')} variant="compact">
            <Thead>
              <Tr>
                <Th>{t('Type')}</Th>
                <Th>{t('Status')}</Th>
                <Th>{t('Reason')}</Th>
                <Th>{t('Message')}</Th>
                <Th>{t('Last transition')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {conditions.map((c) => (
                <Tr key={c.type}>
                  <Td dataLabel={t('Type')}>{c.type}</Td>
                  <Td dataLabel={t('Status')}>
                    <StatusIcon
                      status={c.status === 'True' ? 'success' : c.status === 'False' ? 'warning' : 'unknown'}
                    >
                      {c.status}
                    </StatusIcon>
                  </Td>
                  <Td dataLabel={t('Reason')}>{c.reason ?? ''}</Td>
                  <Td dataLabel={t('Message')}>{c.message ?? ''}</Td>
                  <Td dataLabel={t('Last transition')}>
                    {c.lastTransitionTime ? <PlainTimestamp timestamp={c.lastTransitionTime} /> : ''}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
};

/** Key/value annotations; `marks` adds a label and an explanation per key. */
export const AnnotationsTable = ({
  ariaLabel,
  entries,
  marks,
}: {
  ariaLabel: string;
  entries: [string, string][];
  marks?: (key: string) => ReactNode;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  if (entries.length === 0) return <Muted>{t('None')}</Muted>;
  return (
    <Table role="table" aria-label={ariaLabel} variant="compact">
      <Thead>
        <Tr>
          <Th width={40}>{t('Key')}</Th>
          <Th>{t('Value')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {entries.map(([k, v]) => (
          <Tr key={k}>
            <Td dataLabel={t('Key')}>
              <BreakableText text={k} />
              {marks?.(k)}
            </Td>
            <Td dataLabel={t('Value')} modifier="breakWord">
              {v}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

export const DvAnnotationsCard = ({ dv }: { dv: DataVolume }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const entries = Object.entries(dv.metadata?.annotations ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return (
    <Card>
      <CardTitle component="h2">{t('DataVolume annotations')}</CardTitle>
      <CardBody>
        <AnnotationsTable
          ariaLabel={t('DataVolume annotations')}
          entries={entries}
          marks={(key) => {
            const info = annotationInfo(key);
            if (!isPropagated(key))
              return info ? (
                <div>
                  <Muted>{info.explanation}</Muted>
                </div>
              ) : null;
            return (
              <div>
                <CompactLabel color="blue">{t('Copied to CDI’s pods')}</CompactLabel>{' '}
                {info && <Muted>{info.explanation}</Muted>}
              </div>
            );
          }}
        />
      </CardBody>
    </Card>
  );
};

export const PvcCard = ({ pvc, pvcName }: { pvc: Watched<PersistentVolumeClaim>; pvcName: string }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  let body: ReactNode;
  if (pvc.status === 'loading') body = <LoadingState label={t('Loading the PVC')} />;
  else if (pvc.status === 'not-found')
    body = (
      <Muted>
        {t('PVC {{name}} does not exist (yet): CDI creates it for the DataVolume.', { name: pvcName })}
      </Muted>
    );
  else if (pvc.status !== 'loaded' || !pvc.data)
    body = <ReadWarningAlert title={t('Could not read PVC {{name}}', { name: pvcName })} error={pvc.error} />;
  else {
    const p = pvc.data;
    const { cdi, other } = splitPvcAnnotations(p.metadata?.annotations);
    body = (
      <>
        <DescriptionList isCompact isHorizontal columnModifier={{ lg: '2Col' }}>
          <Item term={t('Name')}>{p.metadata?.name}</Item>
          <Item term={t('Phase')}>
            <StatusIcon
              status={
                p.status?.phase === 'Bound'
                  ? 'success'
                  : p.status?.phase === 'Lost'
                    ? 'danger'
                    : 'in-progress'
              }
            >
              {p.status?.phase ?? t('Unknown')}
            </StatusIcon>
          </Item>
          <Item term={t('Capacity')}>
            {size(p.status?.capacity?.storage) ?? <Muted>{t('Not bound yet')}</Muted>}
          </Item>
          <Item term={t('Requested')}>{size(p.spec?.resources?.requests?.storage) ?? ''}</Item>
          <Item term={t('Storage class')}>{p.spec?.storageClassName ?? <Muted>{t('None')}</Muted>}</Item>
          <Item term={t('Access modes')}>
            {(p.status?.accessModes ?? p.spec?.accessModes ?? []).join(', ')}
          </Item>
          <Item term={t('Volume mode')}>{p.spec?.volumeMode ?? 'Filesystem'}</Item>
          <Item term={t('Volume')}>{p.spec?.volumeName ?? <Muted>{t('Not bound yet')}</Muted>}</Item>
        </DescriptionList>
        <h3 className="pf-v6-c-title pf-m-md vsp-dv-subtitle">{t('CDI annotations')}</h3>
        <AnnotationsTable ariaLabel={t('CDI annotations of the PVC')} entries={cdi} />
        <h3 className="pf-v6-c-title pf-m-md vsp-dv-subtitle">{t('Other annotations')}</h3>
        <AnnotationsTable
          ariaLabel={t('Other annotations of the PVC')}
          entries={other}
          marks={(key) =>
            isPropagated(key) ? (
              <div>
                <CompactLabel color="blue">{t('Copied to CDI’s pods')}</CompactLabel>
              </div>
            ) : null
          }
        />
      </>
    );
  }
  return (
    <Card>
      <CardTitle component="h2">{t('PersistentVolumeClaim')}</CardTitle>
      <CardBody>{body}</CardBody>
    </Card>
  );
};

export const PodsCard = ({ pods, list }: { pods: Watched<Pod[]>; list: Pod[] | undefined }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  let body: ReactNode;
  if (pods.status === 'forbidden' || pods.status === 'error')
    body = (
      <ReadWarningAlert title={t('Could not read pods: CDI’s worker pods are unknown')} error={pods.error} />
    );
  else if (!list) body = <LoadingState label={t('Loading pods')} />;
  else if (list.length === 0)
    body = (
      <Muted>
        {t('No worker pod now: CDI removes its importer or upload pod when the transfer is done.')}
      </Muted>
    );
  else
    body = (
      <Table role="table" aria-label={t('Worker pods')} variant="compact">
        <Thead>
          <Tr>
            <Th>{t('Name')}</Th>
            <Th>{t('Phase')}</Th>
            <Th>{t('Restarts')}</Th>
            <Th>{t('Annotations')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {list.map((p) => (
            <Tr key={p.metadata?.name}>
              <Td dataLabel={t('Name')}>{p.metadata?.name}</Td>
              <Td dataLabel={t('Phase')}>
                <StatusIcon status={phaseStatus(p.status?.phase ?? '')}>
                  {p.status?.phase ?? t('Unknown')}
                </StatusIcon>
              </Td>
              <Td dataLabel={t('Restarts')}>{String(podRestarts(p))}</Td>
              <Td dataLabel={t('Annotations')} modifier="breakWord">
                {Object.entries(p.metadata?.annotations ?? {}).map(([k, v]) => (
                  <div key={k}>
                    <Muted>
                      {k}={v}
                    </Muted>
                  </div>
                ))}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    );
  return (
    <Card>
      <CardTitle component="h2">{t('Worker pods')}</CardTitle>
      <CardBody>{body}</CardBody>
    </Card>
  );
};

export const EventsCard = ({
  events,
  list,
}: {
  events: Watched<K8sEvent[]>;
  list: K8sEvent[] | undefined;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  let body: ReactNode;
  if (events.status === 'forbidden' || events.status === 'error')
    body = <ReadWarningAlert title={t('Could not read events')} error={events.error} />;
  else if (!list) body = <LoadingState label={t('Loading events')} />;
  else if (list.length === 0)
    body = <Muted>{t('No events for this DataVolume, its PVC or its pods.')}</Muted>;
  else
    body = (
      <Table role="table" aria-label={t('Events')} variant="compact">
        <Thead>
          <Tr>
            <Th>{t('Type')}</Th>
            <Th>{t('Reason')}</Th>
            <Th>{t('Object')}</Th>
            <Th width={40}>{t('Message')}</Th>
            <Th>{t('Count')}</Th>
            <Th>{t('Last seen')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {list.map((e) => {
            const last = e.lastTimestamp || e.eventTime || e.firstTimestamp;
            return (
              <Tr key={e.metadata?.uid ?? e.metadata?.name}>
                <Td dataLabel={t('Type')}>
                  <StatusIcon status={e.type === 'Warning' ? 'warning' : 'info'}>{e.type}</StatusIcon>
                </Td>
                <Td dataLabel={t('Reason')}>{e.reason}</Td>
                <Td dataLabel={t('Object')}>
                  <BreakableText text={`${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`} />
                </Td>
                <Td dataLabel={t('Message')} modifier="breakWord">
                  {e.message}
                </Td>
                <Td dataLabel={t('Count')}>{String(e.count ?? 1)}</Td>
                <Td dataLabel={t('Last seen')}>{last ? <PlainTimestamp timestamp={last} /> : ''}</Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
    );
  return (
    <Card>
      <CardTitle component="h2">{t('Events')}</CardTitle>
      <CardBody>{body}</CardBody>
    </Card>
  );
};
