import { Card, CardBody, CardTitle, Stack, Title } from '@patternfly/react-core';
import type { ReactNode } from 'react';

export interface SettingsCardProps {
  /** The heading's id; the card (a landmark section) is labelled by it. */
  titleId: string;
  title: string;
  /** The card's own id, for links to the section. */
  id?: string;
  testId?: string;
  children: ReactNode;
}

/** The frame every storage-settings section shares: a labelled section card with its body in a stack. */
export const SettingsCard = ({ titleId, title, id, testId, children }: SettingsCardProps) => (
  <Card component="section" aria-labelledby={titleId} id={id} data-testid={testId}>
    <CardTitle>
      <Title headingLevel="h2" size="lg" id={titleId}>
        {title}
      </Title>
    </CardTitle>
    <CardBody>
      <Stack hasGutter>{children}</Stack>
    </CardBody>
  </Card>
);
