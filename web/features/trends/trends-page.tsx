import * as Plot from '@observablehq/plot';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api-client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useI18n } from '../../i18n/index.js';
import { EVENT_TYPE_IDS, typeColor, typeColorIndex, typeLabel } from '../../lib/format.js';
import type { MonthlyCount } from '../../lib/types.js';
import { minSourcesOf } from '../../lib/records-api.js';
import { useApi } from '../../lib/use-api.js';
import { href, navigate } from '../../router.js';

/** Accepts `[{ month, type, count }]` (bare or in `items`) or `[{ month, counts: { type: n } }]`. */
function normalise(body: unknown): MonthlyCount[] {
  const list = (Array.isArray(body) ? body : ((body as { items?: unknown[] })?.items ?? [])) as Record<string, unknown>[];
  const out: MonthlyCount[] = [];
  for (const row of list) {
    const month = String(row.month ?? '').slice(0, 7);
    if (!/^\d{4}-\d{2}$/.test(month)) continue;
    if (row.counts && typeof row.counts === 'object') {
      for (const [type, n] of Object.entries(row.counts as Record<string, number>)) if (n) out.push({ month, type, count: Number(n) });
    } else if (row.count !== undefined) {
      out.push({ month, type: String(row.type ?? 'other'), count: Number(row.count) });
    }
  }
  return out;
}

/** "Jan 2016" on January, "Feb" otherwise, in the UI language (Plot's own labels are English). */
function monthTick(d: Date, lang: string): string {
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
  const opts: Intl.DateTimeFormatOptions = d.getUTCMonth() === 0 ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, opts).format(d);
}

const monthStart = (m: string) => new Date(`${m}-01T00:00:00Z`);
const monthEnd = (m: string) => {
  const d = monthStart(m);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
};

/**
 * Counts of live (proposed and confirmed) events per month by type (Observable Plot). Every bar is a link: click it, or
 * focus it and press Enter, for the events of that type in that month. Plot's SVG is used
 * without its inline <style> element (the CSP allows no inline styles); trends.css styles it.
 */
export default function TrendsPage({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const minSources = minSourcesOf(query.get('minSources'));
  const stats = useApi(async (signal) => normalise(await api.get('/stats/monthly', { from, to, minSources }, { signal })), [from, to, minSources]);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [table, setTable] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);

  const data = useMemo(() => (stats.data ?? []).filter((d) => !hidden.has(d.type)), [stats.data, hidden]);
  const types = useMemo(() => {
    const present = new Set((stats.data ?? []).map((d) => d.type));
    return [...(EVENT_TYPE_IDS as readonly string[]).filter((x) => present.has(x)), ...[...present].filter((x) => !(EVENT_TYPE_IDS as readonly string[]).includes(x))];
  }, [stats.data]);

  const months = useMemo(() => [...new Set(data.map((d) => d.month))].sort(), [data]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(480, el.clientWidth - 8)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [stats.data !== undefined]);

  useEffect(() => {
    const el = box.current;
    if (!el || !data.length) {
      el?.replaceChildren();
      return;
    }
    // At least a year across, so a single month is a bar, not the whole width.
    const first = months[0]!;
    const last = months[months.length - 1]!;
    const spanMonths = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5)) - Number(first.slice(5));
    const padBefore = Math.max(1, Math.floor((11 - spanMonths) / 2));
    const padAfter = Math.max(1, 11 - spanMonths - padBefore);
    const start = monthStart(first);
    const end = monthStart(last);
    const x0 = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - padBefore, 1));
    const x1 = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1 + padAfter, 1));
    const maxStack = Math.max(...months.map((m) => data.filter((d) => d.month === m).reduce((n, d) => n + d.count, 0)));
    const label = (d: MonthlyCount) => `${typeLabel(i18n, d.type)}, ${i18n.date(`${d.month}-01`, { year: 'numeric', month: 'long' })}: ${d.count}`;
    const chart = Plot.plot({
      className: 'chron-plot',
      width,
      height: 380,
      marginLeft: 44,
      marginBottom: 34,
      x: { type: 'utc', label: null, domain: [x0, x1], tickFormat: (d: Date) => monthTick(d, i18n.lang) },
      y: { label: t('trends.yLabel'), grid: true, ticks: Math.min(8, maxStack), tickFormat: (v: number) => (Number.isInteger(v) ? String(v) : '') },
      color: { domain: types, range: types.map(typeColor) },
      marks: [
        Plot.rectY(data, {
          x1: (d: MonthlyCount) => monthStart(d.month),
          x2: (d: MonthlyCount) => monthEnd(d.month),
          y: 'count',
          fill: 'type',
          inset: 0.5,
          title: label,
          render(index, scales, values, dimensions, context, next) {
            const g = next!(index, scales, values, dimensions, context) as SVGGElement;
            const rects = g.querySelectorAll('rect');
            index.forEach((i, j) => {
              const r = rects[j];
              if (!r) return;
              r.setAttribute('data-i', String(i));
              r.setAttribute('tabindex', '0');
              r.setAttribute('role', 'link');
              r.setAttribute('aria-label', label(data[i]!));
              r.setAttribute('data-testid', 'trend-bar');
              r.setAttribute('class', 'trend-bar');
            });
            return g;
          },
        }),
        Plot.ruleY([0]),
      ],
    }) as SVGSVGElement | HTMLElement;
    // Inline <style> elements would be refused by the CSP: drop them before the chart is attached.
    for (const s of chart.querySelectorAll('style')) s.remove();
    el.replaceChildren(chart);
  }, [data, months, width, types, i18n]);

  const open = (target: EventTarget | null) => {
    const i = (target as Element | null)?.closest?.('[data-i]')?.getAttribute('data-i');
    const d = i !== null && i !== undefined ? data[Number(i)] : undefined;
    if (d) navigate('/events', { type: d.type, month: d.month, minSources });
  };

  const total = data.reduce((n, d) => n + d.count, 0);

  return (
    <div class="page trends">
      <div class="page-head">
        <h1>{t('trends.title')}</h1>
        <p class="muted">{t('trends.subtitle')}</p>
      </div>
      <div class="toolbar">
        <form
          class="inline-search"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            navigate('/trends', {
              from: String(f.get('from') ?? '').trim(),
              to: String(f.get('to') ?? '').trim(),
              minSources: String(f.get('minSources') ?? '').trim(),
            });
          }}
        >
          <label class="field field-inline">
            <span>{t('events.filter.from')}</span>
            <input name="from" defaultValue={from} placeholder={t('trends.monthPlaceholder')} pattern="\d{4}(-\d{2})?" class="input-small" data-testid="trends-from" />
          </label>
          <label class="field field-inline">
            <span>{t('events.filter.to')}</span>
            <input name="to" defaultValue={to} placeholder={t('trends.monthPlaceholder')} pattern="\d{4}(-\d{2})?" class="input-small" data-testid="trends-to" />
          </label>
          <label class="field field-inline">
            <span>{t('events.filter.minSources')}</span>
            <input name="minSources" type="number" min={1} max={999999} defaultValue={minSources} class="input-small" data-testid="trends-min-sources" />
          </label>
          <button type="submit" class="btn btn-small">
            {t('common.apply')}
          </button>
        </form>
        <button type="button" class="btn btn-small" aria-pressed={table} onClick={() => setTable(!table)} data-testid="trends-table-toggle">
          {table ? t('trends.showChart') : t('trends.showTable')}
        </button>
        <span class="muted small">{i18n.tn('trends.total', total)}</span>
      </div>
      <ErrorNotice error={stats.error} />
      {stats.loading && !stats.data ? <Loading /> : null}
      {stats.data && stats.data.length === 0 ? <p class="empty">{t('trends.empty')}</p> : null}
      <div class="legend" role="group" aria-label={t('trends.legend')}>
        {types.map((ty) => (
          <button
            key={ty}
            type="button"
            class={`legend-item${hidden.has(ty) ? ' is-off' : ''}`}
            aria-pressed={!hidden.has(ty)}
            onClick={() =>
              setHidden((h) => {
                const n = new Set(h);
                if (n.has(ty)) n.delete(ty);
                else n.add(ty);
                return n;
              })
            }
          >
            <span class={`dot c${typeColorIndex(ty)}`} aria-hidden="true" />
            {typeLabel(i18n, ty)}
          </button>
        ))}
      </div>
      <div
        class={`card chart-box${table ? ' is-hidden' : ''}`}
        ref={box}
        data-testid="trends-chart"
        onClick={(e) => open(e.target)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            open(e.target);
          }
        }}
      />
      {table ? (
        <div class="card table-scroll">
          <table class="table table-compact" data-testid="trends-table">
            <thead>
              <tr>
                <th scope="col">{t('trends.month')}</th>
                {types
                  .filter((ty) => !hidden.has(ty))
                  .map((ty) => (
                    <th key={ty} scope="col" class="num">
                      {typeLabel(i18n, ty)}
                    </th>
                  ))}
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m}>
                  <th scope="row">{i18n.date(`${m}-01`, { year: 'numeric', month: 'long' })}</th>
                  {types
                    .filter((ty) => !hidden.has(ty))
                    .map((ty) => {
                      const n = data.find((d) => d.month === m && d.type === ty)?.count ?? 0;
                      return (
                        <td key={ty} class="num">
                          {n ? <a href={href('/events', { type: ty, month: m })}>{n}</a> : <span class="muted">0</span>}
                        </td>
                      );
                    })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
