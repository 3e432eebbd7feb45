import {
  Alert,
  Bullseye,
  Nav,
  NavExpandable,
  NavItem,
  NavList,
  Page,
  PageSection,
  PageSidebar,
  PageSidebarBody,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { type ComponentType, lazy, Suspense, useMemo } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { AdmissionWarningToasts } from './AdmissionWarningToasts';
import { translateLabel } from './i18n';
import { HostMasthead } from './Masthead';
import type { CodeRef, LoadedExtension } from './plugin-loader';

interface NavSection {
  id: string;
  name: string;
  hrefs: { id: string; name: string; href: string }[];
}

const isAdmin = (e: LoadedExtension) => !e.properties.perspective || e.properties.perspective === 'admin';

/** Sections with their `console.navigation/href` children, in extension order (the console sorts by insertBefore/After). */
const navSections = (extensions: LoadedExtension[]): NavSection[] => {
  const sections = extensions
    .filter((e) => e.type === 'console.navigation/section' && isAdmin(e))
    .map((e) => ({
      id: String(e.properties.id),
      name: translateLabel(e.properties.name),
      hrefs: [] as NavSection['hrefs'],
    }));
  for (const e of extensions.filter((x) => x.type === 'console.navigation/href' && isAdmin(x))) {
    const item = {
      id: String(e.properties.id),
      name: translateLabel(e.properties.name),
      href: String(e.properties.href),
    };
    const section = sections.find((s) => s.id === e.properties.section);
    if (section) {
      section.hrefs.push(item);
    } else {
      sections.push({ id: item.id, name: '', hrefs: [item] });
    }
  }
  return sections;
};

const HostNav = ({ sections }: { sections: NavSection[] }) => {
  const { pathname } = useLocation();
  return (
    <Nav aria-label="Global">
      <NavList>
        {sections.map((s) => {
          const items = s.hrefs.map((h) => (
            <NavItem key={h.id} itemId={h.id} isActive={pathname.startsWith(h.href)}>
              <NavLink to={h.href}>{h.name}</NavLink>
            </NavItem>
          ));
          return s.name ? (
            <NavExpandable
              key={s.id}
              title={s.name}
              isExpanded
              isActive={s.hrefs.some((h) => pathname.startsWith(h.href))}
            >
              {items}
            </NavExpandable>
          ) : (
            items
          );
        })}
      </NavList>
    </Nav>
  );
};

const Loading = () => (
  <Bullseye>
    <Spinner aria-label="Loading" />
  </Bullseye>
);

const pagePaths = (e: LoadedExtension): string[] => {
  const paths = Array.isArray(e.properties.path) ? e.properties.path : [e.properties.path];
  // react-router 7 matches exactly; a non-exact console route also matches below its path.
  return paths.map((p) => (e.properties.exact ? String(p) : `${String(p).replace(/\/$/, '')}/*`));
};

const NotFound = () => (
  <PageSection>
    <Title headingLevel="h1">404: Page not found</Title>
  </PageSection>
);

export const ConsoleShell = ({
  extensions,
  loadError,
}: {
  extensions: LoadedExtension[];
  loadError?: string;
}) => {
  const sections = useMemo(() => navSections(extensions), [extensions]);
  const routes = useMemo(
    () =>
      extensions
        .filter((e) => e.type === 'console.page/route' && isAdmin(e))
        .flatMap((e, i) => {
          const Component = lazy(async () => ({
            default: (await (e.properties.component as CodeRef<ComponentType>)()) as ComponentType,
          }));
          return pagePaths(e).map((path) => (
            <Route key={`${i}-${path}`} path={path} element={<Component />} />
          ));
        }),
    [extensions],
  );
  const firstHref = sections.flatMap((s) => s.hrefs)[0]?.href;
  return (
    <Page
      masthead={<HostMasthead />}
      sidebar={
        <PageSidebar>
          <PageSidebarBody>
            <HostNav sections={sections} />
          </PageSidebarBody>
        </PageSidebar>
      }
      isManagedSidebar
    >
      {loadError && (
        <PageSection>
          <Alert variant="danger" isInline title="The plugin could not be loaded">
            {loadError}
          </Alert>
        </PageSection>
      )}
      <Suspense fallback={<Loading />}>
        <Routes>
          {routes}
          <Route path="/" element={firstHref ? <Navigate to={firstHref} replace /> : <NotFound />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
      <AdmissionWarningToasts />
    </Page>
  );
};
