import { useEffect } from 'react';
import { useLocation } from 'react-router';

/** How long a page may take to render the anchored element (its data loads first). */
const WAIT_MS = 10_000;

/**
 * Scrolls to the element the URL's `#hash` names once it exists. Client-side navigation does not scroll to
 * an anchor, and a page's sections render only after its data arrives, so this waits for the element.
 */
export const useScrollToHash = (): void => {
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash) return undefined;
    const id = decodeURIComponent(hash.slice(1));
    const deadline = Date.now() + WAIT_MS;
    let frame = 0;
    const tryScroll = () => {
      const el = document.getElementById(id);
      if (el) {
        el.scrollIntoView({ block: 'start' });
      } else if (Date.now() < deadline) {
        frame = requestAnimationFrame(tryScroll);
      }
    };
    tryScroll();
    return () => cancelAnimationFrame(frame);
  }, [hash]);
};
