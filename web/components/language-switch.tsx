import { LANGS, useI18n, type Lang } from '../i18n/index.js';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('nav.language')}>
      {LANGS.map((l) => (
        <button
          key={l.code}
          type="button"
          class={`lang-btn${l.code === lang ? ' is-active' : ''}`}
          aria-pressed={l.code === lang}
          lang={l.code}
          onClick={() => setLang(l.code as Lang)}
          data-testid={`lang-${l.code}`}
        >
          {l.code.toUpperCase()}
          <span class="sr-only"> {l.label}</span>
        </button>
      ))}
    </div>
  );
}
