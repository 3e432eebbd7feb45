import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import {
  ActionList,
  ActionListGroup,
  ActionListItem,
  Button,
  Content,
  Flex,
  FlexItem,
  PageSection,
  Split,
  SplitItem,
  Tooltip,
} from '@patternfly/react-core';
import { type ReactNode, useState } from 'react';

/**
 * `ListPageHeader` and `ListPageBody` as console 4.22 renders them:
 * - ListPageHeader (frontend/public/components/factory/ListPage/ListPageHeader.tsx): with a title, the
 *   console's `PageHeading` (console-shared/src/components/heading/PageHeading.tsx), i.e. a
 *   `div.co-page-heading[data-test=page-heading]` around PatternFly component-groups' `PageHeader`: a
 *   PageSection with the title as `<h1>`, the badge beside it, then the actions (the "Add to favorites" star
 *   in the admin perspective unless `hideFavoriteButton`, then `children`), `helpText` as a paragraph
 *   below and `helpAlert` under that. Without a title, a PageSection with whatever was given; with nothing,
 *   nothing.
 * - ListPageBody (console-dynamic-plugin-sdk/src/app/components/factory/ListPage/ListPageBody.tsx): a
 *   PageSection `co-m-pane__body`.
 * The favourite star toggles straight away here; the console first asks for a name in a modal and keeps
 * favourites in the user's settings (console-app/src/components/favorite/FavoriteButton.tsx).
 */

const FAVORITES_KEY = 'console-host/favorites';

const readFavorites = (): string[] => {
  try {
    return JSON.parse(localStorage.getItem(FAVORITES_KEY) ?? '[]');
  } catch {
    return [];
  }
};

const FavoriteButton = () => {
  const url = window.location.pathname;
  const [starred, setStarred] = useState(() => readFavorites().includes(url));
  const label = starred ? 'Remove from favorites' : 'Add to favorites';
  const toggle = () => {
    const others = readFavorites().filter((u) => u !== url);
    localStorage.setItem(FAVORITES_KEY, JSON.stringify(starred ? others : [...others, url]));
    setStarred(!starred);
  };
  return (
    <div className="co-fav-actions-icon">
      <Tooltip content={label} position="top">
        <Button
          isFavorite
          isFavorited={starred}
          className="co-xl-icon-button"
          data-test="favorite-button"
          variant="plain"
          aria-label={label}
          aria-pressed={starred}
          onClick={toggle}
        />
      </Tooltip>
    </div>
  );
};

const PageHeading = ({
  title,
  badge,
  helpText,
  helpAlert,
  primaryAction,
  hideFavoriteButton,
}: {
  title: string;
  badge?: ReactNode;
  helpText?: ReactNode;
  helpAlert?: ReactNode;
  primaryAction?: ReactNode;
  hideFavoriteButton?: boolean;
}) => {
  const showFavoriteButton = !hideFavoriteButton; // the host shows the admin perspective only
  return (
    <div data-test="page-heading" className="co-page-heading">
      <PageSection hasBodyWrapper={false}>
        <Flex>
          <FlexItem flex={{ default: 'flex_1' }}>
            <Split hasGutter>
              <SplitItem>
                <Content className={helpText ? 'pf-v6-u-mb-sm' : ''} component="h1">
                  {title}
                </Content>
              </SplitItem>
              {badge && <SplitItem>{badge}</SplitItem>}
              <SplitItem isFilled />
              {(showFavoriteButton || primaryAction) && (
                <SplitItem>
                  <ActionList className="co-actions" data-test-id="details-actions">
                    <ActionListGroup>
                      {showFavoriteButton && (
                        <ActionListItem>
                          <FavoriteButton />
                        </ActionListItem>
                      )}
                      {primaryAction}
                    </ActionListGroup>
                  </ActionList>
                </SplitItem>
              )}
            </Split>
            {helpText && <Content component="p">{helpText}</Content>}
          </FlexItem>
        </Flex>
        {helpAlert}
      </PageSection>
    </div>
  );
};

export const ListPageHeader: typeof SDK.ListPageHeader = ({
  badge,
  children,
  helpAlert,
  helpText,
  hideFavoriteButton,
  title,
}) => {
  if (title) {
    return (
      <PageHeading
        title={title}
        badge={badge}
        helpText={helpText}
        helpAlert={helpAlert}
        primaryAction={children}
        hideFavoriteButton={hideFavoriteButton}
      />
    );
  }
  if (!children && !badge && !helpAlert && !helpText) {
    return null;
  }
  return (
    <PageSection hasBodyWrapper={false}>
      {children && <div>{children}</div>}
      {badge && <div>{badge}</div>}
      {helpText && <div>{helpText}</div>}
      {helpAlert && <div>{helpAlert}</div>}
    </PageSection>
  );
};

export const ListPageBody: typeof SDK.ListPageBody = ({ children }) => (
  <PageSection className="co-m-pane__body" hasBodyWrapper={false}>
    {children}
  </PageSection>
);
