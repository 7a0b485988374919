import { useEffect, useState } from 'preact/hooks';
import { api, itemsOf } from '../../api-client.js';
import { Dialog } from '../../components/dialog.js';
import { EntityTypeahead, type PartyValue } from '../../components/entity-typeahead.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useStatus } from '../../components/status.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { entityTypeLabel, externalIds, formatInterval, statusLabel, typeLabel } from '../../lib/format.js';
import { getEntity, getEvent, sourceTitle } from '../../lib/records-api.js';
import type { EventDetail, RecordVersion } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { href, navigate, seg } from '../../router.js';
import { useSession } from '../../session.js';
import { History } from '../events/event-page.js';
import { MiniTimeline } from '../timeline/mini-timeline.js';

/** A person, organisation or place: every spelling, where it is mentioned, its events; merge and split. */
export function EntityPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const { announce } = useStatus();
  const entity = useApi(() => getEntity(id), [id]);
  const history = useApi(async () => itemsOf<RecordVersion>(await api.get(`/entities/${seg(id)}/history`)), [id]);
  const [events, setEvents] = useState<EventDetail[]>([]);
  const [merging, setMerging] = useState(false);
  const [target, setTarget] = useState<PartyValue>({ name: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);

  const [titles, setTitles] = useState<Record<string, string>>({});
  const sourceIds = [...new Set((entity.data?.mentions ?? []).map((m) => m.sourceId))];
  useEffect(() => {
    let live = true;
    for (const sid of sourceIds.slice(0, 50)) {
      sourceTitle(sid).then((title) => live && title && setTitles((old) => ({ ...old, [sid]: title })), () => {});
    }
    return () => {
      live = false;
    };
  }, [sourceIds.join(',')]);
  const eventIds = entity.data?.events ?? [];
  useEffect(() => {
    let live = true;
    Promise.all(eventIds.slice(0, 60).map((e) => getEvent(e).catch(() => null))).then((list) => {
      if (live) setEvents(list.filter((x): x is EventDetail => x !== null));
    });
    return () => {
      live = false;
    };
  }, [eventIds.join(',')]);

  if (entity.error) return <ErrorNotice error={entity.error} />;
  if (!entity.data) return <Loading />;
  const e = entity.data;
  const canEdit = session.can('editor');

  const split = async (memberId: string) => {
    setError(null);
    try {
      await api.post(`/entities/${seg(memberId)}/split`, {});
      announce(t('entity.splitDone'));
      void entity.reload();
      void history.reload();
    } catch (err) {
      setError(err);
    }
  };

  const mentionsBySource = new Map<string, typeof e.mentions>();
  for (const m of e.mentions) mentionsBySource.set(m.sourceId, [...(mentionsBySource.get(m.sourceId) ?? []), m]);

  return (
    <div class="page entity" data-testid="entity-page" data-entity-id={e.id}>
      <nav class="crumbs" aria-label={t('nav.breadcrumbs')}>
        <a href={href('/entities')}>{t('nav.entities')}</a> / <span>{entityTypeLabel(i18n, e.type)}</span>
      </nav>
      <header class="page-head event-head">
        <div>
          <h1 data-testid="entity-name">{e.name}</h1>
          <div class="badges">
            <span class={`etype etype-${e.type}`}>{entityTypeLabel(i18n, e.type)}</span>
            <span class={`status status-${e.status}`}>{statusLabel(i18n, e.status)}</span>
            {externalIds(e.externalIds).map(([k, v]) => (
              <span key={k} class="badge badge-muted">
                {k}: {v}
              </span>
            ))}
          </div>
        </div>
        {canEdit && e.status !== 'merged' && e.status !== 'withdrawn' ? (
          <div class="actions">
            <button type="button" class="btn" onClick={() => setRenaming(e.name)} data-testid="entity-rename">
              {t('entity.rename')}
            </button>
            <button type="button" class="btn" onClick={() => setMerging(true)} data-testid="entity-merge">
              {t('entity.merge')}
            </button>
          </div>
        ) : null}
      </header>
      {e.mergedInto ? (
        <div class="notice notice-info">
          {t('entity.mergedInto')} <a href={href(`/entities/${seg(e.mergedInto)}`)}>{e.mergedInto}</a>
        </div>
      ) : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {renaming !== null ? (
        <form
          class="card form inline-form row"
          onSubmit={async (ev) => {
            ev.preventDefault();
            setError(null);
            try {
              await api.patch(`/entities/${seg(e.id)}`, { name: renaming.trim() });
              announce(t('entity.renamed'));
              setRenaming(null);
              void entity.reload();
              void history.reload();
            } catch (err) {
              setError(err);
            }
          }}
        >
          <label class="field grow">
            <span>{t('entity.newName')}</span>
            <input value={renaming} onInput={(x) => setRenaming(x.currentTarget.value)} required maxLength={300} autoFocus data-testid="entity-rename-input" />
          </label>
          <div class="actions">
            <button type="submit" class="btn btn-primary" data-testid="entity-rename-save">
              {t('entity.rename')}
            </button>
            <button type="button" class="btn" onClick={() => setRenaming(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}

      <div class="event-grid">
        <section class="card">
          <h2>{t('entity.aliases')}</h2>
          <dl class="kv" data-testid="entity-aliases">
            {(['latin', 'cyrillic', 'other'] as const).map((script) =>
              e.aliases[script]?.length ? (
                <>
                  <dt>{t(`script.${script}` as MessageKey)}</dt>
                  <dd>
                    {e.aliases[script].map((a) => (
                      <span key={a} class="alias">
                        {a}
                      </span>
                    ))}
                  </dd>
                </>
              ) : null,
            )}
          </dl>
          {e.members.length ? (
            <>
              <h3>{t('entity.members')}</h3>
              <ul class="members">
                {e.members.map((m) => (
                  <li key={m.id}>
                    <a href={href(`/entities/${seg(m.id)}`)}>{m.name}</a> <span class="muted small">{m.id}</span>
                    {canEdit ? (
                      <button type="button" class="btn btn-small" onClick={() => void split(m.id)} data-testid="entity-split">
                        {t('entity.split')}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <section class="card">
          <h2>{t('entity.events', { count: eventIds.length })}</h2>
          {events.length ? <MiniTimeline events={events} /> : null}
          <ul class="entity-events">
            {events
              .slice()
              .sort((a, b) => (a.dateFrom ?? '').localeCompare(b.dateFrom ?? ''))
              .map((ev) => (
                <li key={ev.id}>
                  <span class="muted small nowrap">{formatInterval(i18n, ev.dateFrom, ev.dateTo, ev.datePrecision)}</span>{' '}
                  <a href={href(`/events/${seg(ev.id)}`)}>{ev.title}</a> <span class="small muted">{ev.types.map((x) => typeLabel(i18n, x)).join(', ')}</span>
                </li>
              ))}
          </ul>
          {eventIds.length === 0 ? <p class="muted">—</p> : null}
        </section>
      </div>

      <section class="card">
        <h2>{t('entity.mentions', { count: e.mentions.length })}</h2>
        <ul class="mentions" data-testid="entity-mentions">
          {[...mentionsBySource.entries()].map(([sid, ms]) => (
            <li key={sid}>
              <a href={href(`/sources/${seg(sid)}`)}>{titles[sid] ?? sid}</a>:{' '}
              {ms.slice(0, 12).map((m, i) => (
                <span key={i}>
                  {i > 0 ? ', ' : ''}
                  <a href={href(`/sources/${seg(sid)}`, { span: `${m.start}-${m.end}` })} class="mention">
                    “{m.text}”
                  </a>
                </span>
              ))}
              {ms.length > 12 ? <span class="muted"> +{ms.length - 12}</span> : null}
            </li>
          ))}
        </ul>
      </section>

      <section class="card">
        <h2>{t('event.history')}</h2>
        <History versions={history.data ?? []} />
      </section>

      <Dialog open={merging} title={t('entity.mergeTitle', { name: e.name })} onClose={() => setMerging(false)} testid="merge-dialog">
        <form
          class="form"
          onSubmit={async (ev) => {
            ev.preventDefault();
            if (!target.entityId) return;
            setBusy(true);
            setError(null);
            try {
              await api.post(`/entities/${seg(e.id)}/merge`, { into: target.entityId });
              announce(t('entity.mergeDone'));
              setMerging(false);
              navigate(`/entities/${seg(target.entityId)}`);
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          <p class="muted">{t('entity.mergeExplain')}</p>
          <ErrorNotice error={error} />
          <EntityTypeahead label={t('entity.mergeInto')} value={target} onChange={setTarget} types={[e.type]} testid="merge-target" required />
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy || !target.entityId || target.entityId === e.id} data-testid="merge-confirm">
              {t('entity.merge')}
            </button>
            <button type="button" class="btn" onClick={() => setMerging(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
