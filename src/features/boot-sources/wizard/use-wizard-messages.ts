import { useTranslation } from 'react-i18next';
import { storageSizeText } from '../../../components/storage-size-text';
import type { StorageSizeError } from '../../../k8s/quantity';
import type { FormMessage, ReferenceProblem } from '../logic/custom-source-form';
import type { ScheduleError, ScheduleField } from '../logic/schedule';

/** The wizard's checks in words: what is wrong, and what to do about it. */
export const useWizardMessages = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');

  const scheduleFields: Record<ScheduleField, string> = {
    minute: t('minute (0–59)'),
    hour: t('hour (0–23)'),
    dayOfMonth: t('day of month (1–31)'),
    month: t('month (1–12 or JAN–DEC)'),
    dayOfWeek: t('day of week (0–6 or SUN–SAT; 0 is Sunday)'),
  };

  const scheduleText = (e: ScheduleError): string => {
    switch (e.code) {
      case 'empty':
        return t('Enter a schedule.');
      case 'field-count':
        return t(
          'A schedule has five fields (minute, hour, day of month, month, day of week); this one has {{found}}.',
          { found: e.found },
        );
      case 'seconds':
        return t(
          'CDI schedules have no seconds field: use five fields (minute hour day-of-month month day-of-week).',
        );
      case 'unknown-descriptor':
        return t(
          '{{value}} is not a schedule CDI knows. Use five fields, or @hourly, @daily, @weekly, @monthly or @yearly.',
          { value: e.value },
        );
      case 'every':
        return t('@every is not supported here: write the schedule as five fields, e.g. "0 */6 * * *".');
      case 'timezone':
        return t(
          'A time zone prefix (TZ= or CRON_TZ=) is refused by Kubernetes CronJobs, which CDI uses to poll registries. Schedules run in UTC.',
        );
      case 'bad-value':
        return t(
          '"{{value}}" is not a valid {{field}}. Use numbers, names, *, ranges (1-5), lists (1,3) or steps (*/2).',
          {
            value: e.value,
            field: scheduleFields[e.field],
          },
        );
      case 'out-of-range':
        return t('"{{value}}" is outside the {{field}}.', { value: e.value, field: scheduleFields[e.field] });
      case 'reversed-range':
        return t('The range "{{value}}" in the {{field}} ends before it starts.', {
          value: e.value,
          field: scheduleFields[e.field],
        });
      case 'bad-step':
        return t('The step in "{{value}}" ({{field}}) must be at least 1.', {
          value: e.value,
          field: scheduleFields[e.field],
        });
    }
  };

  const sizeText = (e: StorageSizeError): string =>
    storageSizeText(t, e, '30Gi', (minimum) =>
      t('CDI needs at least {{minimum}} for a disk image.', { minimum }),
    );

  const referenceText = (p: ReferenceProblem): string => {
    switch (p) {
      case 'empty':
        return t('Enter the image after docker://, e.g. docker://quay.io/containerdisks/fedora:latest.');
      case 'whitespace':
        return t('The image reference cannot contain spaces.');
      case 'host':
        return t('The registry host is not a valid host name or IP address.');
      case 'port':
        return t('The registry port must be a number.');
      case 'path':
        return t(
          'The repository path is not valid: lower-case letters and digits, separated by ".", "_", "__" or "-", in parts separated by "/".',
        );
      case 'uppercase-path':
        return t('Repository paths must be lower case.');
      case 'tag':
        return t(
          'The tag is not valid: up to 128 letters, digits, "_", "." or "-", not starting with "." or "-".',
        );
      case 'digest':
        return t('The digest is not valid: use sha256: followed by 64 lower-case hex digits.');
      case 'too-long':
        return t('The image name is longer than 255 characters.');
    }
  };

  const messageText = (m: FormMessage): string => {
    switch (m.code) {
      case 'required':
        switch (m.field) {
          case 'name':
            return t('Enter a name.');
          case 'url':
            return t('Enter the image to import, e.g. docker://quay.io/containerdisks/fedora:latest.');
          case 'managedDataSource':
            return t('Enter the name of the DataSource to keep up to date.');
          case 'importsToKeep':
            return t('Enter how many imports to keep (0 or more).');
          default:
            return t('This field is required.');
        }
      case 'too-long':
        return t('At most {{max}} characters.', { max: m.max });
      case 'dns1123-subdomain':
        return t('Use lower-case letters, digits, "-" and ".", starting and ending with a letter or digit.');
      case 'dns1123-label':
        return t('Use lower-case letters, digits and "-", starting and ending with a letter or digit.');
      case 'dns1035-label':
        return t(
          'Use lower-case letters, digits and "-", starting with a letter and ending with a letter or digit.',
        );
      case 'system-name':
        return t(
          'This is the name of a system boot source. Pick another name, or use "Customise storage" on that source.',
        );
      case 'name-taken':
        return t('A boot source with this name already exists.');
      case 'renamed':
        return t(
          'Renaming replaces the DataImportCron: {{from}} is deleted and a new one imports the image again.',
          { from: m.from },
        );
      case 'namespace-missing':
        return t(
          'Namespace {{namespace}} does not exist. Nothing creates it for you: the source is not imported until it exists.',
          { namespace: m.namespace },
        );
      case 'url-scheme':
        return t('The URL must start with docker:// (a registry image) or oci-archive:// (an OCI archive).');
      case 'url-reference':
        return referenceText(m.problem);
      case 'url-archive-path':
        return t('The archive path cannot contain spaces.');
      case 'node-needs-docker':
        return t("Node pull works only with docker:// images: the node's container runtime pulls them.");
      case 'url-digest-pinned':
        return t(
          'This image is pinned to a digest, so it never changes: the schedule will never find a newer image. Use a tag to get updates.',
        );
      case 'url-docker-hub':
        return t('No registry host: the image is pulled from Docker Hub ({{normalized}}).', {
          normalized: m.normalized,
        });
      case 'node-no-credentials':
        return t(
          "Node pull uses the node's own pull secrets and CA trust; this field would be ignored. Clear it, or use pod pull.",
        );
      case 'schedule':
        return scheduleText(m.error);
      case 'size':
        return sizeText(m.error);
      case 'smaller-than-built-in':
        return t('Smaller than the built-in {{builtIn}}: the import fails if the image does not fit.', {
          builtIn: m.builtIn,
        });
      case 'class-missing':
        return t('StorageClass {{className}} does not exist: imports stay pending until it does.', {
          className: m.className,
        });
      case 'data-source-taken':
        return t(
          'Boot source {{by}} already keeps a DataSource of this name up to date in namespace {{namespace}}. Pick another name, or switch {{by}} off first.',
          { by: m.by, namespace: m.namespace },
        );
      case 'retention-policy':
        return t('Pick None or All.');
      case 'whole-number':
        return t('Enter a whole number, 0 or more.');
      case 'number-too-large':
        return t('At most {{max}}.', { max: m.max });
      case 'keeps-no-import':
        return t(
          'With 0, CDI deletes every import, including the latest one the DataSource points at: new VMs cannot use this boot source.',
        );
    }
  };

  return { messageText, scheduleText };
};
