import { sha256Hex, type Json } from './util';

/**
 * Which import sources "work" in the simulated cluster. There is no network, so reachability is a naming
 * rule: hosts under the reserved `.invalid` TLD never answer, and a registry host without a dot (such as
 * `docker://myprivateregistry/img`) cannot be resolved. Everything else imports fine. A failing source
 * stays failing.
 */

function hostOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/@?#]+)/i.exec(url);
  return m?.[1].replace(/:\d+$/, '').toLowerCase();
}

/** Why an HTTP(S) or registry source cannot be read, or undefined when it can. */
export function sourceFailure(source: Json | undefined): string | undefined {
  if (!source) return undefined;
  if (source.registry?.url) {
    const url: string = source.registry.url;
    const host = hostOf(url);
    if (!host || host.endsWith('.invalid') || (!host.includes('.') && host !== 'localhost')) {
      return `Unable to process data: Unable to transfer source data: failed to read image manifest: pinging container registry ${host ?? url}: Get "https://${host ?? url}/v2/": dial tcp: lookup ${host ?? url}: no such host`;
    }
    return undefined;
  }
  for (const kind of ['http', 's3', 'gcs', 'imageio']) {
    const url: string | undefined = source[kind]?.url;
    if (!url) continue;
    const host = hostOf(url);
    if (!host || host.endsWith('.invalid')) {
      return `Unable to connect to http data source: Get "${url}": dial tcp: lookup ${host ?? url}: no such host`;
    }
  }
  return undefined;
}

/** The digest a registry source has before anyone published a newer one (stable, derived from the URL). */
export const baseDigest = (url: string): string => `sha256:${sha256Hex(`digest:${url}`)}`;

/**
 * The simulated registries' state, one per world: the digest each URL serves now. A URL nobody published to
 * serves its base digest; `publish` (POST /_sim/publish-digest) pushes a new image, as a vendor pushing a new
 * `:latest` does. Published digests are deterministic (`digest:<url>#<n>` for the n-th publication), so a
 * seed can name them. A fresh world (reset) starts from the seed's declarations again.
 */
export class ImageRegistry {
  private readonly digests = new Map<string, string>();
  private readonly published = new Map<string, number>();

  /** The digest `url` serves now. */
  digest(url: string): string {
    return this.digests.get(url) ?? baseDigest(url);
  }

  /** Pushes a new image for `url` (or declares the one it serves, for seeds); returns its digest. */
  publish(url: string, digest?: string): string {
    const n = (this.published.get(url) ?? 0) + 1;
    this.published.set(url, n);
    const next = digest ?? `sha256:${sha256Hex(`digest:${url}#${n}`)}`;
    this.digests.set(url, next);
    return next;
  }
}

/** The digest a reachable registry source currently has: the registry's published one, else its base digest. */
export const sourceDigest = (url: string, registry?: ImageRegistry): string =>
  registry ? registry.digest(url) : baseDigest(url);

/** `docker://quay.io/img:tag` pinned to a digest, as CDI writes it into the import DataVolume. */
export function pinnedUrl(url: string, digest: string): string {
  const withoutTag = url.replace(/@sha256:[0-9a-f]+$/, '').replace(/:([^/:]+)$/, '');
  return `${withoutTag}@${digest}`;
}
