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
import { isExtensionInUse, navHrefIsActive, sortNavExtensions } from './extension-flags';
import { useFeatureFlags } from './host-flags';
import { translateLabel } from './i18n';
import { HostMasthead } from './Masthead';
import type { CodeRef, LoadedExtension } from './plugin-loader';

interface NavEntry {
  id: string;
  name: string;
  /** Sections have items; a top-level href is its own entry. */
  items: NavHref[];
  isSection: boolean;
  dataAttributes?: Record<string, string>;
}

interface NavHref {
  id: string;
  name: string;
  href: string;
  startsWith?: string[];
  dataAttributes?: Record<string, string>;
}

const isAdmin = (e: LoadedExtension) => !e.properties.perspective || e.properties.perspective === 'admin';

const dataAttributes = (e: LoadedExtension) =>
  e.properties.dataAttributes as Record<string, string> | undefined;

const toItem = (e: LoadedExtension): NavHref => ({
  id: String(e.properties.id),
  name: translateLabel(e.properties.name),
  href: String(e.properties.href),
  startsWith: e.properties.startsWith as string[] | undefined,
  dataAttributes: dataAttributes(e),
});

/**
 * The admin nav as the console builds it (console-app/src/components/nav/PerspectiveNav.tsx, NavSection.tsx):
 * top-level entries are sections and hrefs without a section, each level ordered by insertBefore/After;
 * a section without items is not shown; an item naming a section that is not there is not shown either.
 */
const navEntries = (extensions: LoadedExtension[]): NavEntry[] => {
  const nav = extensions.filter(
    (e) => (e.type === 'console.navigation/section' || e.type === 'console.navigation/href') && isAdmin(e),
  );
  const topLevel = sortNavExtensions(
    nav.filter((e) => e.type === 'console.navigation/section' || !e.properties.section),
  );
  return topLevel
    .map((e) =>
      e.type === 'console.navigation/section'
        ? {
            id: String(e.properties.id),
            name: translateLabel(e.properties.name),
            isSection: true,
            dataAttributes: dataAttributes(e),
            items: sortNavExtensions(
              nav.filter(
                (x) => x.type === 'console.navigation/href' && x.properties.section === e.properties.id,
              ),
            ).map(toItem),
          }
        : { id: String(e.properties.id), name: '', isSection: false, items: [toItem(e)] },
    )
    .filter((entry) => entry.items.length > 0);
};

const HostNav = ({ entries }: { entries: NavEntry[] }) => {
  const { pathname } = useLocation();
  const active = (h: NavHref) => navHrefIsActive(pathname, h.href, h.startsWith);
  return (
    <Nav aria-label="Global">
      <NavList>
        {entries.map((s) => {
          const items = s.items.map((h) => (
            <NavItem key={h.id} itemId={h.id} isActive={active(h)}>
              <NavLink {...h.dataAttributes} to={h.href}>
                {h.name}
              </NavLink>
            </NavItem>
          ));
          // The console starts sections collapsed; the host keeps them open so every page is one click away.
          return s.isSection ? (
            <NavExpandable
              key={s.id}
              title={s.name}
              isExpanded
              isActive={s.items.some(active)}
              data-test="nav"
              buttonProps={s.dataAttributes}
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

/** One lazy component per route extension, kept across flag changes (the console caches them by uid). */
const lazyPages = new Map<string, ComponentType>();
const lazyPage = (e: LoadedExtension): ComponentType => {
  let Page = lazyPages.get(e.uid);
  if (!Page) {
    Page = lazy(async () => ({
      default: (await (e.properties.component as CodeRef<ComponentType>)()) as ComponentType,
    }));
    lazyPages.set(e.uid, Page);
  }
  return Page;
};

export const ConsoleShell = ({
  extensions: allExtensions,
  loadError,
}: {
  extensions: LoadedExtension[];
  loadError?: string;
}) => {
  const flags = useFeatureFlags();
  // Like the console's PluginStore: only extensions whose flags are satisfied are in use.
  const extensions = useMemo(
    () => allExtensions.filter((e) => isExtensionInUse(e, flags)),
    [allExtensions, flags],
  );
  const entries = useMemo(() => navEntries(extensions), [extensions]);
  const routes = useMemo(
    () =>
      extensions
        .filter((e) => e.type === 'console.page/route' && isAdmin(e))
        .flatMap((e) => {
          const Component = lazyPage(e);
          return pagePaths(e).map((path) => (
            <Route key={`${e.uid}/${path}`} path={path} element={<Component />} />
          ));
        }),
    [extensions],
  );
  const firstHref = entries.flatMap((s) => s.items)[0]?.href;
  return (
    <Page
      masthead={<HostMasthead />}
      sidebar={
        <PageSidebar>
          <PageSidebarBody>
            <HostNav entries={entries} />
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
