/**
 * Object names and label syntax as apimachinery validates them (v0.34 pkg/util/validation/validation.go:
 * `IsDNS1123Label` :176, `IsDNS1123Subdomain` :205, `IsQualifiedName` :29-70, `IsValidLabelValue` :154-174),
 * so a form refuses at the field what the API would refuse on write.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;
const QUALIFIED_NAME_MAX = 63;
const LABEL_VALUE_MAX = 63;

export const isDns1123Label = (v: string): boolean => v.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(v);

export const isDns1123Subdomain = (v: string): boolean =>
  v.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(v);

/** An optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export const isQualifiedName = (key: string): boolean => {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (parts[0] === '' || !isDns1123Subdomain(parts[0]))) return false;
  return name.length > 0 && name.length <= QUALIFIED_NAME_MAX && QUALIFIED_NAME.test(name);
};

export const isLabelValue = (v: string): boolean => v.length <= LABEL_VALUE_MAX && LABEL_VALUE.test(v);

/** An object's name, '' while it has none (e.g. a list row not yet created). */
export const metadataName = (o: { metadata?: { name?: string } } | undefined): string =>
  o?.metadata?.name ?? '';
