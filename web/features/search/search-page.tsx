import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api-client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { formatInterval, typeLabel } from '../../lib/format.js';
import type { SearchHit, SearchResponse } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { href, navigate, seg, type QueryInput } from '../../router.js';
import { Snippet } from './snippet.js';

const PAGE = 20;
const FACETS = ['kind', 'type', 'year', 'place', 'person'] as const;
type Facet = (typeof FACETS)[number];

function hitHref(h: SearchHit): string {
  if (h.kind === 'event') return href(`/events/${seg(h.id)}`);
  if (h.kind === 'entity') return href(`/entities/${seg(h.id)}`);
  return href(`/sources/${seg(h.id)}`);
}

/** Full-text search over sources, events and people, with facets to narrow and highlighted snippets. */
export function SearchPage({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const q = query.get('q') ?? '';
  const sel: Record<Facet, string> = { kind: query.get('kind') ?? '', type: query.get('type') ?? '', year: query.get('year') ?? '', place: query.get('place') ?? '', person: query.get('person') ?? '' };
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [box, setBox] = useState(q);
  useEffect(() => setBox(q), [q]);
  const key = query.toString();
  const result = useApi(
    (signal) =>
      api.get<SearchResponse>(
        '/search',
        {
          q,
          kind: sel.kind,
          type: sel.type,
          place: sel.place,
          person: sel.person,
          from: sel.year ? `${sel.year}-01-01` : undefined,
          to: sel.year ? `${sel.year}-12-31` : undefined,
          limit: PAGE,
          offset: offset || undefined,
        },
        { signal },
      ),
    [key],
    { enabled: q.trim() !== '' },
  );
  const go = (patch: QueryInput) => navigate('/search', { q, ...sel, offset: undefined, ...patch });
  const r = result.data;
  const facetLabel = (f: Facet, v: string) => (f === 'type' ? typeLabel(i18n, v) : f === 'kind' ? t(`search.kinds.${v}` as MessageKey) : v);

  return (
    <div class="page search">
      <div class="page-head">
        <h1>{t('search.title')}</h1>
      </div>
      <form
        class="search-box"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate('/search', { q: box.trim() });
        }}
      >
        <label for="search-q" class="sr-only">
          {t('search.label')}
        </label>
        <input id="search-q" type="search" value={box} onInput={(e) => setBox(e.currentTarget.value)} placeholder={t('search.placeholder')} autoFocus data-testid="search-input" />
        <button type="submit" class="btn btn-primary" data-testid="search-submit">
          {t('common.search')}
        </button>
      </form>
      <p class="hint">{t('search.syntax')}</p>
      {!q.trim() ? <p class="empty">{t('search.prompt')}</p> : null}
      <ErrorNotice error={result.error} />
      {q.trim() && result.loading && !r ? <Loading /> : null}
      {r ? (
        <div class="search-layout">
          <aside class="facets" aria-label={t('search.facets')} data-testid="search-facets">
            {FACETS.map((f) => {
              const values = r.facets[f] ?? [];
              if (!values.length && !sel[f]) return null;
              return (
                <section key={f} class="facet">
                  <h2 class="facet-title">{t(`search.facet.${f}` as MessageKey)}</h2>
                  <ul>
                    {sel[f] && !values.some((v) => v.value === sel[f]) ? (
                      <li>
                        <button type="button" class="facet-btn is-on" aria-pressed="true" onClick={() => go({ [f]: undefined })}>
                          {facetLabel(f, sel[f])}
                        </button>
                      </li>
                    ) : null}
                    {values.slice(0, 10).map((v) => {
                      const on = sel[f] === v.value;
                      return (
                        <li key={v.value}>
                          <button
                            type="button"
                            class={`facet-btn${on ? ' is-on' : ''}`}
                            aria-pressed={on}
                            onClick={() => go({ [f]: on ? undefined : v.value })}
                            data-testid={`facet-${f}`}
                            data-value={v.value}
                          >
                            <span>{facetLabel(f, v.value)}</span>
                            <span class="facet-count">{i18n.number(v.count)}</span>
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              );
            })}
          </aside>
          <section class="results" aria-live="polite">
            <p class="muted" data-testid="search-total">
              {i18n.tn('search.total', r.total.value, { plus: r.total.exact ? '' : '+' })}
              {r.order === 'recency' ? ` · ${t('search.recency')}` : ''}
            </p>
            {r.hits.length === 0 ? <p class="empty">{t('search.noHits')}</p> : null}
            <ol class="hits" data-testid="search-hits">
              {r.hits.map((h) => (
                <li key={`${h.kind}-${h.id}`} class="hit" data-testid="search-hit" data-kind={h.kind} data-id={h.id}>
                  <div class="hit-head">
                    <span class={`kind kind-${h.kind}`}>{t(`search.kinds.${h.kind}` as MessageKey)}</span>
                    <a href={hitHref(h)} class="hit-title" data-testid="search-hit-link">
                      {h.title || h.id}
                    </a>
                    {h.dateFrom || h.dateTo ? <span class="muted small">{formatInterval(i18n, h.dateFrom, h.dateTo)}</span> : null}
                  </div>
                  <p class="hit-snippet">
                    <Snippet html={h.snippet} />
                  </p>
                </li>
              ))}
            </ol>
            <div class="pager">
              {offset > 0 ? (
                <button type="button" class="btn" onClick={() => go({ offset: Math.max(0, offset - PAGE) || undefined })}>
                  ← {t('common.previous')}
                </button>
              ) : null}
              {offset + r.hits.length < r.total.value && r.hits.length === PAGE ? (
                <button type="button" class="btn" onClick={() => go({ offset: offset + PAGE })} data-testid="search-next">
                  {t('common.next')} →
                </button>
              ) : null}
            </div>
          </section>
        </div>
      ) : null}
    </div>
  );
}
