import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { NAMESPACE_QUERY_PARAM } from '../routes';

/**
 * The page's namespace filter, kept in the URL's `?namespace=` (so links and back work); undefined = all
 * namespaces. Setting it replaces the history entry rather than adding one per change.
 */
export const useNamespaceParam = (): [string | undefined, (namespace: string | undefined) => void] => {
  const [params, setParams] = useSearchParams();
  const namespace = params.get(NAMESPACE_QUERY_PARAM) || undefined;
  const setNamespace = useCallback(
    (value: string | undefined) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(NAMESPACE_QUERY_PARAM, value);
          else next.delete(NAMESPACE_QUERY_PARAM);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [namespace, setNamespace];
};
