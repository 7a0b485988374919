import { useI18n } from '../../i18n/index.js';
import { typeColorIndex, typeLabel } from '../../lib/format.js';
import type { EventSummary } from '../../lib/types.js';
import { href, seg } from '../../router.js';
import { DAY, spanOf, tickLabel, ticks } from './time-axis.js';

/** A one-line strip of events in time (an entity's events). Marks link to the events. */
export function MiniTimeline({ events }: { events: EventSummary[] }) {
  const i18n = useI18n();
  const dated = events.map((e) => ({ e, s: spanOf(e) })).filter((x): x is { e: EventSummary; s: NonNullable<ReturnType<typeof spanOf>> } => x.s !== null);
  if (!dated.length) return null;
  const W = 560;
  const H = 54;
  let d0 = Math.min(...dated.map((x) => x.s.from));
  let d1 = Math.max(...dated.map((x) => x.s.to));
  const pad = Math.max(15 * DAY, (d1 - d0) * 0.06);
  d0 -= pad;
  d1 += pad;
  const x = (t: number) => ((t - d0) / (d1 - d0)) * (W - 20) + 10;
  const locale = i18n.lang === 'ru' ? 'ru-RU' : 'en-GB';
  return (
    <svg class="mini-timeline" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={i18n.t('timeline.mini')} data-testid="mini-timeline">
      <line x1={10} x2={W - 10} y1={22} y2={22} class="axis-line" />
      {ticks(d0, d1, W, 90).map((tk) => (
        <g key={tk.at}>
          <line x1={x(tk.at)} x2={x(tk.at)} y1={18} y2={26} class="tick" />
          <text x={x(tk.at)} y={44} class="tick-label" text-anchor="middle">
            {tickLabel(tk.at, tk.unit, locale)}
          </text>
        </g>
      ))}
      {dated.map(({ e, s }) => (
        <a key={e.id} href={href(`/events/${seg(e.id)}`)}>
          <rect x={x(s.from)} y={15} width={Math.max(6, x(s.to) - x(s.from))} height={14} rx={3} class={`mark c${typeColorIndex(e.types[0] ?? '')}`}>
            <title>
              {e.title} — {e.types.map((ty) => typeLabel(i18n, ty)).join(', ')}
            </title>
          </rect>
        </a>
      ))}
    </svg>
  );
}
