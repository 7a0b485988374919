import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { listSuggestions } from '../../lib/records-api.js';
import type { SuggestionView } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { navigate, seg } from '../../router.js';
import { useReviewKeys } from './review-keys.js';
import { SuggestionCard } from './suggestion-card.js';
import { useSuggestionEvents } from './use-suggestion-events.js';

const KINDS = ['all', 'event', 'entity', 'merge'] as const;
const STATUSES = ['pending', 'accepted', 'rejected'] as const;

/** The review queue: every suggestion awaiting a decision, driven by keyboard or mouse. */
export function ReviewPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [kind, setKind] = useState<(typeof KINDS)[number]>('event');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('pending');
  const [index, setIndex] = useState(0);
  const [version, setVersion] = useState(0);
  const list = useApi((signal) => listSuggestions({ status, kind: kind === 'all' ? undefined : kind, limit: 200 }, signal), [kind, status]);
  const items = list.data ?? [];
  const events = useSuggestionEvents(list.data, version);
  const setHandle = useReviewKeys({
    count: items.length,
    index,
    setIndex,
    open: (i) => {
      const s = items[i];
      if (s?.eventId) navigate(`/events/${seg(s.eventId)}`);
    },
  });

  const onDecided = (s: SuggestionView) => {
    list.setData((old) => (old ?? []).map((x) => (x.id === s.id ? { ...x, ...s } : x)));
    setVersion((v) => v + 1);
    // Move on to the next pending one.
    const next = items.findIndex((x, i) => i > index && x.status === 'pending');
    if (next >= 0) setIndex(next);
  };

  return (
    <div class="page review">
      <div class="page-head">
        <h1>{t('review.title')}</h1>
        <p class="muted">{t('review.subtitle')}</p>
      </div>
      <div class="toolbar">
        <div class="segmented" role="group" aria-label={t('review.kindFilter')}>
          {KINDS.map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} class={kind === k ? 'is-active' : ''} onClick={() => (setKind(k), setIndex(0))} data-testid={`review-kind-${k}`}>
              {t(`review.kinds.${k}` as MessageKey)}
            </button>
          ))}
        </div>
        <div class="segmented" role="group" aria-label={t('review.statusFilter')}>
          {STATUSES.map((st) => (
            <button key={st} type="button" aria-pressed={status === st} class={status === st ? 'is-active' : ''} onClick={() => (setStatus(st), setIndex(0))} data-testid={`review-status-${st}`}>
              {t(`suggestionStatus.${st}` as MessageKey)}
            </button>
          ))}
        </div>
        <span class="muted small kbd-hint">{t('review.keysHint')}</span>
      </div>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && items.length === 0 ? <p class="empty">{t('review.empty')}</p> : null}
      <div class="suggestion-list" data-testid="suggestion-list">
        {items.map((s, i) => (
          <SuggestionCard
            key={s.id}
            s={s}
            event={s.eventId ? events.get(s.eventId) : undefined}
            selected={i === index}
            onSelect={() => setIndex(i)}
            onDecided={onDecided}
            handle={i === index ? setHandle : undefined}
          />
        ))}
      </div>
    </div>
  );
}
