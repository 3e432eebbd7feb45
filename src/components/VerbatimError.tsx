import { Content } from '@patternfly/react-core';
import { readK8sError } from '../k8s/k8s-errors';

/** An API error's message and causes, verbatim, for alerts that add their own explanation around them. */
export const VerbatimError = ({ error }: { error: unknown }) => {
  const e = readK8sError(error);
  return (
    <>
      <Content component="p" data-testid="api-error-message">
        {e.message}
      </Content>
      {e.causes.length > 0 && (
        <ul>
          {e.causes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
    </>
  );
};
