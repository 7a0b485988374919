import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/index.js';

/**
 * A modal on the native <dialog> element: the browser traps focus, Escape closes, and the
 * page underneath keeps its state (forms are not unmounted while a dialog is open).
 */
export function Dialog(props: {
  open: boolean;
  title: string;
  onClose?: () => void;
  children: ComponentChildren;
  testid?: string;
  wide?: boolean;
  /** Escape and the close button do nothing (the re-login dialog must be answered). */
  required?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  const titleId = `dlg-${props.testid ?? 'x'}-title`;
  return (
    <dialog
      ref={ref}
      class={`dialog${props.wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={props.testid}
      onCancel={(e) => {
        e.preventDefault();
        if (!props.required) props.onClose?.();
      }}
    >
      {props.open ? (
        <>
          <header class="dialog-head">
            <h2 id={titleId}>{props.title}</h2>
            {!props.required && props.onClose ? (
              <button type="button" class="btn-icon" onClick={props.onClose} aria-label={t('common.close')} data-testid="dialog-close">
                ×
              </button>
            ) : null}
          </header>
          <div class="dialog-body">{props.children}</div>
        </>
      ) : null}
    </dialog>
  );
}
