import type { ReactNode } from 'react';
import { formatClaimPropertySet } from '../../../k8s/access-modes';
import type { ClaimPropertySet } from '../../../k8s/types';
import '../../../components/plugin.css';

/** Claim property sets in preference order (an ordered list), or `empty` when there are none. */
export const ClaimPropertySetList = ({ sets, empty }: { sets?: ClaimPropertySet[]; empty: ReactNode }) =>
  sets && sets.length > 0 ? (
    // Order is preference order, so it is an ordered list.
    <ol className="vsp-plain-list">
      {sets.map((s, i) => (
        <li key={i}>
          {i + 1}. {formatClaimPropertySet(s)}
        </li>
      ))}
    </ol>
  ) : (
    <>{empty}</>
  );
