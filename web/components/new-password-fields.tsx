import { useI18n } from '../i18n/index.js';

/** Whether a repeated password was typed and differs from the new one. */
export function passwordsDiffer(password: string, repeat: string): boolean {
  return repeat !== '' && repeat !== password;
}

/**
 * A new password and its repetition, the mismatch said under them (Your account, and the
 * administrator's dialog for someone else's). `testid` prefixes the fields' test ids and the
 * message's id: `<testid>-new`, `<testid>-repeat`, `<testid>-mismatch`.
 */
export function NewPasswordFields(props: { password: string; repeat: string; onPassword: (v: string) => void; onRepeat: (v: string) => void; testid: string }) {
  const { t } = useI18n();
  const mismatch = passwordsDiffer(props.password, props.repeat);
  const messageId = `${props.testid}-mismatch`;
  return (
    <>
      <label class="field">
        <span>{t('account.new')}</span>
        <input
          type="password"
          value={props.password}
          onInput={(e) => props.onPassword(e.currentTarget.value)}
          required
          minLength={12}
          autoComplete="new-password"
          data-testid={`${props.testid}-new`}
        />
      </label>
      <label class="field">
        <span>{t('account.repeat')}</span>
        <input
          type="password"
          value={props.repeat}
          onInput={(e) => props.onRepeat(e.currentTarget.value)}
          required
          autoComplete="new-password"
          aria-invalid={mismatch}
          aria-describedby={mismatch ? messageId : undefined}
          data-testid={`${props.testid}-repeat`}
        />
      </label>
      {mismatch ? (
        <p id={messageId} class="field-error small">
          {t('account.mismatch')}
        </p>
      ) : null}
    </>
  );
}
