import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.js';
import { ErrorNotice } from './error-notice.js';

/** A page whose code (and heavy libraries) load only when it is first shown. */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let cached: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [Comp, setComp] = useState<ComponentType<P> | null>(() => cached);
    const [error, setError] = useState<unknown>(null);
    const { t } = useI18n();
    useEffect(() => {
      if (cached) return;
      let live = true;
      load().then(
        (m) => {
          cached = m.default;
          if (live) setComp(() => m.default);
        },
        (e) => live && setError(e),
      );
      return () => {
        live = false;
      };
    }, []);
    if (error) return <ErrorNotice error={error} />;
    if (!Comp) return <Loading label={t('common.loading')} />;
    return <Comp {...props} />;
  };
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div class="loading" role="status" aria-live="polite" data-testid="loading">
      <span class="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}
