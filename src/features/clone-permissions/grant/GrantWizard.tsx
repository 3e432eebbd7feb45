import * as React from 'react';
import type { CloneAccessRow, CloneSubject, RbacSnapshot } from '../logic/types';

export interface GrantWizardProps {
  snapshot: RbacSnapshot;
  rows: CloneAccessRow[];
  /** Known namespaces; undefined = not known (then a text field, existence not checked). */
  namespaces: string[] | undefined;
  initialNamespace?: string;
  initialSubject?: CloneSubject;
  onClose: () => void;
  /** "Check access now" on the result step: proof of the grant. */
  onCheckAccess: (subject: CloneSubject, sourceNamespace: string) => void;
}

/** Placeholder with the final props; the wizard itself follows. */
const GrantWizard: React.FC<GrantWizardProps> = () => null;

export default GrantWizard;
