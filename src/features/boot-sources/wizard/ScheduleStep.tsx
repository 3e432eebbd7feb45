import {
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  List,
  ListItem,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeSchedule, nextRuns, type SchedulePreset, type SchedulePresetId } from '../logic/schedule';
import { describedBy, FieldHelp, type FieldState } from './FieldHelp';

export type ScheduleChoice = SchedulePresetId | 'custom';

export interface ScheduleStepProps {
  presets: SchedulePreset[];
  choice: ScheduleChoice;
  onChoose: (choice: ScheduleChoice) => void;
  /** The schedule in effect (the preset's, or the custom text). */
  schedule: string;
  onCustomChange: (cron: string) => void;
  onCustomBlur: () => void;
  state: FieldState;
  /** "Now", for the next runs (a prop so tests and screenshots are stable). */
  now: Date;
}

const useDateFormat = () => {
  const { i18n } = useTranslation('plugin__virt-storage-plugin');
  return useMemo(() => {
    try {
      return new Intl.DateTimeFormat(i18n.language || undefined, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'UTC',
      });
    } catch {
      return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    }
  }, [i18n.language]);
};

/** The schedule in words and its next three runs (UTC). */
export const SchedulePreview = ({ schedule, now }: { schedule: string; now: Date }) => {
  const { t, i18n } = useTranslation('plugin__virt-storage-plugin');
  const format = useDateFormat();
  const words = describeSchedule(schedule, i18n.language);
  const runs = nextRuns(schedule, 3, now);
  if (!words && runs.length === 0) return null;
  return (
    <DescriptionList isCompact aria-label={t('Schedule preview')}>
      {words && (
        <DescriptionListGroup>
          <DescriptionListTerm>{t('In words (UTC)')}</DescriptionListTerm>
          <DescriptionListDescription>{words}</DescriptionListDescription>
        </DescriptionListGroup>
      )}
      {runs.length > 0 && (
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Next checks')}</DescriptionListTerm>
          <DescriptionListDescription>
            <List isPlain>
              {runs.map((d) => (
                <ListItem key={d.toISOString()}>
                  <time dateTime={d.toISOString()}>{t('{{time}} UTC', { time: format.format(d) })}</time>
                </ListItem>
              ))}
            </List>
          </DescriptionListDescription>
        </DescriptionListGroup>
      )}
    </DescriptionList>
  );
};

export const ScheduleStep = ({
  presets,
  choice,
  onChoose,
  schedule,
  onCustomChange,
  onCustomBlur,
  state,
  now,
}: ScheduleStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const labels: Record<SchedulePresetId, string> = {
    'every-12h': t('Every 12 hours'),
    daily: t('Daily'),
    weekly: t('Weekly'),
    monthly: t('Monthly'),
  };
  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      <Content component="p">
        {t(
          'How often CDI checks the registry for a newer image. A check only imports when the image changed; the DataSource then points at the new import. Times are spread per source so that sources do not all poll at once.',
        )}
      </Content>
      <FormGroup
        role="radiogroup"
        isStack
        fieldId="vsp-wizard-schedule-choice"
        label={t('Check for updates')}
      >
        {presets.map((p) => (
          <Radio
            key={p.id}
            id={`vsp-wizard-schedule-${p.id}`}
            name="vsp-wizard-schedule-choice"
            label={labels[p.id]}
            description={<code>{p.cron}</code>}
            isChecked={choice === p.id}
            onChange={() => onChoose(p.id)}
          />
        ))}
        <Radio
          id="vsp-wizard-schedule-custom"
          name="vsp-wizard-schedule-choice"
          label={t('Custom cron schedule')}
          isChecked={choice === 'custom'}
          onChange={() => onChoose('custom')}
        />
      </FormGroup>
      {choice === 'custom' && (
        <FormGroup label={t('Cron schedule')} isRequired fieldId="vsp-wizard-schedule">
          <TextInput
            id="vsp-wizard-schedule"
            value={schedule}
            isRequired
            onChange={(_e, v) => onCustomChange(v)}
            onBlur={onCustomBlur}
            {...describedBy(state, true)}
          />
          <FieldHelp
            state={state}
            hint={t(
              'Five fields: minute hour day-of-month month day-of-week, e.g. "30 2 * * 6" for Saturdays at 02:30 UTC.',
            )}
          />
        </FormGroup>
      )}
      <SchedulePreview schedule={schedule} now={now} />
    </Form>
  );
};
