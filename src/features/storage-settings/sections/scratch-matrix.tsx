import { Content, List, ListItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import {
  SCRATCH_CONTENT_TYPES,
  SCRATCH_ENDPOINTS,
  SCRATCH_MATRIX,
  type ScratchContentType,
  type ScratchEndpoint,
  type ScratchFormat,
  type ScratchNeed,
} from '../../../k8s/scratch-space';

/** The "CDI supported operations matrix" as CDI v1.65.0's code applies it, with the documented answer where it differs. */
export const ScratchOperationsMatrix = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const endpoints: Record<ScratchEndpoint, string> = {
    http: t('HTTP'),
    https: t('HTTPS'),
    'http-basic-auth': t('HTTP basic authentication'),
    registry: t('Registry'),
    upload: t('Upload'),
  };
  const contentTypes: Record<ScratchContentType, string> = {
    'kubevirt-qcow2': t('KubeVirt (QCOW2)'),
    'kubevirt-raw': t('KubeVirt (raw)'),
    archive: t('Archive (tar)'),
  };
  const need = (format: string, scratch: ScratchNeed) => {
    switch (scratch) {
      case 'always':
        return t('✓ {{format}}: needs scratch space', { format });
      case 'custom-ca':
        return t('✓ {{format}}: needs scratch space with a custom certificate authority', { format });
      case 'no-range-support':
        return t('✓ {{format}}: only if the server lacks range requests', { format });
      case 'never':
        return t('✓ {{format}}', { format });
    }
  };
  const documented = (scratch: ScratchNeed) => {
    switch (scratch) {
      case 'always':
        return t('docs: needs scratch space');
      case 'custom-ca':
        return t('docs: needs scratch with a custom CA');
      case 'no-range-support':
      case 'never':
        return t('docs: needs none');
    }
  };
  const cell = (f: ScratchFormat) => {
    if (!f.supported) return t('□ {{format}}: not supported', { format: f.format });
    const text = need(f.format, f.scratch);
    return f.documented && f.documented !== f.scratch ? `${text} (${documented(f.documented)})` : text;
  };
  return (
    <>
      <Table
        role="table"
        aria-label={t('Which imports need scratch space')}
        variant="compact"
        gridBreakPoint="grid-md"
      >
        <Thead>
          <Tr>
            <Th>{t('Source')}</Th>
            {SCRATCH_CONTENT_TYPES.map((c) => (
              <Th key={c}>{contentTypes[c]}</Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {SCRATCH_ENDPOINTS.map((e) => (
            <Tr key={e}>
              <Th dataLabel={t('Source')}>{endpoints[e]}</Th>
              {SCRATCH_CONTENT_TYPES.map((c) => (
                <Td key={c} dataLabel={contentTypes[c]}>
                  <List isPlain>
                    {SCRATCH_MATRIX[e][c].map((f) => (
                      <ListItem key={f.format}>{cell(f)}</ListItem>
                    ))}
                  </List>
                </Td>
              ))}
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Content component="small">
        {t(
          'From the "CDI supported operations matrix" of the OpenShift Virtualization documentation (Preparing CDI scratch space), corrected where CDI 1.65 behaves differently: the importer streams KubeVirt images from HTTP(S) servers straight into the volume (compressed ones too) and uses scratch space only when the server does not support range requests; every archive import gets scratch space. GZ and XZ are compressed images. Archive content does not support Block volumes. An upload keeps scratch space even for raw images, because CDI cannot tell the format before the data arrives.',
        )}
      </Content>
    </>
  );
};
