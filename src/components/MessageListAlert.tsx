import { Alert, List, ListItem, type AlertProps } from '@patternfly/react-core';

/** An inline alert listing messages (e.g. "Fix these before saving"); renders nothing when there are none. */
export const MessageListAlert = ({
  variant,
  title,
  messages,
  testId,
}: {
  variant: AlertProps['variant'];
  title: string;
  messages: readonly string[];
  testId?: string;
}) =>
  messages.length === 0 ? null : (
    <Alert variant={variant} isInline title={title} data-testid={testId}>
      <List>
        {messages.map((m) => (
          <ListItem key={m}>{m}</ListItem>
        ))}
      </List>
    </Alert>
  );
