import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { Link } from 'react-router';
import { kindToAbbr, modelStore, referenceFor, referenceForModel, useModelsVersion } from './api-discovery';

/**
 * `ResourceLink` and the resource icon as console 4.22 renders them
 * (frontend/public/components/utils/resource-link.tsx, resource-icon.tsx): an icon badge with the model's
 * abbreviation (`co-m-resource-icon co-m-resource-<kind>`, the kind for screen readers and as title), then a
 * link to the resource's console page, or a plain name when there is no link or no model. Pages of
 * console-known built-ins use the plural (`/k8s/cluster/storageclasses/<name>`); discovered kinds and
 * static ones marked `crd` use the reference (`/k8s/cluster/cdi.kubevirt.io~v1beta1~StorageProfile/<name>`).
 */

const reportedUnknownKinds = new Set<string>();

/** The console's `resourcePath(kind, name, namespace)`: undefined (and logged once) without a model. */
export const resourcePath = (ref: string, name?: string, namespace?: string): string | undefined => {
  const model = modelStore.modelFor(ref);
  if (!model) {
    if (!reportedUnknownKinds.has(ref)) {
      reportedUnknownKinds.add(ref);
      console.error(`resourcePath: no model for "${ref}"`);
    }
    return undefined;
  }
  const scope = model.namespaced ? (namespace ? `ns/${namespace}/` : 'all-namespaces/') : 'cluster/';
  const type = model.crd ? referenceForModel(model) : model.plural;
  return `/k8s/${scope}${type}${name ? `/${encodeURIComponent(name)}` : ''}`;
};

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

export const ResourceIcon = ({ kind, className }: { kind: string; className?: string }) => {
  const model = modelStore.modelFor(kind);
  const kindStr = model?.kind ?? kind;
  return (
    <>
      <span className="pf-v6-u-screen-reader">{kindStr}</span>
      <span
        className={classes(`co-m-resource-icon co-m-resource-${kindStr.toLowerCase()}`, className)}
        title={kindStr}
        style={{ backgroundColor: model?.color }}
      >
        {model?.abbr || kindToAbbr(kindStr)}
      </span>
    </>
  );
};

export const ResourceLink: typeof SDK.ResourceLink = ({
  className,
  displayName,
  inline = false,
  kind,
  groupVersionKind,
  linkTo = true,
  name,
  nameSuffix,
  namespace,
  hideIcon,
  title,
  children,
  dataTest,
  onClick,
  truncate,
}) => {
  useModelsVersion(); // the console reads models from its store; here a newer discovery re-renders
  if (!kind && !groupVersionKind) {
    return null;
  }
  const ref = groupVersionKind ? referenceFor(groupVersionKind) : kind!;
  const path = linkTo ? resourcePath(ref, name, namespace) : undefined;
  const value = displayName ? displayName : name;
  const nameProps = {
    className: 'co-resource-item__resource-name',
    'data-test-id': value,
    'data-test': dataTest ?? value,
  };
  return (
    <span
      className={classes(
        'co-resource-item',
        className,
        inline && 'co-resource-item--inline',
        truncate && 'co-resource-item--truncate',
      )}
    >
      {!hideIcon && <ResourceIcon kind={ref} />}
      {path ? (
        <Link to={path} title={title} onClick={onClick} {...nameProps}>
          {value}
          {nameSuffix}
        </Link>
      ) : (
        <span {...nameProps}>
          {value}
          {nameSuffix}
        </span>
      )}
      {children}
    </span>
  );
};
