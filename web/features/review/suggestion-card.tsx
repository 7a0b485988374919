import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/error-notice.js';
import { useStatus } from '../../components/status.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { EVENT_TYPE_IDS, formatInterval, PRECISIONS, statusLabel, typeColorIndex, typeLabel } from '../../lib/format.js';
import { decide, editSuggestion, forgetEvent } from '../../lib/records-api.js';
import type { EventDetail, SuggestionView } from '../../lib/types.js';
import { href, seg } from '../../router.js';
import { useSession } from '../../session.js';

export interface CardHandle {
  accept: () => void;
  reject: () => void;
  edit: () => void;
}

/**
 * One machine suggestion with its evidence and the reviewer's three answers: accept,
 * edit (then accept), reject. `selected` marks the card the keyboard acts on (j/k/a/r/e).
 * `event` is the proposed event in full when known (for spans and places).
 */
export function SuggestionCard(props: {
  s: SuggestionView;
  event: EventDetail | null | undefined;
  selected: boolean;
  onSelect: () => void;
  onDecided: (s: SuggestionView, decision: 'accepted' | 'rejected' | 'edited') => void;
  /** Spans of this suggestion in the source being read (Reader). */
  onShowSpan?: (start: number, end: number) => void;
  sourceId?: string;
  handle?: (h: CardHandle | null) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useStatus();
  const session = useSession();
  const { s, event } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const ref = useRef<HTMLElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  // The API lets analysts edit a suggestion, editors decide it.
  const canDecide = session.can('editor');
  const canEdit = session.can('analyst');
  const pending = s.status === 'pending';
  const ev = event ?? s.event ?? null;
  const types = ev?.types ?? [];

  useEffect(() => {
    if (props.selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [props.selected]);
  // Focus moves into the reason field (autoFocus does nothing after page load) as soon as it
  // is there (a layout effect: before the next key press): what is typed next is the reason,
  // not review shortcuts (an "a" in it would otherwise accept).
  useLayoutEffect(() => {
    if (rejecting) reasonRef.current?.focus();
  }, [rejecting]);

  const run = async (decision: 'accept' | 'reject', comment?: string) => {
    setBusy(true);
    setError(null);
    try {
      await decide(s.id, decision, comment);
      if (s.eventId) forgetEvent(s.eventId);
      setRejecting(false);
      announce(decision === 'accept' ? t('review.accepted') : t('review.rejected'));
      props.onDecided({ ...s, status: decision === 'accept' ? 'accepted' : 'rejected' }, decision === 'accept' ? 'accepted' : 'rejected');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // While the reject or edit form is open, the keys belong to it.
  const handle: CardHandle = {
    accept: () => canDecide && pending && !busy && !rejecting && !editing && void run('accept'),
    reject: () => {
      if (canDecide && pending) setRejecting(true);
    },
    edit: () => {
      if (canEdit && s.kind === 'event' && s.status !== 'rejected') setEditing(true);
    },
  };
  // A layout effect runs with the render that marks this card selected, before the browser
  // handles another key: a key pressed as soon as the selection shows acts on this card (an
  // effect ran after the paint, so a quick "a" could accept the card selected before).
  useLayoutEffect(() => {
    if (props.selected) props.handle?.(handle);
  });

  const claims = ev && 'claims' in ev ? (ev as EventDetail).claims : [];
  const spans = claims.filter((c) => c.sourceId && c.start !== null && c.end !== null && (!props.sourceId || c.sourceId === props.sourceId));
  const evidence = spans.find((c) => c.field === 'evidence') ?? spans[0];

  return (
    <article
      ref={ref}
      class={`suggestion${props.selected ? ' is-selected' : ''} is-${s.status}`}
      aria-current={props.selected ? 'true' : undefined}
      onClick={props.onSelect}
      onFocusCapture={props.onSelect}
      data-testid="suggestion-card"
      data-suggestion-id={s.id}
      data-kind={s.kind}
      data-types={types.join(' ')}
      data-status={s.status}
    >
      <header class="suggestion-head">
        <span class={`kind kind-${s.kind}`}>{t(`review.kind.${s.kind}` as MessageKey)}</span>
        {types.map((ty) => (
          <span key={ty} class={`badge type-badge c${typeColorIndex(ty)}`}>
            {typeLabel(i18n, ty)}
          </span>
        ))}
        <span class={`status status-${s.status}`}>{statusLabel(i18n, s.status)}</span>
        {typeof s.score === 'number' ? <span class="muted small score">{t('review.score', { score: s.score.toFixed(2) })}</span> : null}
      </header>
      <h3 class="suggestion-title">
        {s.kind === 'event' && s.eventId ? (
          <a href={href(`/events/${seg(s.eventId)}`)} data-testid="suggestion-event-link">
            {ev?.title ?? s.summary ?? s.eventId}
          </a>
        ) : (
          <span>{s.summary ?? describeEntitySuggestion(s)}</span>
        )}
      </h3>
      {ev ? (
        <dl class="facts">
          <div>
            <dt>{t('event.date')}</dt>
            <dd>{formatInterval(i18n, ev.dateFrom, ev.dateTo, ev.datePrecision)}</dd>
          </div>
          <div>
            <dt>{t('event.place')}</dt>
            <dd>{ev.place?.name ?? '—'}</dd>
          </div>
          {'acts' in ev && (ev as EventDetail).acts?.length ? (
            <div>
              <dt>{t('event.victims')}</dt>
              <dd>
                {(ev as EventDetail).acts
                  .map((a) => a.victim?.name ?? a.victimLabel ?? (a.count ? `${a.countApproximate ? '≈' : ''}${a.count}` : null))
                  .filter(Boolean)
                  .join(', ') || '—'}
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {evidence?.quote ? (
        <blockquote class="quote">
          {props.onShowSpan && evidence.start !== null && evidence.end !== null ? (
            <button type="button" class="link-btn" onClick={() => props.onShowSpan!(evidence.start!, evidence.end!)} data-testid="suggestion-show-span">
              “{evidence.quote}”
            </button>
          ) : evidence.sourceId ? (
            <a href={href(`/sources/${seg(evidence.sourceId)}`, { span: `${evidence.start}-${evidence.end}` })}>“{evidence.quote}”</a>
          ) : (
            `“${evidence.quote}”`
          )}
        </blockquote>
      ) : null}
      {s.reasons?.length ? <p class="muted small reasons">{s.reasons.join(' · ')}</p> : null}
      {s.decidedBy ? <p class="muted small">{t('review.decidedBy', { who: s.decidedBy, at: i18n.dateTime(s.decidedAt) })}</p> : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} testid="suggestion-error" />
      {canEdit && pending && !editing && !rejecting ? (
        <div class="actions suggestion-actions">
          {canDecide ? (
            <button type="button" class="btn btn-accept" disabled={busy} onClick={() => void run('accept')} data-testid="suggestion-accept" aria-keyshortcuts="a">
              {t('review.accept')} <kbd aria-hidden="true">a</kbd>
            </button>
          ) : null}
          {s.kind === 'event' ? (
            <button type="button" class="btn" disabled={busy} onClick={() => setEditing(true)} data-testid="suggestion-edit" aria-keyshortcuts="e">
              {t('review.edit')} <kbd aria-hidden="true">e</kbd>
            </button>
          ) : null}
          {canDecide ? (
            <button type="button" class="btn btn-reject" disabled={busy} onClick={() => setRejecting(true)} data-testid="suggestion-reject" aria-keyshortcuts="r">
              {t('review.reject')} <kbd aria-hidden="true">r</kbd>
            </button>
          ) : (
            <span class="muted small">{t('review.editorDecides')}</span>
          )}
        </div>
      ) : null}
      {rejecting ? (
        <form
          class="form inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run('reject', reason.trim() || undefined);
          }}
        >
          <label class="field">
            <span>{t('review.rejectReason')}</span>
            <input ref={reasonRef} value={reason} onInput={(e) => setReason(e.currentTarget.value)} data-testid="suggestion-reject-reason" />
          </label>
          <div class="actions">
            <button type="submit" class="btn btn-reject" disabled={busy} data-testid="suggestion-reject-confirm">
              {t('review.rejectConfirm')}
            </button>
            <button type="button" class="btn" onClick={() => setRejecting(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {editing && ev ? (
        <EditEventForm
          s={s}
          event={ev}
          sourceId={props.sourceId}
          canAccept={canDecide}
          evidence={evidence && evidence.start !== null && evidence.end !== null && evidence.sourceId ? { sourceId: evidence.sourceId, start: evidence.start, end: evidence.end } : undefined}
          onCancel={() => setEditing(false)}
          onSaved={(accepted) => {
            setEditing(false);
            if (s.eventId) forgetEvent(s.eventId);
            announce(accepted ? t('review.editedAccepted') : t('review.edited'));
            props.onDecided(accepted ? { ...s, status: 'accepted' } : s, accepted ? 'accepted' : 'edited');
          }}
        />
      ) : null}
    </article>
  );
}

function describeEntitySuggestion(s: SuggestionView): string {
  if (s.entity) return s.otherEntity ? `${s.entity.name} → ${s.otherEntity.name}` : s.entity.name;
  return s.entityId ?? s.id;
}

interface EditState {
  title: string;
  types: string[];
  dateFrom: string;
  dateTo: string;
  datePrecision: string;
  description: string;
  comment: string;
}

/** Edit what the suggestion proposes; each change becomes a claim by the reviewer. */
function EditEventForm(props: {
  s: SuggestionView;
  event: NonNullable<SuggestionView['event']>;
  evidence?: { sourceId: string; start: number; end: number };
  sourceId?: string;
  canAccept: boolean;
  onCancel: () => void;
  onSaved: (accepted: boolean) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const e = props.event;
  const initial: EditState = {
    title: e.title,
    types: e.types,
    dateFrom: e.dateFrom ?? '',
    dateTo: e.dateTo ?? '',
    datePrecision: e.datePrecision ?? '',
    description: e.description ?? '',
    comment: '',
  };
  const [form, setForm] = useState<EditState>(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  // Opened with "e": the keys typed next go into the form, not to the review shortcuts.
  useLayoutEffect(() => titleRef.current?.focus(), []);

  const save = async (thenAccept: boolean) => {
    const set: Record<string, unknown> = {};
    if (form.title.trim() !== initial.title) set.title = form.title.trim();
    if (form.types.join() !== initial.types.join()) set.types = form.types;
    if (form.dateFrom !== initial.dateFrom && form.dateFrom) set.dateFrom = form.dateFrom;
    if (form.dateTo !== initial.dateTo && form.dateTo) set.dateTo = form.dateTo;
    if (form.datePrecision !== initial.datePrecision && form.datePrecision) set.datePrecision = form.datePrecision;
    if (form.description !== initial.description) set.description = form.description;
    setBusy(true);
    setError(null);
    try {
      if (Object.keys(set).length) {
        await editSuggestion(props.s.id, { set, ...(props.evidence ? { evidence: props.evidence } : {}), ...(form.comment.trim() ? { comment: form.comment.trim() } : {}) });
      }
      if (thenAccept) await decide(props.s.id, 'accept', form.comment.trim() || undefined);
      props.onSaved(thenAccept);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="form inline-form edit-form"
      data-testid="suggestion-edit-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        void save(props.canAccept);
      }}
    >
      <ErrorNotice error={error} testid="suggestion-edit-error" />
      <label class="field">
        <span>{t('event.title')}</span>
        <input ref={titleRef} value={form.title} onInput={(ev) => setForm({ ...form, title: ev.currentTarget.value })} required maxLength={500} data-testid="edit-title" />
      </label>
      <fieldset class="field">
        <legend>{t('event.types')}</legend>
        <div class="chips">
          {EVENT_TYPE_IDS.map((ty) => (
            <label key={ty} class={`chip${form.types.includes(ty) ? ' is-on' : ''}`}>
              <input
                type="checkbox"
                checked={form.types.includes(ty)}
                onChange={(ev) =>
                  setForm({ ...form, types: ev.currentTarget.checked ? [...form.types, ty] : form.types.filter((x) => x !== ty) })
                }
                data-testid={`edit-type-${ty}`}
              />
              {typeLabel(i18n, ty)}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="row">
        <label class="field">
          <span>{t('event.dateFrom')}</span>
          <input type="date" value={form.dateFrom} onInput={(ev) => setForm({ ...form, dateFrom: ev.currentTarget.value })} data-testid="edit-date-from" />
        </label>
        <label class="field">
          <span>{t('event.dateTo')}</span>
          <input type="date" value={form.dateTo} onInput={(ev) => setForm({ ...form, dateTo: ev.currentTarget.value })} data-testid="edit-date-to" />
        </label>
        <label class="field">
          <span>{t('event.precision')}</span>
          <select value={form.datePrecision} onChange={(ev) => setForm({ ...form, datePrecision: ev.currentTarget.value })} data-testid="edit-precision">
            <option value="">—</option>
            {PRECISIONS.map((p) => (
              <option key={p} value={p}>
                {t(`precision.${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label class="field">
        <span>{t('event.description')}</span>
        <textarea rows={3} value={form.description} onInput={(ev) => setForm({ ...form, description: ev.currentTarget.value })} data-testid="edit-description" />
      </label>
      <label class="field">
        <span>{t('review.comment')}</span>
        <input value={form.comment} onInput={(ev) => setForm({ ...form, comment: ev.currentTarget.value })} data-testid="edit-comment" />
      </label>
      <div class="actions">
        {props.canAccept ? (
          <button type="submit" class="btn btn-accept" disabled={busy || form.types.length === 0} data-testid="edit-save-accept">
            {t('review.saveAccept')}
          </button>
        ) : null}
        <button type={props.canAccept ? 'button' : 'submit'} class="btn" disabled={busy || form.types.length === 0} onClick={props.canAccept ? () => void save(false) : undefined} data-testid="edit-save">
          {t('review.saveOnly')}
        </button>
        <button type="button" class="btn btn-ghost" onClick={props.onCancel} data-testid="edit-cancel">
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
