import { useState } from 'preact/hooks';
import { api } from '../../api-client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useStatus } from '../../components/status.js';
import { useI18n, type I18n, type MessageKey } from '../../i18n/index.js';
import { formatInterval, formatValue, statusLabel, typeColorIndex, typeLabel } from '../../lib/format.js';
import { eventHistory, forgetEvent, getEvent } from '../../lib/records-api.js';
import type { Claim, EventDetail, RecordVersion } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { href, seg } from '../../router.js';
import { useSession } from '../../session.js';

const RELIABILITY: Record<string, MessageKey> = {
  '01000000000042': 'reliability.high',
  '02000000000042': 'reliability.likely',
  '03000000000042': 'reliability.unsure',
  '04000000000042': 'reliability.unlikely',
  '05000000000042': 'reliability.low',
  '99000000000042': 'reliability.unknown',
};

function fieldLabel(i18n: I18n, field: string): string {
  const key = `field.${field}`;
  return i18n.has(key) ? i18n.t(key as MessageKey) : field;
}

/** Link to the Reader at the claim's passage. */
function PassageLink({ c, children }: { c: Claim; children: preact.ComponentChildren }) {
  if (!c.sourceId) return <>{children}</>;
  const span = c.start !== null && c.end !== null ? `${c.start}-${c.end}` : undefined;
  return (
    <a href={href(`/sources/${seg(c.sourceId)}`, { span })} data-testid="claim-passage">
      {children}
    </a>
  );
}

/** One event: what is known, every claim with its passage, where sources disagree, and its history. */
export function EventPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const { announce } = useStatus();
  const ev = useApi(() => getEvent(id, true), [id]);
  const history = useApi(() => eventHistory(id), [id]);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);

  if (ev.error) return <ErrorNotice error={ev.error} />;
  if (!ev.data) return <Loading />;
  const e: EventDetail = ev.data;
  const sourceTitle = (sid: string | null) => e.sources.find((s) => s.id === sid)?.title ?? sid ?? '—';

  return (
    <div class="page event" data-testid="event-page" data-event-id={e.id} data-status={e.status}>
      <nav class="crumbs" aria-label={t('nav.breadcrumbs')}>
        <a href={href('/events')}>{t('nav.events')}</a> / <span>{t('event.crumb')}</span>
      </nav>
      <header class="page-head event-head">
        <div>
          <h1 data-testid="event-title">{e.title}</h1>
          <div class="badges">
            <span class={`status status-${e.status}`} data-testid="event-status">
              {statusLabel(i18n, e.status)}
            </span>
            {e.types.map((ty) => (
              <a key={ty} href={href('/events', { type: ty })} class={`badge type-badge c${typeColorIndex(ty)}`}>
                {typeLabel(i18n, ty)}
              </a>
            ))}
            <span class="badge badge-muted">{t(`confidentiality.${e.confidentiality}` as MessageKey)}</span>
          </div>
        </div>
        {session.can('editor') && e.status !== 'withdrawn' ? (
          <div class="actions">
            <button type="button" class="btn btn-reject" onClick={() => setWithdrawing(true)} data-testid="event-withdraw">
              {t('event.withdraw')}
            </button>
          </div>
        ) : null}
      </header>
      {withdrawing ? (
        <form
          class="card form inline-form"
          onSubmit={async (ev2) => {
            ev2.preventDefault();
            setError(null);
            try {
              await api.post(`/events/${seg(e.id)}/withdraw`, { reason });
              forgetEvent(e.id);
              announce(t('event.withdrawn'));
              setWithdrawing(false);
              setReason('');
              void ev.reload();
              void history.reload();
            } catch (err) {
              setError(err);
            }
          }}
        >
          <ErrorNotice error={error} />
          <label class="field">
            <span>{t('event.withdrawReason')}</span>
            <input value={reason} onInput={(x) => setReason(x.currentTarget.value)} required autoFocus data-testid="event-withdraw-reason" />
          </label>
          <div class="actions">
            <button type="submit" class="btn btn-reject" data-testid="event-withdraw-confirm">
              {t('event.withdraw')}
            </button>
            <button type="button" class="btn" onClick={() => setWithdrawing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {e.withdrawnReason ? <div class="notice notice-warn">{t('event.withdrawnBecause', { reason: e.withdrawnReason })}</div> : null}

      <div class="event-grid">
        <section class="card">
          <h2>{t('event.facts')}</h2>
          <dl class="kv">
            <dt>{t('event.date')}</dt>
            <dd data-testid="event-date">
              {formatInterval(i18n, e.dateFrom, e.dateTo, e.datePrecision)}
              {e.datePrecision ? <span class="muted small"> ({t(`precision.${e.datePrecision}` as MessageKey)})</span> : null}
            </dd>
            <dt>{t('event.place')}</dt>
            <dd data-testid="event-place">
              {e.place ? <a href={href(`/entities/${seg(e.place.id)}`)}>{e.place.name}</a> : '—'}
              {e.placePrecision ? <span class="muted small"> ({e.placePrecision})</span> : null}
            </dd>
            <dt>{t('event.sources')}</dt>
            <dd>{i18n.tn('event.sourceCount', e.sourceCount, { independent: e.independentSources })}</dd>
            <dt>{t('event.updated')}</dt>
            <dd>
              {i18n.dateTime(e.updatedAt)} · v{e.version}
            </dd>
          </dl>
          {e.description ? <p class="description">{e.description}</p> : null}
        </section>

        <section class="card">
          <h2>{t('event.acts')}</h2>
          {e.acts.length === 0 ? <p class="muted">—</p> : null}
          <ul class="acts">
            {e.acts.map((a) => (
              <li key={a.id} class="act">
                <span class={`badge type-badge c${typeColorIndex(a.actType)}`}>{typeLabel(i18n, a.actType)}</span>{' '}
                <strong>
                  {a.victim ? <a href={href(`/entities/${seg(a.victim.id)}`)}>{a.victim.name}</a> : (a.victimLabel ?? t('event.unknownVictim'))}
                </strong>
                {a.count !== null ? <span class="muted"> · {t('event.count', { count: `${a.countApproximate ? '≈' : ''}${a.count}` })}</span> : null}
                {a.negated ? <span class="badge badge-warn">{t('reader.negated')}</span> : null}
                {a.hedged ? <span class="badge badge-warn">{t('reader.hedged')}</span> : null}
                {a.involvements.length ? (
                  <div class="small">
                    {t('event.by')}{' '}
                    {a.involvements.map((inv, i) => (
                      <span key={inv.id}>
                        {i > 0 ? ', ' : ''}
                        {inv.perpetrator ? <a href={href(`/entities/${seg(inv.perpetrator.id)}`)}>{inv.perpetrator.name}</a> : (inv.perpetratorLabel ?? '?')}
                      </span>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section class="card">
        <h2>{t('event.sourcesTitle')}</h2>
        <ul class="sources-list">
          {e.sources.map((s) => (
            <li key={s.id}>
              <span class="badge badge-muted" title={t('event.groupTitle')}>
                {t('event.group', { n: s.group })}
              </span>{' '}
              <a href={href(`/sources/${seg(s.id)}`)} data-testid="event-source">
                {s.title ?? s.id}
              </a>
              {s.url ? <span class="muted small ellipsis"> {s.url}</span> : null}
              {s.duplicateOf ? <span class="badge badge-muted">{t('inbox.dupBadge')}</span> : null}
            </li>
          ))}
        </ul>
      </section>

      {e.conflicts.length ? (
        <section class="card conflicts" data-testid="event-conflicts">
          <h2>{t('event.conflicts')}</h2>
          {e.conflicts.map((c) => (
            <div key={`${c.recordId}-${c.field}`} class="conflict">
              <h3>{fieldLabel(i18n, c.field)}</h3>
              <div class="conflict-cols">
                {c.values.map((v, i) => (
                  <div key={i} class="conflict-col">
                    <div class="conflict-value">{formatValue(i18n, c.field, v.value)}</div>
                    <ul class="small">
                      {v.claims.map((cid) => {
                        const claim = e.claims.find((x) => x.id === cid);
                        return claim ? (
                          <li key={cid}>
                            <PassageLink c={claim}>{claim.quote ? `“${claim.quote}”` : sourceTitle(claim.sourceId)}</PassageLink>
                            <div class="muted">{sourceTitle(claim.sourceId)}</div>
                          </li>
                        ) : null;
                      })}
                    </ul>
                  </div>
                ))}
              </div>
            </div>
          ))}
        </section>
      ) : null}

      <section class="card">
        <h2>{t('event.claims')}</h2>
        <table class="table claims" data-testid="event-claims">
          <thead>
            <tr>
              <th scope="col">{t('claim.field')}</th>
              <th scope="col">{t('claim.value')}</th>
              <th scope="col">{t('claim.passage')}</th>
              <th scope="col">{t('claim.coder')}</th>
              <th scope="col">{t('claim.reliability')}</th>
            </tr>
          </thead>
          <tbody>
            {e.claims.map((c) => (
              <tr key={c.id} data-testid="claim-row">
                <td>{fieldLabel(i18n, c.field)}</td>
                <td>{formatValue(i18n, c.field, c.value)}</td>
                <td class="cell-quote">
                  <PassageLink c={c}>{c.quote ? `“${c.quote.length > 240 ? `${c.quote.slice(0, 240)}…` : c.quote}”` : sourceTitle(c.sourceId)}</PassageLink>
                </td>
                <td class="small">
                  {c.coder.kind === 'extractor' ? '⚙ ' : ''}
                  {c.coder.name}
                  {c.coder.version ? ` ${c.coder.version}` : ''}
                </td>
                <td class="small">{t(RELIABILITY[c.reliability] ?? 'reliability.unknown')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="card">
        <h2>{t('event.history')}</h2>
        <ErrorNotice error={history.error} />
        <History versions={history.data ?? []} />
      </section>
    </div>
  );
}

export function History({ versions }: { versions: RecordVersion[] }) {
  const i18n = useI18n();
  if (!versions.length) return <p class="muted">—</p>;
  return (
    <ol class="history" data-testid="history">
      {[...versions].reverse().map((v, i) => (
        <li key={`${v.recordId}-${v.version}-${i}`}>
          <div class="history-head">
            <strong>{v.actor}</strong> <span class="muted small">{i18n.dateTime(v.at)}</span>{' '}
            <span class="badge badge-muted">
              {i18n.t(`recordKind.${v.recordKind}` as MessageKey)} v{v.version}
            </span>
          </div>
          <ul class="small">
            {v.changes.map((c, j) => (
              <li key={j}>
                {fieldLabel(i18n, c.field)}:{' '}
                {c.from !== null && c.from !== undefined ? (
                  <>
                    <del>{formatValue(i18n, c.field, c.from)}</del> →{' '}
                  </>
                ) : null}
                <ins>{formatValue(i18n, c.field, c.to)}</ins>
              </li>
            ))}
          </ul>
          {v.comment ? <p class="small muted">“{v.comment}”</p> : null}
        </li>
      ))}
    </ol>
  );
}
