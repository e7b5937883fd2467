import { notifySuccess } from './errors.js';

/**
 * Callbacks for a form's mutation: on success a notice and `onDone` (closing the dialog), on failure
 * the problem handed back to the form (`useFormErrors().setFailure`).
 */
export function closeOnSuccess(successMessage: string, onDone: () => void, onFailure: (error: unknown) => void) {
  return {
    onSuccess: () => {
      notifySuccess(successMessage);
      onDone();
    },
    onError: onFailure,
  };
}
