import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ComponentType } from 'react';

/**
 * One client for the whole plugin. react-query is bundled, not shared by the console, so every exposed
 * page must provide it: export pages as `withQueryClient(Page)`.
 * Reads come from watches; react-query runs the writes and caches the few one-off reads (the HyperConverged's
 * preferred version from API discovery, for the session).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: false },
    // A failed write is shown to the user verbatim; retrying a guarded patch would only fail again.
    mutations: { retry: false },
  },
});

export const withQueryClient = <P extends object>(Page: ComponentType<P>): ComponentType<P> => {
  const WithQueryClient = (props: P) => (
    <QueryClientProvider client={queryClient}>
      <Page {...props} />
    </QueryClientProvider>
  );
  WithQueryClient.displayName = `withQueryClient(${Page.displayName ?? Page.name ?? 'Page'})`;
  return WithQueryClient;
};
