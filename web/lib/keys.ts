/** Whether a key press belongs to a field (or an open dialog) rather than to a page shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  return !!el.closest?.('dialog[open]') || !!document.querySelector('dialog[open]');
}
