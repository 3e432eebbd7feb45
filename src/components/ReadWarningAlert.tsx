import { Alert } from '@patternfly/react-core';
import { readK8sError } from '../k8s/k8s-errors';

export interface ReadWarningAlertProps {
  /**
   * What could not be read and what is unknown because of it: "Could not read StorageClasses: which class is
   * the default ... are unknown".
   */
  title: string;
  /** The failed read; its API message is shown verbatim. */
  error: unknown;
}

/**
 * A read the page can do without: a warning (not an error, the page still works) that says what is unknown
 * because of it, with the API's message verbatim. For reads the page cannot do without, use ErrorAlert.
 */
export const ReadWarningAlert = ({ title, error }: ReadWarningAlertProps) => (
  <Alert variant="warning" isInline title={title}>
    <p data-testid="api-error-message">{readK8sError(error).message}</p>
  </Alert>
);
