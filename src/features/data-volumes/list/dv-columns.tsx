import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BreakableText } from '../../../components/BreakableText';
import { CellStack, Muted } from '../../../components/plain-markup';
import type { ResourceTableColumn } from '../../../components/ResourceTable';
import { formatQuantity } from '../../../k8s/quantity';
import { dataVolumeDetailsPath } from '../../../routes';
import type { DataVolumeRow } from '../logic/dv-rows';
import { AgeText, ConditionsCell, PhaseCell, preallocationText, sourceKindText } from '../data/dv-cells';
import '../data/data-volumes.css';

export type DvColumn = ResourceTableColumn<DataVolumeRow>;

/** Hidden where the table is laid out as a table but narrow (PatternFly's breakpoints). */
const HIDE_BELOW_2XL: DvColumn['visibility'] = ['hiddenOnXl', 'visibleOn2Xl'];
const HIDE_BELOW_XL: DvColumn['visibility'] = ['hiddenOnLg', 'visibleOnXl'];

const size = (q: string | undefined) => (q ? (formatQuantity(q) ?? q) : undefined);

export const dvColumns = (t: TFunction, allNamespaces: boolean): DvColumn[] => {
  const leftToCdi = <Muted>{t('Left to CDI')}</Muted>;
  const unknown = <Muted>{t('Unknown')}</Muted>;
  const srPhase = t('Phase');
  const columns: (DvColumn | false)[] = [
    {
      id: 'name',
      title: t('Name'),
      sortValue: (r) => r.name,
      cell: allNamespaces
        ? (r) => (
            <CellStack>
              {[
                <Link key="link" to={dataVolumeDetailsPath(r.namespace, r.name)}>
                  <BreakableText text={r.name} />
                </Link>,
                // Under the name as well, where the Namespace column is hidden (narrow screens).
                <span key="ns" className="vsp-dv-namespace-under-name">
                  <Muted>{t('Namespace: {{nsName}}', { nsName: r.namespace })}</Muted>
                </span>,
              ]}
            </CellStack>
          )
        : (r) => (
            <Link to={dataVolumeDetailsPath(r.namespace, r.name)}>
              <BreakableText text={r.name} />
            </Link>
          ),
    },
    allNamespaces && {
      id: 'namespace',
      title: t('Namespace'),
      sortValue: (r) => r.namespace,
      cell: (r) => r.namespace,
      visibility: HIDE_BELOW_2XL,
    },
    {
      id: 'status',
      title: t('Status'),
      // Failing first (sortFailingFirst's rank), then by progress within a rank.
      sortValue: (r) => r.rank * 1000 + (r.progress ?? 0),
      cell: (r) => <PhaseCell row={r} t={t} srText={srPhase} />,
    },
    {
      id: 'source',
      title: t('Source'),
      sortValue: (r) => r.sourceKind,
      cell: (r) => sourceKindText(t, r.sourceKind),
      visibility: HIDE_BELOW_2XL,
    },
    {
      id: 'size',
      title: t('Size (requested / actual)'),
      sortValue: (r) => r.requestedSize,
      cell: (r) => (
        <CellStack>
          {[
            <span key="req" className="vsp-nowrap">
              {size(r.requestedSize) ?? t('From source')}
            </span>,
            r.actualSize ? (
              <Muted key="act">{t('Actual: {{size}}', { size: size(r.actualSize) })}</Muted>
            ) : null,
          ]}
        </CellStack>
      ),
    },
    {
      id: 'storageClass',
      title: t('Storage class'),
      sortValue: (r) => r.storageClass,
      cell: (r) => (r.storageClass ? <BreakableText text={r.storageClass} /> : <Muted>{t('Default')}</Muted>),
    },
    {
      id: 'modes',
      title: t('Access / volume mode'),
      sortValue: (r) => `${r.accessModes?.join(',') ?? ''} ${r.volumeMode ?? ''}`,
      cell: (r) => (
        <CellStack>
          {[
            r.accessModes ? (
              <span key="a">{r.accessModes.join(', ')}</span>
            ) : (
              <span key="a">{leftToCdi}</span>
            ),
            r.volumeMode ? <Muted key="v">{r.volumeMode}</Muted> : <span key="v">{leftToCdi}</span>,
          ]}
        </CellStack>
      ),
      visibility: HIDE_BELOW_2XL,
    },
    {
      id: 'preallocation',
      title: t('Preallocation'),
      sortValue: (r) => String(r.preallocation),
      cell: (r) => {
        const p = preallocationText(t, r);
        return (
          <CellStack>
            {[<span key="r">{p.requested}</span>, p.applied && <Muted key="a">{p.applied}</Muted>]}
          </CellStack>
        );
      },
      visibility: HIDE_BELOW_2XL,
    },
    {
      id: 'restarts',
      title: t('Restarts'),
      sortValue: (r) => r.restartCount,
      cell: (r) => String(r.restartCount),
      // The status cell says "Restarts: N" too.
      visibility: HIDE_BELOW_2XL,
    },
    {
      id: 'conditions',
      title: t('Conditions'),
      cell: (r) => <ConditionsCell row={r} t={t} />,
      visibility: HIDE_BELOW_XL,
    },
    {
      id: 'owner',
      title: t('Owner'),
      sortValue: (r) => (r.owner ? `${r.owner.kind}/${r.owner.name}` : undefined),
      cell: (r) => (r.owner ? <BreakableText text={`${r.owner.kind}/${r.owner.name}`} /> : unknownOrNone(t)),
      visibility: HIDE_BELOW_2XL,
    },
    {
      id: 'age',
      title: t('Age'),
      // Newest first is the usual wish; ascending age = newest first.
      sortValue: (r) => (r.created === undefined ? undefined : -r.created),
      cell: (r) => <AgeText row={r} unknown={unknown} />,
    },
  ];
  return columns.filter((c): c is DvColumn => !!c);
};

const unknownOrNone = (t: TFunction) => <Muted>{t('None')}</Muted>;

export const useDvColumns = (allNamespaces: boolean): DvColumn[] => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return useMemo(() => dvColumns(t, allNamespaces), [t, allNamespaces]);
};
