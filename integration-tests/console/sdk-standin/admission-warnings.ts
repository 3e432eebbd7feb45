/**
 * Admission warnings: the apiserver returns them as `Warning: 299 - "<text>"` response headers (RFC 7234
 * warn-value, several joined by commas). The console shows each write's warnings as a toast; the host
 * subscribes to them here.
 */

const WARN_VALUE = /\s*(\d{3})\s+(\S+)\s+"((?:[^"\\]|\\.)*)"(?:\s+"[^"]*")?\s*(?:,|$)/gy;

/** The warning texts in a `Warning` header, in order; unparseable parts are kept verbatim. */
export const parseWarningHeader = (header: string): string[] => {
  const texts: string[] = [];
  WARN_VALUE.lastIndex = 0;
  let match: RegExpExecArray | null;
  let end = 0;
  while (end < header.length && (match = WARN_VALUE.exec(header))) {
    texts.push(match[3].replace(/\\(.)/g, '$1'));
    end = WARN_VALUE.lastIndex;
  }
  const rest = header.slice(end).trim();
  if (rest) texts.push(rest);
  return texts;
};

type Listener = (texts: string[]) => void;
const listeners = new Set<Listener>();

export const onAdmissionWarnings = (fn: Listener): (() => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};

export const publishAdmissionWarnings = (header: string | null) => {
  const texts = header ? parseWarningHeader(header) : [];
  if (texts.length) listeners.forEach((fn) => fn(texts));
};
