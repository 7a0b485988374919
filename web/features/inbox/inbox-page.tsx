import { useState } from 'preact/hooks';
import { api } from '../../api-client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { formatBytes } from '../../lib/format.js';
import type { SourceSummary } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { href, seg } from '../../router.js';
import { useSession } from '../../session.js';
import { CaptureForm } from './capture-form.js';

type Stage = 'unreadable' | 'queued' | 'processing' | 'processed' | 'failed' | 'captured';

interface InboxData {
  sources: SourceSummary[];
  nextCursor: string | null;
}

/** Where a capture is on its way: cleaning failed, or its extraction job's state. */
export function stageOf(s: SourceSummary): { stage: Stage; error?: string | null } {
  if (s.cleanError) return { stage: 'unreadable', error: s.cleanError };
  switch (s.processing?.status) {
    case 'pending':
      return { stage: 'queued' };
    case 'running':
      return { stage: 'processing' };
    case 'failed':
      return { stage: 'failed', error: s.processing.error ?? null };
    case 'done':
      return { stage: 'processed' };
    default:
      return { stage: 'captured' };
  }
}

const ACTIVE: Stage[] = ['queued', 'processing'];

export function InboxPage() {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const [more, setMore] = useState<SourceSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const list = useApi<InboxData>(
    async (signal) => {
      const page = await api.get<{ items: SourceSummary[]; nextCursor: string | null }>('/sources', { limit: 50 }, { signal });
      return { sources: page.items, nextCursor: page.nextCursor };
    },
    [],
    {
      pollMs: 2500,
      // Live while something is still being processed.
      shouldPoll: (d) => !d || d.sources.some((s) => ACTIVE.includes(stageOf(s).stage)),
    },
  );
  const data = list.data;
  const shown = data ? [...data.sources, ...more.filter((m) => !data.sources.some((s) => s.id === m.id))] : [];
  const next = more.length ? cursor : (data?.nextCursor ?? null);

  return (
    <div class="page inbox">
      <div class="page-head">
        <h1>{t('inbox.title')}</h1>
        <p class="muted">{t('inbox.subtitle')}</p>
      </div>
      {session.can('analyst') ? <CaptureForm onCaptured={() => void list.reload()} /> : <p class="notice notice-info">{t('inbox.viewerNote')}</p>}
      <section class="card" aria-labelledby="captures-title">
        <div class="card-head">
          <h2 id="captures-title">{t('inbox.listTitle')}</h2>
          <button type="button" class="btn btn-small" onClick={() => void list.reload()} data-testid="captures-refresh">
            {t('common.refresh')}
          </button>
        </div>
        <ErrorNotice error={list.error} />
        {list.loading && !data ? <Loading /> : null}
        {data && shown.length === 0 ? <p class="empty">{t('inbox.empty')}</p> : null}
        {shown.length ? (
          <table class="table captures" data-testid="captures">
            <thead>
              <tr>
                <th scope="col">{t('inbox.col.title')}</th>
                <th scope="col">{t('inbox.col.origin')}</th>
                <th scope="col">{t('inbox.col.captured')}</th>
                <th scope="col">{t('inbox.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => {
                const st = stageOf(s);
                return (
                  <tr key={s.id} data-testid="capture-row" data-source-id={s.id} data-stage={st.stage}>
                    <td class="cell-title">
                      <a href={href(`/sources/${seg(s.id)}`)} data-testid="capture-open">
                        {s.title || s.fileName || s.url || s.id}
                      </a>
                      {s.duplicateOf ? (
                        <span class="badge badge-muted" title={t('inbox.nearDuplicate')}>
                          {t('inbox.dupBadge')}
                        </span>
                      ) : null}
                      {s.language ? <span class="badge badge-lang">{s.language}</span> : null}
                    </td>
                    <td class="cell-origin">
                      <span class="ellipsis">{s.url ?? s.fileName ?? t('inbox.pasted')}</span>
                      <span class="muted small">
                        {s.mediaType} · {formatBytes(s.byteSize)}
                      </span>
                    </td>
                    <td class="nowrap">
                      {dateTime(s.capturedAt)}
                      <div class="muted small">{s.capturedBy}</div>
                    </td>
                    <td>
                      <span class={`stage stage-${st.stage}`} data-testid="capture-stage">
                        {ACTIVE.includes(st.stage) ? <span class="spinner spinner-small" aria-hidden="true" /> : null}
                        {t(`inbox.stage.${st.stage}` as MessageKey)}
                      </span>
                      {st.error ? <div class="small error-text">{st.error}</div> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        <ErrorNotice error={moreError} />
        {next ? (
          <button
            type="button"
            class="btn"
            onClick={async () => {
              setMoreError(null);
              try {
                const page = await api.get<{ items: SourceSummary[]; nextCursor: string | null }>('/sources', { limit: 50, before: next });
                setMore((m) => [...m, ...page.items]);
                setCursor(page.nextCursor);
              } catch (e) {
                setMoreError(e);
              }
            }}
            data-testid="captures-more"
          >
            {t('common.loadMore')}
          </button>
        ) : null}
      </section>
    </div>
  );
}
