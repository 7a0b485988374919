import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useI18n } from '../../i18n/index.js';
import { EVENT_STATUSES, EVENT_TYPE_IDS, formatInterval, statusLabel, typeColorIndex, typeLabel } from '../../lib/format.js';
import { listEvents, minSourcesOf } from '../../lib/records-api.js';
import { useApi } from '../../lib/use-api.js';
import { href, navigate, seg } from '../../router.js';

const PAGE = 50;
const FIELDS = ['type', 'status', 'from', 'to', 'place', 'person', 'minSources'] as const;
type Filters = Record<(typeof FIELDS)[number], string>;

function filtersOf(q: URLSearchParams): Filters {
  const f = Object.fromEntries(FIELDS.map((k) => [k, q.get(k) ?? ''])) as Filters;
  f.minSources = minSourcesOf(f.minSources);
  // `month=2016-05` (from the trends chart) is a from/to pair.
  const month = q.get('month');
  if (month && /^\d{4}-\d{2}$/.test(month)) {
    f.from = month;
    f.to = month;
  }
  return f;
}

/** Events, filtered by type, dates, place, person, status and how many sources support them. */
export function EventsPage({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const applied = filtersOf(query);
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [form, setForm] = useState<Filters>(applied);
  const key = query.toString();
  useEffect(() => setForm(filtersOf(query)), [key]);

  const list = useApi(
    (signal) =>
      listEvents(
        {
          type: applied.type,
          status: applied.status,
          from: applied.from,
          to: applied.to,
          place: applied.place,
          person: applied.person,
          minSources: applied.minSources,
          limit: PAGE,
          offset,
        },
        signal,
      ),
    [key],
  );
  const items = list.data?.items ?? [];
  const apply = (f: Filters, off = 0) => navigate('/events', { ...f, offset: off || undefined });
  const set = (k: keyof Filters) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const active = FIELDS.filter((k) => applied[k]);

  return (
    <div class="page events">
      <div class="page-head">
        <h1>{t('events.title')}</h1>
        <div class="page-head-links">
          <a href={href('/timeline', { ...applied })} class="btn btn-small">
            {t('nav.timeline')}
          </a>
          <a href={href('/map', { ...applied })} class="btn btn-small">
            {t('nav.map')}
          </a>
        </div>
      </div>
      <form
        class="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          apply(form);
        }}
        data-testid="event-filters"
      >
        <label class="field">
          <span>{t('events.filter.type')}</span>
          <select value={form.type} onChange={set('type')} data-testid="filter-type">
            <option value="">{t('common.any')}</option>
            {EVENT_TYPE_IDS.map((ty) => (
              <option key={ty} value={ty}>
                {typeLabel(i18n, ty)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('events.filter.status')}</span>
          <select value={form.status} onChange={set('status')} data-testid="filter-status">
            <option value="">{t('common.any')}</option>
            {EVENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(i18n, s)}
              </option>
            ))}
          </select>
        </label>
        <label class="field field-narrow">
          <span>{t('events.filter.from')}</span>
          <input value={form.from} onInput={set('from')} placeholder={t('events.datePlaceholder')} pattern="\d{4}(-\d{2}(-\d{2})?)?" data-testid="filter-from" />
        </label>
        <label class="field field-narrow">
          <span>{t('events.filter.to')}</span>
          <input value={form.to} onInput={set('to')} placeholder={t('events.datePlaceholder')} pattern="\d{4}(-\d{2}(-\d{2})?)?" data-testid="filter-to" />
        </label>
        <label class="field">
          <span>{t('events.filter.place')}</span>
          <input value={form.place} onInput={set('place')} data-testid="filter-place" />
        </label>
        <label class="field">
          <span>{t('events.filter.person')}</span>
          <input value={form.person} onInput={set('person')} data-testid="filter-person" />
        </label>
        <label class="field field-narrow">
          <span>{t('events.filter.minSources')}</span>
          <input type="number" min={1} max={99} value={form.minSources} onInput={set('minSources')} data-testid="filter-min-sources" />
        </label>
        <div class="actions filters-actions">
          <button type="submit" class="btn btn-primary" data-testid="filter-apply">
            {t('common.apply')}
          </button>
          {active.length ? (
            <button type="button" class="btn btn-ghost" onClick={() => navigate('/events')} data-testid="filter-clear">
              {t('common.clear')}
            </button>
          ) : null}
        </div>
      </form>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && items.length === 0 ? <p class="empty">{t('events.empty')}</p> : null}
      {items.length ? (
        <table class="table events-table" data-testid="events-table">
          <thead>
            <tr>
              <th scope="col">{t('event.title')}</th>
              <th scope="col">{t('event.types')}</th>
              <th scope="col">{t('event.date')}</th>
              <th scope="col">{t('event.place')}</th>
              <th scope="col">{t('event.status')}</th>
              <th scope="col" class="num">
                {t('event.sources')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} data-testid="event-row" data-event-id={e.id} data-types={e.types.join(' ')} data-status={e.status}>
                <td class="cell-title">
                  <a href={href(`/events/${seg(e.id)}`)} data-testid="event-open">
                    {e.title}
                  </a>
                </td>
                <td>
                  {e.types.map((ty) => (
                    <span key={ty} class={`badge type-badge c${typeColorIndex(ty)}`}>
                      {typeLabel(i18n, ty)}
                    </span>
                  ))}
                </td>
                <td class="nowrap">{formatInterval(i18n, e.dateFrom, e.dateTo, e.datePrecision)}</td>
                <td>{e.place ? <a href={href(`/entities/${seg(e.place.id)}`)}>{e.place.name}</a> : '—'}</td>
                <td>
                  <span class={`status status-${e.status}`}>{statusLabel(i18n, e.status)}</span>
                </td>
                <td class="num" title={t('event.independentTitle')}>
                  {e.sourceCount}
                  {e.independentSources !== e.sourceCount ? <span class="muted small"> ({e.independentSources})</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div class="pager">
        {offset > 0 ? (
          <button type="button" class="btn" onClick={() => apply(applied, Math.max(0, offset - PAGE))} data-testid="events-prev">
            ← {t('common.previous')}
          </button>
        ) : null}
        {(list.data?.items.length ?? 0) === PAGE ? (
          <button type="button" class="btn" onClick={() => apply(applied, offset + PAGE)} data-testid="events-next">
            {t('common.next')} →
          </button>
        ) : null}
      </div>
    </div>
  );
}
