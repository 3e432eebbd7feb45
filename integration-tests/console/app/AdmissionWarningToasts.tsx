import { Alert, AlertActionCloseButton, AlertGroup } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { onAdmissionWarnings } from '../sdk-standin/admission-warnings';

interface Toast {
  id: number;
  texts: string[];
}

/** Like the console: each write that came back with admission warnings gets a warning toast. */
export const AdmissionWarningToasts = () => {
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    let next = 0;
    return onAdmissionWarnings((texts) => setToasts((all) => [...all, { id: next++, texts }]));
  }, []);
  const close = (id: number) => setToasts((all) => all.filter((x) => x.id !== id));
  return (
    <AlertGroup isToast isLiveRegion>
      {toasts.map((toast) => (
        <Alert
          key={toast.id}
          variant="warning"
          title="Admission webhook warning"
          timeout={15000}
          onTimeout={() => close(toast.id)}
          actionClose={<AlertActionCloseButton onClose={() => close(toast.id)} />}
        >
          {toast.texts.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </Alert>
      ))}
    </AlertGroup>
  );
};
