import type { DataVolumeForm } from '../logic/dv-form';
import type { DvProblem } from '../logic/dv-validation';

/** What every step of the create wizard receives. */
export interface StepProps {
  form: DataVolumeForm;
  setForm: (update: (form: DataVolumeForm) => DataVolumeForm) => void;
  /** Every problem of the whole form (validateDataVolumeForm with the wizard's context). */
  problems: readonly DvProblem[];
  /** True once the user tried to leave the step: errors show at their fields. */
  showErrors: boolean;
}
