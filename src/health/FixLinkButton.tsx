import { useAccessReview } from '@openshift-console/dynamic-plugin-sdk';
import { Button } from '@patternfly/react-core';
import { ArrowRightIcon } from '@patternfly/react-icons';
import { forwardRef, useMemo, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FixLink } from './types';

interface FixLinkButtonProps {
  fix: FixLink;
  /** What the fix is about, for screen readers when several fixes have the same label (an object's name). */
  target?: string;
}

const FixButton = ({ fix, target }: FixLinkButtonProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  // A Link styled as PatternFly's link button: one click to the page that fixes it, in the console's router.
  const LinkTo = useMemo(
    () =>
      forwardRef<HTMLAnchorElement, Omit<ComponentProps<'a'>, 'href'>>(function FixRouterLink(props, ref) {
        return <Link {...props} ref={ref} to={fix.href} />;
      }),
    [fix.href],
  );
  const label = t(fix.label);
  return (
    <Button
      variant="link"
      isInline
      component={LinkTo}
      icon={<ArrowRightIcon />}
      iconPosition="end"
      aria-label={target ? t('{{label}}: {{target}}', { label, target }) : undefined}
      data-testid="vsp-fix-link"
    >
      {label}
    </Button>
  );
};

const GatedFixButton = ({
  fix,
  target,
}: FixLinkButtonProps & { fix: Required<Pick<FixLink, 'requires'>> & FixLink }) => {
  const { group, resource, verb, name, namespace } = fix.requires;
  const [allowed, loading] = useAccessReview({ group, resource, verb, name, namespace });
  // Hidden until the review answers, and for a user RBAC refuses: a viewer sees the finding, no fix.
  return !loading && allowed ? <FixButton fix={fix} target={target} /> : null;
};

/**
 * The link to the page that fixes a finding (or one of its objects), shown only to a user who may make the
 * write the fix needs (`fix.requires`, reviewed with the console's `useAccessReview`).
 */
export const FixLinkButton = ({ fix, target }: FixLinkButtonProps) =>
  fix.requires ? (
    <GatedFixButton fix={{ ...fix, requires: fix.requires }} target={target} />
  ) : (
    <FixButton fix={fix} target={target} />
  );
