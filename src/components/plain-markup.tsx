import type { ReactNode } from 'react';
import './plugin.css';

/*
 * PatternFly's markup for a few small components, as plain elements with PatternFly's classes: the same look
 * (light and dark) and accessible tree, without the component machinery. For table cells, where a page
 * renders hundreds of them at once: PatternFly's Label measures its text on mount (a forced layout), and
 * Flex/FlexItem/Content/Icon each add a component per use. The console loads PatternFly's stylesheet.
 */

/** What React renders as nothing, as `{cond && <X />}` leaves it. */
const isEmpty = (child: ReactNode) =>
  child === false || child === null || child === undefined || child === '';

/** PatternFly's `<Flex direction column, spaceItemsXs>` with one `<FlexItem>` per child that is not empty. */
export const CellStack = ({ children }: { children: ReactNode[] }) => (
  <div className="pf-v6-l-flex pf-m-space-items-xs pf-m-column">
    {children.map((child, i) =>
      isEmpty(child) ? null : (
        <div className="" key={i}>
          {child}
        </div>
      ),
    )}
  </div>
);

/** Secondary text: PatternFly's `<Content component="small">` with the plugin's subtle colour. */
export const Muted = ({ children }: { children: ReactNode }) => (
  <small data-pf-content="true" className="pf-v6-c-content--small vsp-muted">
    {children}
  </small>
);

export type CompactLabelColor = 'grey' | 'blue' | 'purple';

/** PatternFly's `<Label isCompact>` (filled, not clickable): a short text that never wraps. */
export const CompactLabel = ({
  color = 'grey',
  title,
  children,
}: {
  color?: CompactLabelColor;
  title?: string;
  children: ReactNode;
}) => (
  <span
    title={title}
    className={
      color === 'grey'
        ? 'pf-v6-c-label pf-m-filled pf-m-compact'
        : `pf-v6-c-label pf-m-${color} pf-m-filled pf-m-compact`
    }
  >
    <span className="pf-v6-c-label__content">
      <span className="pf-v6-c-label__text">{children}</span>
    </span>
  </span>
);

/** PatternFly's `<LabelGroup>` (no category, no overflow: at most three labels) around compact labels. */
export const CompactLabelGroup = ({ children }: { children: ReactNode[] }) => (
  <div className="pf-v6-c-label-group">
    <div className="pf-v6-c-label-group__main">
      {/* PatternFly's default name for a group without a category. */}
      <ul className="pf-v6-c-label-group__list" aria-label="Label group category" role="list">
        {children.map((child, i) =>
          isEmpty(child) ? null : (
            <li className="pf-v6-c-label-group__list-item" key={i}>
              {child}
            </li>
          ),
        )}
      </ul>
    </div>
  </div>
);

/** PatternFly's modifier class for a camelCase modifier name: `hiddenOnXl` -> `pf-m-hidden-on-xl`. */
export const pfModifier = (name: string) =>
  `pf-m-${name.replace(/([A-Z0-9]+)/g, (m) => `-${m.toLowerCase()}`)}`;

// One formatter for every cell: the SDK's <Timestamp> makes a new Intl.DateTimeFormat per render.
let dateTimeFormat: Intl.DateTimeFormat | undefined;

/** A date and time in the user's locale, as a `<time>` element (table cells; details pages use <Timestamp>). */
export const PlainTimestamp = ({ timestamp }: { timestamp: string | Date }) => {
  const date = typeof timestamp === 'string' ? new Date(timestamp) : timestamp;
  if (Number.isNaN(date.getTime())) return <>{String(timestamp)}</>;
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return <time dateTime={date.toISOString()}>{dateTimeFormat.format(date)}</time>;
};
