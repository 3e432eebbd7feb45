import { Content, PageSection, Stack, StackItem, Title } from '@patternfly/react-core';
import { useEffect, type ReactNode } from 'react';

export interface PageShellProps {
  title: string;
  description?: ReactNode;
  /** A PatternFly `<Breadcrumb>` for detail pages. */
  breadcrumbs?: ReactNode;
  /** Buttons shown beside the title. */
  actions?: ReactNode;
  children: ReactNode;
}

/** The frame of every plugin page: breadcrumbs, title (also the document title), description, body. */
export const PageShell = ({ title, description, breadcrumbs, actions, children }: PageShellProps) => {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <>
      <PageSection>
        <Stack hasGutter>
          {breadcrumbs && <StackItem>{breadcrumbs}</StackItem>}
          <StackItem>
            <div style={{ display: 'flex', gap: 'var(--pf-t--global--spacer--md)', alignItems: 'center' }}>
              <Title headingLevel="h1" style={{ flexGrow: 1 }}>
                {title}
              </Title>
              {actions}
            </div>
          </StackItem>
          {description && (
            <StackItem>
              <Content component="p">{description}</Content>
            </StackItem>
          )}
        </Stack>
      </PageSection>
      <PageSection>{children}</PageSection>
    </>
  );
};
