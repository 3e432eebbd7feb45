import {
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, type StorageSizeError } from '../../../k8s/quantity';
import {
  overheadToPercent,
  requiredPvcFor,
  usableDiskFor,
  type CalculatorResult,
  type OverheadRow,
} from '../logic/filesystem-overhead';

export interface OverheadCalculatorProps {
  /** Rows of existing classes (the calculator uses what CDI applies, else what the HyperConverged implies). */
  rows: OverheadRow[];
  /** The global value CDI applies (or should apply), for a PVC without a class. */
  globalOverhead: string;
}

const useSizeErrorText = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (e: StorageSizeError): string => {
    switch (e.code) {
      case 'empty':
        return t('Enter a size, e.g. 30Gi.');
      case 'format':
        return t('Not a size: use a number with an optional unit, e.g. 30Gi or 500M.');
      case 'suffix':
        return t('Unknown unit: use Ki, Mi, Gi, Ti (binary) or k, M, G, T (decimal).');
      case 'negative':
        return t('A size cannot be negative.');
      case 'zero':
        return t('A size must be more than 0.');
      case 'too-small':
        return t('At least {{minimum}}: CDI refuses smaller disks.', { minimum: e.minimum });
      case 'too-large':
        return t('Too large for a Kubernetes quantity.');
    }
  };
};

/**
 * For a Filesystem PVC of a class: the largest VM disk it holds, and the PVC size a disk needs, with CDI
 * v1.65.0's own arithmetic (pkg/util GetUsableSpace / GetRequiredSpace). Computes only; writes nothing.
 */
export const OverheadCalculator = ({ rows, globalOverhead }: OverheadCalculatorProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const sizeErrorText = useSizeErrorText();
  const classes = rows.filter((r) => r.exists);
  const [className, setClassName] = useState(classes[0]?.className ?? '');
  const [pvcSize, setPvcSize] = useState('30Gi');
  const [diskSize, setDiskSize] = useState('30Gi');
  const row = classes.find((r) => r.className === className);
  const overhead = row ? (row.applied ?? row.expected) : globalOverhead;
  const usable = usableDiskFor(pvcSize, overhead);
  const needed = requiredPvcFor(diskSize, overhead);

  const result = (r: CalculatorResult, testId: string) =>
    r.ok ? (
      <span data-testid={testId}>
        {t('{{size}} ({{bytes}} bytes)', { size: formatBytes(r.bytes, 2), bytes: r.bytes.toString() })}
      </span>
    ) : (
      <span data-testid={testId}>—</span>
    );
  const helper = (r: CalculatorResult, id: string) => (
    <FormHelperText>
      <HelperText id={id}>
        {r.ok ? (
          <HelperTextItem>{t('A quantity, e.g. 30Gi, 500M or 10737418240.')}</HelperTextItem>
        ) : (
          <HelperTextItem variant="error">{sizeErrorText(r.error)}</HelperTextItem>
        )}
      </HelperText>
    </FormHelperText>
  );

  return (
    <section aria-labelledby="vsp-overhead-calculator-title">
      <Title headingLevel="h3" size="md" id="vsp-overhead-calculator-title">
        {t('Size calculator')}
      </Title>
      <Content component="p">
        {t(
          'For a PVC in Filesystem volume mode, CDI keeps this share of space for the file system and puts the disk image in the rest, rounded down to whole MiB. Block volumes have no overhead. A DataVolume that asks for storage with spec.storage gets the larger PVC automatically; with spec.pvc, request the needed size yourself.',
        )}
      </Content>
      <Form onSubmit={(e) => e.preventDefault()}>
        <FormGroup label={t('Storage class')} fieldId="vsp-overhead-calc-class">
          <FormSelect id="vsp-overhead-calc-class" value={className} onChange={(_e, v) => setClassName(v)}>
            {classes.map((r) => (
              <FormSelectOption key={r.className} value={r.className} label={r.className} />
            ))}
            {classes.length === 0 && <FormSelectOption value="" label={t('No storage classes')} />}
          </FormSelect>
          <FormHelperText>
            <HelperText>
              <HelperTextItem>
                {row && row.applied !== undefined
                  ? t('Overhead used: {{percent}} % ({{value}}), as CDI applies it to this class.', {
                      percent: overheadToPercent(overhead) ?? overhead,
                      value: overhead,
                    })
                  : t(
                      'Overhead used: {{percent}} % ({{value}}), as the HyperConverged configures it (what CDI applies is not known).',
                      { percent: overheadToPercent(overhead) ?? overhead, value: overhead },
                    )}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <Grid hasGutter md={6}>
          <GridItem>
            <FormGroup label={t('PVC size')} fieldId="vsp-overhead-calc-pvc">
              <TextInput
                id="vsp-overhead-calc-pvc"
                value={pvcSize}
                validated={usable.ok ? 'default' : 'error'}
                aria-invalid={!usable.ok}
                aria-describedby="vsp-overhead-calc-pvc-help"
                onChange={(_e, v) => setPvcSize(v)}
              />
              {helper(usable, 'vsp-overhead-calc-pvc-help')}
            </FormGroup>
            <DescriptionList isCompact>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Largest VM disk it holds')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {result(usable, 'vsp-overhead-calc-usable')}
                </DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
          </GridItem>
          <GridItem>
            <FormGroup label={t('VM disk size')} fieldId="vsp-overhead-calc-disk">
              <TextInput
                id="vsp-overhead-calc-disk"
                value={diskSize}
                validated={needed.ok ? 'default' : 'error'}
                aria-invalid={!needed.ok}
                aria-describedby="vsp-overhead-calc-disk-help"
                onChange={(_e, v) => setDiskSize(v)}
              />
              {helper(needed, 'vsp-overhead-calc-disk-help')}
            </FormGroup>
            <DescriptionList isCompact>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('PVC size it needs')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {result(needed, 'vsp-overhead-calc-needed')}
                </DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
          </GridItem>
        </Grid>
        <Content component="small">
          {t(
            'CDI v1.65.0: usable disk = round down to 1 MiB of ceil(PVC size ÷ (1 + overhead)); needed PVC = ceil(disk size rounded up to 1 MiB × (1 + overhead)). The storage profile may raise a PVC further to its minimum size.',
          )}
        </Content>
      </Form>
    </section>
  );
};
