// Placeholder during development: replaced by the create wizard.
export interface CreateDataVolumeWizardProps {
  /** The namespace to create in; undefined when the list shows all namespaces (the wizard asks). */
  namespace: string | undefined;
  onClose: () => void;
}

const CreateDataVolumeWizard = (_props: CreateDataVolumeWizardProps) => null;
export default CreateDataVolumeWizard;
