import { useEffect, useState } from 'preact/hooks';
import { api, itemsOf } from '../../api-client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { entityTypeLabel, externalIds } from '../../lib/format.js';
import type { EntityRecord } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { href, navigate, seg } from '../../router.js';

const TYPES = ['', 'PERSON', 'ORGANIZATION', 'LOCATION'] as const;
const PAGE = 50;

/** People, organisations and places; the name box matches any spelling in any script. */
export function EntitiesPage({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const type = query.get('type') ?? '';
  const name = query.get('name') ?? '';
  const status = query.get('status') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [box, setBox] = useState(name);
  useEffect(() => setBox(name), [name]);
  const list = useApi(
    async (signal) => itemsOf<EntityRecord>(await api.get('/entities', { type: type || undefined, name: name || undefined, status: status || undefined, limit: PAGE, offset: name ? undefined : offset }, { signal })),
    [type, name, status, offset],
  );
  const go = (patch: Record<string, string | number | undefined>) => navigate('/entities', { type, name, status, ...patch });
  return (
    <div class="page entities">
      <div class="page-head">
        <h1>{t('entities.title')}</h1>
      </div>
      <div class="toolbar">
        <div class="segmented" role="group" aria-label={t('entities.typeFilter')}>
          {TYPES.map((ty) => (
            <button key={ty || 'all'} type="button" aria-pressed={type === ty} class={type === ty ? 'is-active' : ''} onClick={() => go({ type: ty, offset: undefined })} data-testid={`entities-type-${ty || 'all'}`}>
              {ty ? t(`entities.types.${ty}` as MessageKey) : t('common.all')}
            </button>
          ))}
        </div>
        <form
          class="inline-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            go({ name: box.trim(), offset: undefined });
          }}
        >
          <label class="sr-only" for="entity-name">
            {t('entities.nameSearch')}
          </label>
          <input id="entity-name" type="search" value={box} onInput={(e) => setBox(e.currentTarget.value)} placeholder={t('entities.nameSearch')} data-testid="entities-name" />
          <button type="submit" class="btn">
            {t('common.search')}
          </button>
        </form>
        <label class="field field-inline">
          <span>{t('events.filter.status')}</span>
          <select value={status} onChange={(e) => go({ status: e.currentTarget.value, offset: undefined })} data-testid="entities-status">
            <option value="">{t('common.any')}</option>
            {['proposed', 'confirmed', 'merged', 'withdrawn'].map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p class="empty">{t('entities.empty')}</p> : null}
      {list.data?.length ? (
        <table class="table" data-testid="entities-table">
          <thead>
            <tr>
              <th scope="col">{t('entity.name')}</th>
              <th scope="col">{t('entity.type')}</th>
              <th scope="col">{t('event.status')}</th>
              <th scope="col">{t('entity.external')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((e) => (
              <tr key={e.id} data-testid="entity-row" data-entity-id={e.id}>
                <td class="cell-title">
                  <a href={href(`/entities/${seg(e.id)}`)} data-testid="entity-open">
                    {e.name}
                  </a>
                </td>
                <td>
                  <span class={`etype etype-${e.type}`}>{entityTypeLabel(i18n, e.type)}</span>
                </td>
                <td>
                  <span class={`status status-${e.status}`}>{t(`status.${e.status}` as MessageKey)}</span>
                </td>
                <td class="small muted">
                  {externalIds(e.externalIds)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {!name ? (
        <div class="pager">
          {offset > 0 ? (
            <button type="button" class="btn" onClick={() => go({ offset: Math.max(0, offset - PAGE) })}>
              ← {t('common.previous')}
            </button>
          ) : null}
          {(list.data?.length ?? 0) === PAGE ? (
            <button type="button" class="btn" onClick={() => go({ offset: offset + PAGE })}>
              {t('common.next')} →
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
