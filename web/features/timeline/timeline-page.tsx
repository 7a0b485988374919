import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useI18n } from '../../i18n/index.js';
import { EVENT_TYPE_IDS, formatInterval, statusLabel, typeColorIndex, typeLabel } from '../../lib/format.js';
import { minSourcesOf, timelineEvents } from '../../lib/records-api.js';
import type { EventBrief } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { href, navigate, seg } from '../../router.js';
import { DAY, spanOf, tickLabel, ticks, type Span } from './time-axis.js';

const LANE_ROW = 22;
const MAX_ROWS = 4;
const LEFT = 150;
const TOP = 34;

interface Placed {
  e: EventBrief;
  s: Span;
  lane: number;
  row: number;
}

/**
 * Events on a zoomable timeline, one lane per type. Wheel or +/− zooms (around the pointer),
 * dragging or ←/→ pans, "Fit" shows everything. Each mark is a link to its event; the list
 * under the chart names every event in view (the same content without a mouse).
 */
export default function TimelinePage({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const type = query.get('type') ?? '';
  const status = query.get('status') ?? '';
  const place = query.get('place') ?? '';
  const person = query.get('person') ?? '';
  const minSources = minSourcesOf(query.get('minSources'));
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const key = query.toString();
  const list = useApi(
    (signal) => timelineEvents({ type, status, place, person, minSources, from, to, limit: 500 }, signal),
    [key],
  );
  const events = useMemo(
    () => (list.data?.items ?? []).filter((e) => (status ? e.status === status : e.status === 'confirmed' || e.status === 'proposed')),
    [list.data, status],
  );

  const dated = useMemo(() => events.map((e) => ({ e, s: spanOf(e) })).filter((x): x is { e: EventBrief; s: Span } => x.s !== null), [events]);
  const undated = events.length - dated.length;
  const full = useMemo<Span | null>(() => {
    if (!dated.length) return null;
    const a = Math.min(...dated.map((x) => x.s.from));
    const b = Math.max(...dated.map((x) => x.s.to));
    const pad = Math.max(20 * DAY, (b - a) * 0.05);
    return { from: a - pad, to: b + pad };
  }, [dated]);
  const [domain, setDomain] = useState<Span | null>(null);
  useEffect(() => setDomain(full), [full]);

  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(480, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [list.data !== undefined]);

  const lanes = useMemo(() => {
    const present = new Set(dated.map((x) => x.e.types[0] ?? 'other'));
    return [...(EVENT_TYPE_IDS as readonly string[]).filter((ty) => present.has(ty)), ...[...present].filter((ty) => !(EVENT_TYPE_IDS as readonly string[]).includes(ty))];
  }, [dated]);

  // Greedy packing: overlapping events in one lane go to the next free row.
  const placed = useMemo<Placed[]>(() => {
    const out: Placed[] = [];
    const ends = new Map<number, number[]>();
    for (const x of [...dated].sort((a, b) => a.s.from - b.s.from)) {
      const lane = lanes.indexOf(x.e.types[0] ?? 'other');
      const rows = ends.get(lane) ?? [];
      let row = rows.findIndex((end) => end <= x.s.from);
      if (row < 0) row = rows.length < MAX_ROWS ? rows.length : MAX_ROWS - 1;
      rows[row] = Math.max(rows[row] ?? 0, x.s.to + 2 * DAY);
      ends.set(lane, rows);
      out.push({ ...x, lane, row });
    }
    return out;
  }, [dated, lanes]);
  const rowsPerLane = lanes.map((_, i) => Math.max(1, ...placed.filter((p) => p.lane === i).map((p) => p.row + 1)));
  const laneTop = rowsPerLane.reduce<number[]>((acc, n, i) => [...acc, (acc[i] ?? TOP) + n * LANE_ROW + 10], [TOP]);
  const height = (laneTop[lanes.length] ?? TOP) + 10;

  const drag = useRef<{ x: number; d: Span } | null>(null);
  if (list.error) return <ErrorNotice error={list.error} />;
  if (!list.data) return <Loading />;

  const d = domain ?? full;
  const plotW = width - LEFT - 16;
  const x = (tm: number) => (d ? LEFT + ((tm - d.from) / (d.to - d.from)) * plotW : LEFT);
  const zoom = (factor: number, centerPx?: number) => {
    if (!d) return;
    const c = centerPx === undefined ? (d.from + d.to) / 2 : d.from + ((centerPx - LEFT) / plotW) * (d.to - d.from);
    const span = Math.min(200 * 365 * DAY, Math.max(7 * DAY, (d.to - d.from) * factor));
    const ratio = (c - d.from) / (d.to - d.from);
    setDomain({ from: c - span * ratio, to: c - span * ratio + span });
  };
  const pan = (fraction: number) => d && setDomain({ from: d.from + (d.to - d.from) * fraction, to: d.to + (d.to - d.from) * fraction });
  const inView = d ? placed.filter((p) => p.s.to >= d.from && p.s.from <= d.to) : [];
  const locale = i18n.lang === 'ru' ? 'ru-RU' : 'en-GB';

  return (
    <div class="page timeline">
      <div class="page-head">
        <h1>{t('timeline.title')}</h1>
        <div class="page-head-links">
          <a class="btn btn-small" href={href('/events', { type, status, place, person, minSources })}>
            {t('timeline.asList')}
          </a>
        </div>
      </div>
      <div class="toolbar">
        <label class="field field-inline">
          <span>{t('events.filter.type')}</span>
          <select value={type} onChange={(e) => navigate('/timeline', { type: e.currentTarget.value, status, place, person, minSources, from, to })} data-testid="timeline-type">
            <option value="">{t('common.any')}</option>
            {EVENT_TYPE_IDS.map((ty) => (
              <option key={ty} value={ty}>
                {typeLabel(i18n, ty)}
              </option>
            ))}
          </select>
        </label>
        <label class="field field-inline">
          <span>{t('events.filter.status')}</span>
          <select value={status} onChange={(e) => navigate('/timeline', { type, status: e.currentTarget.value, place, person, minSources, from, to })} data-testid="timeline-status">
            <option value="">{t('timeline.live')}</option>
            {['proposed', 'confirmed', 'rejected', 'withdrawn'].map((s) => (
              <option key={s} value={s}>
                {statusLabel(i18n, s)}
              </option>
            ))}
          </select>
        </label>
        <div class="segmented" role="group" aria-label={t('timeline.zoom')}>
          <button type="button" onClick={() => zoom(0.5)} aria-label={t('timeline.zoomIn')} data-testid="timeline-zoom-in">
            +
          </button>
          <button type="button" onClick={() => zoom(2)} aria-label={t('timeline.zoomOut')} data-testid="timeline-zoom-out">
            −
          </button>
          <button type="button" onClick={() => setDomain(full)} data-testid="timeline-fit">
            {t('timeline.fit')}
          </button>
        </div>
        <span class="muted small">{t('timeline.howto')}</span>
      </div>
      {events.length === 0 ? <p class="empty">{t('timeline.empty')}</p> : null}
      <div class="card timeline-box" ref={box}>
        {d && lanes.length ? (
          <svg
            class="timeline-svg"
            width={width}
            height={height}
            viewBox={`0 0 ${width} ${height}`}
            role="group"
            aria-label={t('timeline.chart')}
            tabIndex={0}
            data-testid="timeline"
            onWheel={(e) => {
              e.preventDefault();
              const rect = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
              zoom(e.deltaY > 0 ? 1.25 : 0.8, e.clientX - rect.left);
            }}
            onPointerDown={(e) => {
              if ((e.target as Element).closest('a')) return;
              drag.current = { x: e.clientX, d: d };
              (e.currentTarget as SVGSVGElement).setPointerCapture(e.pointerId);
            }}
            onPointerMove={(e) => {
              const g = drag.current;
              if (!g) return;
              const dt = ((g.x - e.clientX) / plotW) * (g.d.to - g.d.from);
              setDomain({ from: g.d.from + dt, to: g.d.to + dt });
            }}
            onPointerUp={() => {
              drag.current = null;
            }}
            onKeyDown={(e) => {
              if (e.key === '+' || e.key === '=') zoom(0.5);
              else if (e.key === '-') zoom(2);
              else if (e.key === 'ArrowLeft') pan(-0.2);
              else if (e.key === 'ArrowRight') pan(0.2);
              else if (e.key === '0') setDomain(full);
              else return;
              e.preventDefault();
            }}
          >
            <defs>
              <clipPath id="tl-clip">
                <rect x={LEFT} y={0} width={plotW} height={height} />
              </clipPath>
            </defs>
            {ticks(d.from, d.to, plotW).map((tk) => (
              <g key={tk.at} class={tk.major ? 'tick-major' : 'tick-minor'}>
                <line x1={x(tk.at)} x2={x(tk.at)} y1={TOP - 6} y2={height - 6} class="grid" />
                <text x={x(tk.at) + 3} y={TOP - 12} class="tick-label">
                  {tickLabel(tk.at, tk.unit, locale)}
                </text>
              </g>
            ))}
            {lanes.map((ty, i) => (
              <g key={ty}>
                <rect x={0} y={laneTop[i]! - 5} width={width} height={rowsPerLane[i]! * LANE_ROW + 6} class={i % 2 ? 'lane lane-odd' : 'lane'} />
                <text x={10} y={laneTop[i]! + 12} class="lane-label">
                  {typeLabel(i18n, ty)}
                </text>
              </g>
            ))}
            <g clip-path="url(#tl-clip)">
              {placed.map((p) => {
                const x0 = x(p.s.from);
                const w = Math.max(8, x(p.s.to) - x0);
                const y = laneTop[p.lane]! + p.row * LANE_ROW;
                return (
                  <a key={p.e.id} href={href(`/events/${seg(p.e.id)}`)} data-testid="timeline-event" data-event-id={p.e.id} aria-label={`${p.e.title}, ${formatInterval(i18n, p.e.dateFrom, p.e.dateTo, p.e.datePrecision)}`}>
                    <rect x={x0} y={y} width={w} height={LANE_ROW - 6} rx={4} class={`mark c${typeColorIndex(p.e.types[0] ?? '')}${p.e.status === 'proposed' ? ' is-proposed' : ''}`}>
                      <title>
                        {p.e.title} — {formatInterval(i18n, p.e.dateFrom, p.e.dateTo, p.e.datePrecision)}
                        {p.e.place ? `, ${p.e.place.name}` : ''} ({statusLabel(i18n, p.e.status)})
                      </title>
                    </rect>
                    {w > 90 ? (
                      <text x={x0 + 5} y={y + LANE_ROW - 10} class="mark-label">
                        {p.e.title.length > w / 6.5 ? `${p.e.title.slice(0, Math.floor(w / 6.5) - 1)}…` : p.e.title}
                      </text>
                    ) : null}
                  </a>
                );
              })}
            </g>
          </svg>
        ) : null}
      </div>
      <p class="muted small">
        {t('timeline.inView', { count: inView.length, total: dated.length })}
        {undated ? ` · ${t('timeline.undated', { count: undated })}` : ''} · <span class="legend-proposed">{t('timeline.proposedLegend')}</span>
      </p>
      <ul class="timeline-list" data-testid="timeline-list">
        {inView
          .slice()
          .sort((a, b) => a.s.from - b.s.from)
          .slice(0, 200)
          .map((p) => (
            <li key={p.e.id}>
              <span class="muted small nowrap">{formatInterval(i18n, p.e.dateFrom, p.e.dateTo, p.e.datePrecision)}</span>{' '}
              <span class={`dot c${typeColorIndex(p.e.types[0] ?? '')}`} aria-hidden="true" /> <a href={href(`/events/${seg(p.e.id)}`)}>{p.e.title}</a>
              {p.e.place ? <span class="muted small"> · {p.e.place.name}</span> : null}
            </li>
          ))}
      </ul>
    </div>
  );
}
