import { Alert, Content } from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { defaultClasses } from '../../../k8s/default-storage-class';
import { STORAGE_SETTINGS_PATH } from '../../../routes';
import type { DataVolumeForm } from '../logic/dv-form';
import { scratchAdvice, type ScratchAdvice, type ScratchWhy } from '../logic/scratch-advice';
import type { StorageFacts } from './use-storage-facts';

const formats = (cells: { format: string }[]): string => [...new Set(cells.map((c) => c.format))].join(', ');

/** Why the import needs scratch space or not; exhaustive, so a new `why` code fails to compile here. */
export const scratchWhyText = (t: TFunction, why: ScratchWhy, form: DataVolumeForm): string => {
  switch (why.code) {
    case 'matrix': {
      const needing = why.cells.filter((c) => c.scratch === 'always');
      const others = why.cells.filter((c) => c.scratch !== 'always');
      const source =
        why.endpoint === 'upload'
          ? t('An upload is written to scratch space first and converted from there.')
          : why.endpoint === 'registry'
            ? t(
                'A registry import (pullMethod pod) pulls the image into scratch space and converts it from there.',
              )
            : t('Per the supported operations matrix for {{endpoint}}:', { endpoint: why.endpoint });
      if (others.length === 0)
        return t('{{source}} Formats that need it: {{formats}} (all supported ones).', {
          source,
          formats: formats(needing),
        });
      if (needing.length === 0)
        return t('{{source}} No supported format needs it ({{formats}}).', {
          source,
          formats: formats(others),
        });
      return t('{{source}} Needs it for {{needing}}; not for {{others}}.', {
        source,
        needing: formats(needing),
        others: formats(others),
      });
    }
    case 'http-streamed':
      return t(
        'CDI streams the image through nbdkit straight into the volume, whatever its format (QCOW2 or raw, also compressed with gzip or xz): no scratch space, unless the server does not support HTTP range requests. Then the importer asks for scratch space and starts again with it.',
      );
    case 'archive':
      return t('Archive content (tar) is always unpacked through scratch space.');
    case 'node-pull':
      return t(
        "With pullMethod node, the node's container runtime pulls the image and CDI copies it from there: no scratch space.",
      );
    case 'no-transfer':
      return form.sourceKind === 'blank'
        ? t('A blank disk downloads and converts nothing: no scratch space.')
        : t('A clone copies from another volume: no scratch space.');
    case 'not-in-matrix':
      return t(
        'A gs:// URL is read from Google Cloud Storage, which the supported operations matrix does not cover: whether the import needs scratch space depends on the image format.',
      );
    default: {
      const unhandled: never = why;
      return String(unhandled);
    }
  }
};

const classText = (t: TFunction, advice: ScratchAdvice, facts: StorageFacts): string => {
  switch (advice.classFrom) {
    case 'scratch-setting':
      return t(
        'The scratch PVC uses {{name}}: the scratch space class CDI applies (CDIConfig status.scratchSpaceStorageClass).',
        { name: advice.scratchClass },
      );
    case 'target-class':
      return t(
        'The scratch PVC uses {{name}}, the class of the DataVolume: no scratch space class is set, so CDI takes the class of the PVC it fills.',
        { name: advice.scratchClass },
      );
    case 'none': {
      if (facts.targetClassFrom === 'unknown')
        return t(
          'No scratch space class is set, so the scratch PVC takes the class of the DataVolume, which is unknown until the StorageClasses can be read.',
        );
      const k8s = facts.classes ? defaultClasses(facts.classes, 'k8s')[0]?.metadata?.name : undefined;
      return k8s
        ? t(
            'No scratch space class is set and the DataVolume names no class, so the scratch PVC names none either: the Kubernetes default class {{name}} applies.',
            { name: k8s },
          )
        : t(
            'No scratch space class is set and the DataVolume names no class, so the scratch PVC names none either: the Kubernetes default class applies, if there is one.',
          );
    }
    case 'unknown':
      return t('Which class the scratch PVC uses is unknown: CDIConfig could not be read (yet).');
  }
};

/**
 * Whether this import needs a scratch PVC and which class it will use (scratchAdvice with the storage facts),
 * with a link to the storage settings to change the scratch space class.
 */
export const ScratchAdvicePanel = ({ form, facts }: { form: DataVolumeForm; facts: StorageFacts }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const advice = scratchAdvice(form, {
    scratchSpaceStorageClass: facts.scratchSpaceStorageClass,
    targetClass: facts.targetClass,
  });
  const classKnown = advice.scratchClass !== undefined;
  const title =
    advice.needed === true
      ? classKnown
        ? t('Needs scratch space on {{name}}', { name: advice.scratchClass })
        : t('Needs scratch space')
      : advice.needed === false
        ? t('No scratch space needed')
        : classKnown
          ? t('May need scratch space on {{name}}', { name: advice.scratchClass })
          : t('May need scratch space');
  const showClass = advice.needed !== false || advice.why.code === 'http-streamed';
  const overhead = facts.overheadFor(advice.scratchClass);
  const overheadPct =
    overhead !== undefined && Number.isFinite(Number(overhead))
      ? `${Math.round(Number(overhead) * 1000) / 10}%`
      : undefined;
  return (
    <Alert
      isInline
      variant={
        advice.needed === false
          ? 'success'
          : advice.needed === true && facts.blockOnly(advice.scratchClass)
            ? 'warning'
            : 'info'
      }
      title={title}
      data-testid="vsp-dv-scratch-advice"
      actionLinks={
        advice.needed !== false ? (
          <Link to={STORAGE_SETTINGS_PATH}>{t('Change the scratch space class in Storage settings')}</Link>
        ) : undefined
      }
    >
      <Content component="p">{scratchWhyText(t, advice.why, form)}</Content>
      {showClass && (
        <>
          <Content component="p" data-testid="vsp-dv-scratch-class">
            {advice.needed === false
              ? t('Should the server need it: {{classText}}', { classText: classText(t, advice, facts) })
              : classText(t, advice, facts)}
          </Content>
          {advice.needed !== false && facts.blockOnly(advice.scratchClass) && (
            <Content component="p" data-testid="vsp-dv-scratch-block-only">
              <strong>
                {t(
                  'The StorageProfile of {{name}} offers only Block volumes, but a scratch PVC is always a Filesystem volume: the import would wait for scratch space that cannot be provided. Set a scratch space class that offers Filesystem volumes.',
                  { name: advice.scratchClass },
                )}
              </strong>
            </Content>
          )}
          <Content component="p">
            {overheadPct
              ? t(
                  'Scratch space is a temporary ReadWriteOnce Filesystem PVC named after the DataVolume\'s PVC with "-scratch", sized to hold the disk plus the filesystem overhead of its class ({{overhead}}); CDI deletes it when the import ends.',
                  { overhead: overheadPct },
                )
              : t(
                  'Scratch space is a temporary ReadWriteOnce Filesystem PVC named after the DataVolume\'s PVC with "-scratch", sized to hold the disk plus the filesystem overhead of its class; CDI deletes it when the import ends.',
                )}
          </Content>
        </>
      )}
    </Alert>
  );
};
