import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../../api-client.js';
import { Dialog } from '../../components/dialog.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useI18n, type I18n, type MessageKey } from '../../i18n/index.js';
import { formatInterval, typeLabel } from '../../lib/format.js';
import { suggestionsForSource } from '../../lib/records-api.js';
import type { Extraction, SourceDetail, SourceExtraction, SuggestionView, ViolationOutcome } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { href, navigate, seg } from '../../router.js';
import { useSession } from '../../session.js';
import { useReviewKeys } from '../review/review-keys.js';
import { SuggestionCard } from '../review/suggestion-card.js';
import { useSuggestionEvents } from '../review/use-suggestion-events.js';
import { ArticleText, type Annotation, type AnnotationKind, type TextSelection } from './article-text.js';
import { ProvenancePanel } from './provenance-panel.js';
import { ViolationDone, ViolationForm } from './violation-form.js';

type Tab = 'suggestions' | 'found' | 'provenance';
const TOGGLABLE: AnnotationKind[] = ['person', 'org', 'place', 'date', 'event'];

async function loadExtraction(id: string, signal: AbortSignal): Promise<SourceExtraction | null> {
  try {
    return await api.get<SourceExtraction>(`/sources/${seg(id)}/extraction`, undefined, { signal });
  } catch (e) {
    // Not extracted yet: the article is still readable.
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

function parseSpan(v: string | null): { start: number; end: number } | null {
  const m = v ? /^(\d+)-(\d+)$/.exec(v) : null;
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return end > start ? { start, end } : null;
}

/**
 * The Reader: one source's cleaned article with what the extractor found highlighted, its
 * event suggestions to review in place, coding a violation from a selected passage, and
 * the capture's provenance. `?span=start-end` opens it scrolled to a highlighted passage.
 */
export function ReaderPage({ id, query }: { id: string; query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const target = parseSpan(query.get('span'));
  const [tab, setTab] = useState<Tab>(query.get('tab') === 'provenance' ? 'provenance' : 'suggestions');
  const [hidden, setHidden] = useState<Set<AnnotationKind>>(new Set());
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const [coding, setCoding] = useState<TextSelection | null>(null);
  const [outcome, setOutcome] = useState<ViolationOutcome | null>(null);
  const [focus, setFocus] = useState<{ start: number; end: number; key: string } | null>(null);
  const [index, setIndex] = useState(0);
  const [version, setVersion] = useState(0);
  const [viewing, setViewing] = useState(false);

  const busyJob = (d: SourceDetail | undefined) => d?.processing?.status === 'pending' || d?.processing?.status === 'running';
  const detail = useApi((signal) => api.get<SourceDetail>(`/sources/${seg(id)}`, undefined, { signal }), [id], { pollMs: 2500, shouldPoll: busyJob });
  // Extraction is there once the source's job is done: asked for then (and when the source has
  // no job), not while it is queued or running — the answer could only be "not yet".
  const jobStatus = detail.data ? (detail.data.processing?.status ?? 'none') : null;
  const waiting = jobStatus === null || jobStatus === 'pending' || jobStatus === 'running';
  const extraction = useApi((signal) => (waiting ? Promise.resolve(null) : loadExtraction(id, signal)), [id, waiting]);
  const suggestions = useApi((signal) => suggestionsForSource(id, signal), [id], {
    pollMs: 4000,
    shouldPoll: (d) => extraction.data === null || !d,
  });
  // Extraction and its suggestions are saved together: once it is there, so are they.
  const extracted = extraction.data != null;
  useEffect(() => {
    if (extracted) void suggestions.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [extracted]);
  // Suggestions decided here stay on screen (the list from the API holds pending ones only).
  const [decided, setDecided] = useState<Map<string, SuggestionView>>(new Map());
  const items = useMemo(() => {
    const fresh = (suggestions.data ?? []).filter((s) => !decided.has(s.id));
    return sortSuggestions([...fresh, ...decided.values()]);
  }, [suggestions.data, decided]);
  const events = useSuggestionEvents(items, version);

  const article = detail.data?.article?.value ?? null;
  const ext = extraction.data?.extraction ?? null;
  // Offsets index the extraction's text; it is the article text unless re-derived since.
  const text = ext?.text ?? article?.text ?? '';
  const paragraphs = useMemo(() => (article && (!ext || ext.text === article.text) ? article.paragraphs : []), [article, ext]);

  const showSpan = useCallback((start: number, end: number) => setFocus({ start, end, key: `${start}-${end}-${Date.now()}` }), []);

  const selected = items[index];
  const selectedEvent = selected?.eventId ? events.get(selected.eventId) : null;
  const annotations = useMemo(() => {
    const out = buildAnnotations(i18n, ext, hidden);
    if (selectedEvent) {
      for (const c of selectedEvent.claims) {
        if (c.sourceId === id && c.start !== null && c.end !== null && c.field === 'evidence') out.push({ start: c.start, end: c.end, kind: 'evidence', label: t('reader.evidenceOf', { title: selectedEvent.title }) });
      }
    }
    if (target) out.push({ ...target, kind: 'target', label: t('reader.linkedPassage') });
    if (focus) out.push({ start: focus.start, end: focus.end, kind: 'focus' });
    return out;
  }, [i18n, ext, hidden, selectedEvent, id, target?.start, target?.end, focus]);

  const setHandle = useReviewKeys({
    count: items.length,
    index,
    setIndex: (i) => {
      setIndex(i);
      setTab('suggestions');
      const s = items[i];
      const ev = s?.eventId ? events.get(s.eventId) : null;
      const c = ev?.claims.find((x) => x.sourceId === id && x.field === 'evidence' && x.start !== null);
      if (c) showSpan(c.start!, c.end!);
    },
    open: (i) => {
      const s = items[i];
      if (s?.eventId) navigate(`/events/${seg(s.eventId)}`);
    },
    enabled: !coding,
  });

  const onSelect = useCallback((sel: TextSelection | null) => setSelection(sel), []);

  if (detail.error) return <ErrorNotice error={detail.error} />;
  if (!detail.data) return <Loading />;
  const d = detail.data;
  const pendingCount = items.filter((s) => s.status === 'pending').length;

  return (
    <div class="page reader">
      <div class="reader-main">
        <nav class="crumbs" aria-label={t('nav.breadcrumbs')}>
          <a href={href('/inbox')}>{t('nav.inbox')}</a> / <span>{t('reader.crumb')}</span>
        </nav>
        <header class="article-head">
          <h1 data-testid="article-title">{article?.title || d.source.provenance.fileName || t('reader.untitled')}</h1>
          {article?.subtitle ? <p class="subtitle">{article.subtitle}</p> : null}
          <p class="byline">
            {article?.byline ? <span data-testid="article-byline">{article.byline}</span> : null}
            {article?.publishedAt ? (
              <span class="pubdate" data-testid="article-date">
                {article.publishedAt.value
                  ? i18n.date(article.publishedAt.value)
                  : `${t('reader.estimated')} ${formatInterval(i18n, article.publishedAt.from, article.publishedAt.to, 'approximate')}`}
              </span>
            ) : null}
            {article?.language ? <span class="badge badge-lang">{article.language}</span> : null}
            {d.source.provenance.finalUrl || d.source.provenance.requestedUrl ? (
              <span class="muted ellipsis source-url">{d.source.provenance.finalUrl ?? d.source.provenance.requestedUrl}</span>
            ) : null}
          </p>
        </header>
        {d.article?.error ? <div class="notice notice-warn">{t('reader.cleanError', { reason: d.article.error })}</div> : null}
        {article?.truncated ? <div class="notice notice-info">{t('reader.truncated')}</div> : null}
        {ext?.warnings.length ? <div class="notice notice-info small">{ext.warnings.join(' · ')}</div> : null}

        <div class="reader-toolbar" role="toolbar" aria-label={t('reader.highlights')}>
          <span class="muted small">{t('reader.highlights')}:</span>
          {TOGGLABLE.map((k) => (
            <label key={k} class={`legend-chip hl-${k}${hidden.has(k) ? ' is-off' : ''}`}>
              <input
                type="checkbox"
                checked={!hidden.has(k)}
                onChange={() =>
                  setHidden((h) => {
                    const n = new Set(h);
                    if (n.has(k)) n.delete(k);
                    else n.add(k);
                    return n;
                  })
                }
                data-testid={`toggle-${k}`}
              />
              {t(`reader.kind.${k}` as MessageKey)}
            </label>
          ))}
          {extraction.data === null && (jobStatus === 'pending' || jobStatus === 'running') ? (
            <span class="stage stage-processing small" data-testid="extraction-pending">
              <span class="spinner spinner-small" aria-hidden="true" /> {t('reader.extracting')}
            </span>
          ) : null}
          {jobStatus === 'failed' ? (
            <span class="stage stage-failed small" data-testid="extraction-failed" title={d.processing?.error ?? undefined}>
              {t('inbox.stage.failed')}
            </span>
          ) : null}
        </div>

        {session.can('analyst') ? (
          <div class={`selection-bar${selection ? ' has-selection' : ''}`} aria-live="polite">
            {selection ? (
              <>
                <span class="small">{t('reader.selected', { count: selection.end - selection.start })}</span>
                <button
                  type="button"
                  class="btn btn-primary btn-small"
                  onClick={() => {
                    setOutcome(null);
                    setCoding(selection);
                  }}
                  data-testid="code-violation"
                >
                  {t('reader.codeViolation')}
                </button>
              </>
            ) : (
              <span class="muted small">{t('reader.selectHint')}</span>
            )}
          </div>
        ) : null}

        {text ? (
          <ArticleText text={text} paragraphs={paragraphs} annotations={annotations} onSelect={onSelect} scrollTo={focus ? { kind: 'focus', key: focus.key } : target ? { kind: 'target', key: `${target.start}` } : null} />
        ) : (
          <p class="empty">{t('reader.noText')}</p>
        )}
        {article?.credits.length ? (
          <aside class="credits small muted">
            {article.credits.map((c, i) => (
              <p key={i}>
                {c.caption} {c.credit ? <em>— {c.credit}</em> : null}
              </p>
            ))}
          </aside>
        ) : null}
      </div>

      <aside class="reader-side" aria-label={t('reader.side')}>
        <div class="tabs" role="tablist">
          {(['suggestions', 'found', 'provenance'] as Tab[]).map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} class={`tab${tab === k ? ' is-active' : ''}`} onClick={() => setTab(k)} data-testid={`reader-tab-${k}`}>
              {t(`reader.tab.${k}` as MessageKey)}
              {k === 'suggestions' && pendingCount ? <span class="count">{pendingCount}</span> : null}
            </button>
          ))}
        </div>
        <div class="side-body" role="tabpanel">
          {tab === 'suggestions' ? (
            <div data-testid="reader-suggestions">
              <ErrorNotice error={suggestions.error} />
              {suggestions.loading && !suggestions.data ? <Loading /> : null}
              {suggestions.data && items.length === 0 ? <p class="empty small">{jobStatus === 'pending' || jobStatus === 'running' ? t('reader.waitingSuggestions') : t('reader.noSuggestions')}</p> : null}
              {items.length ? <p class="muted small kbd-hint">{t('review.keysHint')}</p> : null}
              {items.map((s, i) => (
                <SuggestionCard
                  key={s.id}
                  s={s}
                  event={s.eventId ? events.get(s.eventId) : undefined}
                  selected={i === index}
                  onSelect={() => setIndex(i)}
                  onDecided={(upd, how) => {
                    if (how === 'edited') suggestions.setData((old) => (old ?? []).map((x) => (x.id === upd.id ? { ...x, ...upd } : x)));
                    else setDecided((m) => new Map(m).set(upd.id, { ...s, ...upd }));
                    setVersion((v) => v + 1);
                  }}
                  onShowSpan={showSpan}
                  sourceId={id}
                  handle={i === index ? setHandle : undefined}
                />
              ))}
            </div>
          ) : null}
          {tab === 'found' ? <FoundPanel ext={ext} onShow={showSpan} /> : null}
          {tab === 'provenance' ? <ProvenancePanel detail={d} extraction={extraction.data ?? null} onViewOriginal={() => setViewing(true)} /> : null}
        </div>
      </aside>

      <Dialog open={viewing} title={t('reader.originalTitle')} onClose={() => setViewing(false)} testid="original-dialog" wide>
        {viewing ? (
          <>
            <p class="muted small">{t('provenance.safeNote')}</p>
            {/* No allow-* tokens: no script, no same-origin, no forms, no popups, no top navigation. */}
            <iframe class="original-frame" sandbox="" src={`/api/v1/sources/${seg(id)}/view`} title={t('reader.originalTitle')} referrerpolicy="no-referrer" data-testid="original-frame" />
          </>
        ) : null}
      </Dialog>
      <Dialog open={!!coding} title={t('violation.dialogTitle')} onClose={() => setCoding(null)} testid="violation-dialog" wide>
        {coding && outcome ? (
          <ViolationDone
            outcome={outcome}
            onClose={() => {
              setCoding(null);
              setOutcome(null);
            }}
          />
        ) : coding ? (
          <ViolationForm sourceId={id} selection={coding} extraction={ext} onDone={setOutcome} onCancel={() => setCoding(null)} />
        ) : null}
      </Dialog>
    </div>
  );
}

function sortSuggestions(list: SuggestionView[]): SuggestionView[] {
  const rank = (s: SuggestionView) => (s.status === 'pending' ? 0 : 1) + (s.kind === 'event' ? 0 : 2);
  return [...list].sort((a, b) => rank(a) - rank(b));
}

function buildAnnotations(i18n: I18n, ext: Extraction | null, hidden: Set<AnnotationKind>): Annotation[] {
  if (!ext) return [];
  const { t } = i18n;
  const out: Annotation[] = [];
  const kindOf = (type: string): AnnotationKind => (type === 'PERSON' ? 'person' : type === 'ORGANIZATION' ? 'org' : 'place');
  for (const e of ext.entities) {
    const kind = kindOf(e.type);
    if (!hidden.has(kind)) out.push({ start: e.start, end: e.end, kind, label: `${t(`reader.kind.${kind}` as MessageKey)}: ${e.canonical}` });
  }
  if (!hidden.has('place')) for (const p of ext.places) out.push({ start: p.start, end: p.end, kind: 'place', label: `${t('reader.kind.place')}: ${p.name}${p.admin1 ? `, ${p.admin1}` : ''} (${p.country})` });
  if (!hidden.has('date')) for (const d of ext.dates) out.push({ start: d.start, end: d.end, kind: 'date', label: `${t('reader.kind.date')}: ${formatInterval(i18n, d.from, d.to, d.precision)}` });
  if (!hidden.has('event'))
    for (const ev of ext.events) {
      out.push({
        start: ev.trigger.start,
        end: ev.trigger.end,
        kind: 'event',
        label: `${t('reader.kind.event')}: ${typeLabel(i18n, ev.type)}${ev.negated ? ` (${t('reader.negated')})` : ''}${ev.hedged ? ` (${t('reader.hedged')})` : ''}`,
      });
    }
  return out;
}

/** Everything the extractor found, grouped; each item jumps to its first mention. */
function FoundPanel({ ext, onShow }: { ext: Extraction | null; onShow: (s: number, e: number) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!ext) return <p class="empty small">{t('reader.extracting')}</p>;
  const groups: { key: AnnotationKind; title: MessageKey; items: { label: string; start: number; end: number; count: number; link?: string }[] }[] = [];
  const byName = (list: { label: string; start: number; end: number; link?: string }[]) => {
    const m = new Map<string, { label: string; start: number; end: number; count: number; link?: string }>();
    for (const x of list) {
      const old = m.get(x.label);
      if (old) old.count++;
      else m.set(x.label, { ...x, count: 1 });
    }
    return [...m.values()].sort((a, b) => b.count - a.count || a.start - b.start);
  };
  const ent = (type: string) => byName(ext.entities.filter((e) => e.type === type).map((e) => ({ label: e.canonical, start: e.start, end: e.end, link: href('/entities', { name: e.canonical }) })));
  groups.push({ key: 'person', title: 'reader.found.people', items: ent('PERSON') });
  groups.push({ key: 'org', title: 'reader.found.orgs', items: ent('ORGANIZATION') });
  groups.push({ key: 'place', title: 'reader.found.places', items: byName(ext.places.map((p) => ({ label: `${p.name} (${p.country})`, start: p.start, end: p.end }))) });
  groups.push({ key: 'date', title: 'reader.found.dates', items: byName(ext.dates.map((d) => ({ label: `${d.text} → ${formatInterval(i18n, d.from, d.to, d.precision)}`, start: d.start, end: d.end }))) });
  groups.push({ key: 'event', title: 'reader.found.events', items: byName(ext.events.map((e) => ({ label: `${typeLabel(i18n, e.type)}: “${ext.text.slice(e.trigger.start, e.trigger.end)}”`, start: e.evidence.start, end: e.evidence.end }))) });
  return (
    <div class="found" data-testid="reader-found">
      {groups.map((g) => (
        <section key={g.key} class="found-group">
          <h3 class="found-title">
            <span class={`legend-dot hl-${g.key}`} aria-hidden="true" /> {t(g.title)} <span class="muted">({g.items.length})</span>
          </h3>
          {g.items.length ? (
            <ul class="found-list">
              {g.items.map((x) => (
                <li key={`${x.label}-${x.start}`}>
                  <button type="button" class="link-btn" onClick={() => onShow(x.start, x.end)}>
                    {x.label}
                  </button>
                  {x.count > 1 ? <span class="muted small"> ×{x.count}</span> : null}
                  {x.link ? (
                    <a class="small found-link" href={x.link} aria-label={t('reader.findRecord', { name: x.label })}>
                      ↗
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted small">—</p>
          )}
        </section>
      ))}
    </div>
  );
}
