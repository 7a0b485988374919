import { ApiError } from '../api-client.js';
import { useI18n, type MessageKey } from '../i18n/index.js';

/** Short, human wording for the API's stable error codes; the server's message follows. */
const CODE_KEYS: Record<string, MessageKey> = {
  INVALID_INPUT: 'error.INVALID_INPUT',
  UNAUTHENTICATED: 'error.UNAUTHENTICATED',
  FORBIDDEN: 'error.FORBIDDEN',
  NOT_FOUND: 'error.NOT_FOUND',
  CONFLICT: 'error.CONFLICT',
  TOO_LARGE: 'error.TOO_LARGE',
  UNSUPPORTED_MEDIA: 'error.UNSUPPORTED_MEDIA',
  FETCH_REFUSED: 'error.FETCH_REFUSED',
  FETCH_FAILED: 'error.FETCH_FAILED',
  RATE_LIMITED: 'error.RATE_LIMITED',
  NETWORK: 'error.NETWORK',
  INTERNAL: 'error.INTERNAL',
};

/** An error, shown where it happened: what went wrong (by code), the server's words, field issues. */
export function ErrorNotice({ error, onDismiss, testid = 'error' }: { error: unknown; onDismiss?: () => void; testid?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const headline = e ? t(CODE_KEYS[e.code] ?? 'error.generic') : t('error.generic');
  const message = e ? e.message : error instanceof Error ? error.message : String(error);
  const issues = e?.details?.issues ?? [];
  const retry = e?.details?.retryAfterSeconds;
  return (
    <div class="notice notice-error" role="alert" data-testid={testid} data-code={e?.code ?? 'ERROR'}>
      <div class="notice-body">
        <strong>{headline}</strong>
        {message && message !== headline ? <span class="notice-message"> {message}</span> : null}
        {typeof retry === 'number' ? <span> {t('error.retryAfter', { seconds: retry })}</span> : null}
        {issues.length > 0 ? (
          <ul class="notice-issues">
            {issues.slice(0, 8).map((i, n) => (
              <li key={n}>
                <code>{i.path ?? ''}</code> {i.message}
                {i.unknownFields?.length ? ` (${i.unknownFields.join(', ')})` : ''}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {onDismiss ? (
        <button type="button" class="btn-icon" onClick={onDismiss} aria-label={t('common.dismiss')}>
          ×
        </button>
      ) : null}
    </div>
  );
}
