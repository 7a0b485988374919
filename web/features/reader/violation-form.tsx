import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api-client.js';
import { EntityTypeahead, type PartyValue } from '../../components/entity-typeahead.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { useStatus } from '../../components/status.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { EVENT_TYPE_IDS, PRECISIONS, typeLabel } from '../../lib/format.js';
import type { Extraction, ViolationOutcome } from '../../lib/types.js';
import { href, seg } from '../../router.js';
import type { TextSelection } from './article-text.js';

interface Form {
  type: string;
  title: string;
  victim: PartyValue;
  victimIsNew: boolean;
  perpetrator: PartyValue;
  perpetratorIsNew: boolean;
  place: PartyValue;
  dateFrom: string;
  dateTo: string;
  datePrecision: string;
  comment: string;
}

/** What the extractor found inside the passage, to start the form from. */
export function prefill(sel: TextSelection, extraction: Extraction | null): Form {
  const inside = <T extends { start: number; end: number }>(xs: T[] | undefined) => (xs ?? []).filter((x) => x.start >= sel.start && x.end <= sel.end);
  const event = (extraction?.events ?? []).find((e) => e.evidence.start < sel.end && e.evidence.end > sel.start);
  const date = event?.date ?? inside(extraction?.dates)[0] ?? null;
  const place = event?.place ?? inside(extraction?.places)[0] ?? null;
  const victim = event?.participants.find((p) => p.role === 'victim' && /\p{Lu}/u.test(p.text)) ?? inside(extraction?.entities).find((e) => e.type === 'PERSON');
  const perp = event?.participants.find((p) => p.role === 'perpetrator') ?? inside(extraction?.entities).find((e) => e.type === 'ORGANIZATION');
  return {
    type: event?.type && (EVENT_TYPE_IDS as readonly string[]).includes(event.type) ? event.type : 'detention',
    title: '',
    victim: { name: victim ? ('canonical' in victim ? victim.canonical : victim.text) : '' },
    victimIsNew: false,
    perpetrator: { name: perp ? ('canonical' in perp ? perp.canonical : perp.text) : '' },
    perpetratorIsNew: false,
    place: { name: place?.name ?? '' },
    dateFrom: date?.from ?? '',
    dateTo: date?.to ?? '',
    datePrecision: date?.precision ?? '',
    comment: '',
  };
}

function party(v: PartyValue, isNew: boolean): Record<string, unknown> | undefined {
  if (v.entityId) return { entityId: v.entityId };
  const name = v.name.trim();
  if (!name) return undefined;
  return isNew ? { name, createNew: true } : { name };
}

/**
 * Code a whole violation from a passage: type, victim, perpetrator, place, date. People are
 * reused when known: when a name may be someone already recorded, the server refuses with the
 * candidates, and the form asks the reviewer to pick one or to confirm a new person.
 */
export function ViolationForm(props: { sourceId: string; selection: TextSelection; extraction: Extraction | null; onDone: (o: ViolationOutcome) => void; onCancel: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useStatus();
  const [form, setFormState] = useState<Form>(() => prefill(props.selection, props.extraction));
  const [error, setError] = useState<unknown>(null);
  const [ambiguous, setAmbiguous] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setFormState((f) => ({ ...f, ...patch }));

  const submit = async () => {
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = {
      type: form.type,
      victim: party(form.victim, form.victimIsNew),
      evidence: { sourceId: props.sourceId, start: props.selection.start, end: props.selection.end },
    };
    if (form.title.trim()) body.title = form.title.trim();
    const perpetrator = party(form.perpetrator, form.perpetratorIsNew);
    if (perpetrator) body.perpetrator = perpetrator;
    if (form.place.name.trim()) body.place = form.place.name.trim();
    if (form.dateFrom) body.dateFrom = form.dateFrom;
    if (form.dateTo) body.dateTo = form.dateTo;
    if (form.datePrecision) body.datePrecision = form.datePrecision;
    if (form.comment.trim()) body.comment = form.comment.trim();
    try {
      const out = await api.post<ViolationOutcome>('/violations', body);
      announce(t('violation.saved', { title: out.event.title }));
      props.onDone(out);
    } catch (e) {
      setError(e);
      setAmbiguous(e instanceof ApiError && e.code === 'CONFLICT');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="form violation-form"
      data-testid="violation-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <blockquote class="quote quote-evidence" data-testid="violation-quote">
        “{props.selection.quote.length > 400 ? `${props.selection.quote.slice(0, 400)}…` : props.selection.quote}”
        <span class="muted small">
          {' '}
          ({props.selection.start}–{props.selection.end})
        </span>
      </blockquote>
      <ErrorNotice error={error} testid="violation-error" />
      {ambiguous ? <p class="notice notice-warn">{t('violation.ambiguous')}</p> : null}
      <div class="row">
        <label class="field">
          <span>{t('violation.type')}</span>
          <select value={form.type} onChange={(e) => set({ type: e.currentTarget.value })} required data-testid="violation-type">
            {EVENT_TYPE_IDS.map((ty) => (
              <option key={ty} value={ty}>
                {typeLabel(i18n, ty)}
              </option>
            ))}
          </select>
        </label>
        <label class="field grow">
          <span>{t('violation.title')}</span>
          <input value={form.title} onInput={(e) => set({ title: e.currentTarget.value })} placeholder={t('violation.titleAuto')} maxLength={500} data-testid="violation-title" />
        </label>
      </div>
      <div class="row">
        <div class="grow">
          <EntityTypeahead label={t('violation.victim')} value={form.victim} onChange={(v) => set({ victim: v })} types={['PERSON']} required testid="violation-victim" />
          {!form.victim.entityId ? (
            <label class="check">
              <input type="checkbox" checked={form.victimIsNew} onChange={(e) => set({ victimIsNew: e.currentTarget.checked })} data-testid="violation-victim-new" />
              {t('violation.newPerson')}
            </label>
          ) : null}
        </div>
        <div class="grow">
          <EntityTypeahead
            label={t('violation.perpetrator')}
            value={form.perpetrator}
            onChange={(v) => set({ perpetrator: v })}
            types={['ORGANIZATION', 'PERSON']}
            testid="violation-perpetrator"
          />
          {!form.perpetrator.entityId && form.perpetrator.name.trim() ? (
            <label class="check">
              <input type="checkbox" checked={form.perpetratorIsNew} onChange={(e) => set({ perpetratorIsNew: e.currentTarget.checked })} data-testid="violation-perpetrator-new" />
              {t('violation.newEntity')}
            </label>
          ) : null}
        </div>
      </div>
      <div class="row">
        <div class="grow">
          <EntityTypeahead label={t('violation.place')} value={form.place} onChange={(v) => set({ place: v })} types={['LOCATION']} testid="violation-place" />
        </div>
        <label class="field">
          <span>{t('event.dateFrom')}</span>
          <input type="date" value={form.dateFrom} onInput={(e) => set({ dateFrom: e.currentTarget.value })} data-testid="violation-date-from" />
        </label>
        <label class="field">
          <span>{t('event.dateTo')}</span>
          <input type="date" value={form.dateTo} onInput={(e) => set({ dateTo: e.currentTarget.value })} data-testid="violation-date-to" />
        </label>
        <label class="field">
          <span>{t('event.precision')}</span>
          <select value={form.datePrecision} onChange={(e) => set({ datePrecision: e.currentTarget.value })} data-testid="violation-precision">
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
        <span>{t('review.comment')}</span>
        <input value={form.comment} onInput={(e) => set({ comment: e.currentTarget.value })} maxLength={5000} data-testid="violation-comment" />
      </label>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy || !form.victim.name.trim()} data-testid="violation-submit">
          {busy ? t('common.working') : t('violation.submit')}
        </button>
        <button type="button" class="btn" onClick={props.onCancel} data-testid="violation-cancel">
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function ViolationDone({ outcome, onClose }: { outcome: ViolationOutcome; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-ok" data-testid="violation-done">
      <p>
        {t('violation.created')}{' '}
        <a href={href(`/events/${seg(outcome.event.id)}`)} data-testid="violation-event-link">
          {outcome.event.title}
        </a>
      </p>
      <ul class="small">
        <li>
          {t('violation.victim')}: {outcome.victim.name} {outcome.victim.reused ? `(${t('violation.reused')})` : `(${t('violation.new')})`}
        </li>
        {outcome.perpetrator ? (
          <li>
            {t('violation.perpetrator')}: {outcome.perpetrator.name} {outcome.perpetrator.reused ? `(${t('violation.reused')})` : `(${t('violation.new')})`}
          </li>
        ) : null}
        {outcome.place ? (
          <li>
            {t('violation.place')}: {outcome.place.name}
          </li>
        ) : null}
      </ul>
      <button type="button" class="btn" onClick={onClose} data-testid="violation-done-close">
        {t('common.close')}
      </button>
    </div>
  );
}
