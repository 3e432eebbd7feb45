import { DocumentTitle, ListPageBody, ListPageHeader } from '@openshift-console/dynamic-plugin-sdk';
import { PageSection } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import './plugin.css';

export interface PageShellProps {
  title: string;
  description?: ReactNode;
  /** A PatternFly `<Breadcrumb>` for detail pages, shown above the heading as the console does. */
  breadcrumbs?: ReactNode;
  /** Buttons shown beside the title. */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of every plugin page, from the console's own chrome: the document title (`DocumentTitle` adds
 * the product suffix), the page heading (`ListPageHeader`: title, description, primary actions) and body.
 */
export const PageShell = ({ title, description, breadcrumbs, actions, children }: PageShellProps) => (
  <>
    <DocumentTitle>{title}</DocumentTitle>
    {breadcrumbs && <PageSection className="vsp-page-breadcrumbs">{breadcrumbs}</PageSection>}
    <ListPageHeader title={title} helpText={description}>
      {actions}
    </ListPageHeader>
    <ListPageBody>{children}</ListPageBody>
  </>
);
