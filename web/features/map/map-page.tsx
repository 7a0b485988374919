import { geoConicEqualArea, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlasJson from 'world-atlas/countries-50m.json';
import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api-client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { EVENT_TYPE_IDS, statusLabel, typeColorIndex, typeLabel } from '../../lib/format.js';
import { minSourcesOf } from '../../lib/records-api.js';
import type { GeoPlace, GeoSummary } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { href, navigate } from '../../router.js';

const atlas = atlasJson as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** ISO 3166 numeric ids (world-atlas feature ids) of Central Asia, and their neighbours drawn for context. */
const CENTRAL_ASIA: Record<string, string> = { '398': 'KZ', '417': 'KG', '860': 'UZ', '762': 'TJ', '795': 'TM' };
/** Where each country's name is written (lon, lat): clear of the capitals' labels. */
const LABEL_AT: Record<string, [number, number]> = { KZ: [66, 49.6], UZ: [63.2, 42.2], TM: [58.8, 39.6], KG: [75.2, 41.3], TJ: [71.6, 38.5] };
const CITIES: { key: MessageKey; lon: number; lat: number; capital?: boolean }[] = [
  { key: 'city.astana', lon: 71.43, lat: 51.13, capital: true },
  { key: 'city.almaty', lon: 76.89, lat: 43.24 },
  { key: 'city.bishkek', lon: 74.59, lat: 42.87, capital: true },
  { key: 'city.tashkent', lon: 69.24, lat: 41.3, capital: true },
  { key: 'city.dushanbe', lon: 68.78, lat: 38.56, capital: true },
  { key: 'city.ashgabat', lon: 58.38, lat: 37.95, capital: true },
];
const W = 960;
const H = 560;

/** Corners (and the top edge's middle, which a conic projection bends) of the region shown: lon 46–88°E, lat 35–56°N. */
const REGION: GeoPermissibleObjects = {
  type: 'MultiPoint',
  coordinates: [
    [46, 35],
    [88, 35],
    [88, 56],
    [67, 56.5],
    [46, 56],
    [67, 35],
  ],
};

/**
 * Events on a map of Kazakhstan and Central Asia, drawn from the bundled Natural Earth
 * boundaries (world-atlas) with d3-geo: no tiles, no requests anywhere. A point is a place;
 * its size is the number of events; a click opens the events list filtered to that place.
 */
export default function MapPage({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const type = query.get('type') ?? '';
  const status = query.get('status') ?? '';
  const minSources = minSourcesOf(query.get('minSources'));
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const key = query.toString();
  const geo = useApi(
    (signal) => api.get<GeoSummary>('/events/geo', { type, status, minSources, from, to }, { signal }),
    [key],
  );
  const [k, setK] = useState(1);
  const [center, setCenter] = useState<[number, number]>([W / 2, H / 2]);
  const [hover, setHover] = useState<GeoPlace | null>(null);

  const drawing = useMemo(() => {
    const projection = geoConicEqualArea().parallels([40, 52]).rotate([-67, 0]).fitExtent(
      [
        [10, 10],
        [W - 10, H - 10],
      ],
      REGION,
    );
    const path = geoPath(projection);
    const countries = feature(atlas, atlas.objects.countries) as FeatureCollection<Geometry, { name: string }>;
    const shapes = countries.features
      .map((f: Feature<Geometry, { name: string }>) => ({ id: String(f.id ?? ''), name: f.properties.name, d: path(f) ?? '', }))
      .filter((s) => s.d);
    const borders = path(mesh(atlas, atlas.objects.countries, (a, b) => a !== b)) ?? '';
    return { projection, shapes, borders };
  }, []);

  const places = geo.data?.places ?? [];
  const radius = (n: number) => Math.min(26, 6 + 4 * Math.sqrt(n)) / Math.sqrt(k);
  const transform = `translate(${W / 2} ${H / 2}) scale(${k}) translate(${-center[0]} ${-center[1]})`;
  const zoomBy = (f: number) => setK((old) => Math.min(12, Math.max(1, old * f)));

  return (
    <div class="page map">
      <div class="page-head">
        <h1>{t('map.title')}</h1>
        <p class="muted">{t('map.subtitle')}</p>
      </div>
      <div class="toolbar">
        <label class="field field-inline">
          <span>{t('events.filter.type')}</span>
          <select value={type} onChange={(e) => navigate('/map', { type: e.currentTarget.value, status, minSources, from, to })} data-testid="map-type">
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
          <select value={status} onChange={(e) => navigate('/map', { type, status: e.currentTarget.value, minSources, from, to })} data-testid="map-status">
            <option value="">{t('common.any')}</option>
            {['proposed', 'confirmed'].map((s) => (
              <option key={s} value={s}>
                {statusLabel(i18n, s)}
              </option>
            ))}
          </select>
        </label>
        <div class="segmented" role="group" aria-label={t('timeline.zoom')}>
          <button type="button" onClick={() => zoomBy(1.6)} aria-label={t('timeline.zoomIn')} data-testid="map-zoom-in">
            +
          </button>
          <button type="button" onClick={() => zoomBy(1 / 1.6)} aria-label={t('timeline.zoomOut')} data-testid="map-zoom-out">
            −
          </button>
          <button
            type="button"
            onClick={() => {
              setK(1);
              setCenter([W / 2, H / 2]);
            }}
            data-testid="map-reset"
          >
            {t('timeline.fit')}
          </button>
        </div>
      </div>
      <ErrorNotice error={geo.error} />
      <div class="map-layout">
        <div class="card map-box">
          <svg
            class="map-svg"
            viewBox={`0 0 ${W} ${H}`}
            role="group"
            aria-label={t('map.chart')}
            data-testid="map"
            onWheel={(e) => {
              e.preventDefault();
              zoomBy(e.deltaY > 0 ? 1 / 1.25 : 1.25);
            }}
          >
            <rect x={0} y={0} width={W} height={H} class="sea" />
            <g transform={transform}>
              {drawing.shapes.map((s) => (
                <path key={s.id + s.name} d={s.d} class={`country${CENTRAL_ASIA[s.id] ? ` country-ca country-${CENTRAL_ASIA[s.id]}` : ''}`} vector-effect="non-scaling-stroke">
                  <title>{CENTRAL_ASIA[s.id] ? t(`country.${CENTRAL_ASIA[s.id]}` as MessageKey) : s.name}</title>
                </path>
              ))}
              <path d={drawing.borders} class="borders" vector-effect="non-scaling-stroke" />
              {Object.entries(LABEL_AT).map(([code, at]) => {
                const p = drawing.projection(at);
                return p ? (
                  <text key={`l${code}`} x={p[0]} y={p[1]} class="country-label" font-size={(code === 'KZ' ? 17 : 12) / k} text-anchor="middle">
                    {t(`country.${code}` as MessageKey)}
                  </text>
                ) : null;
              })}
              {CITIES.map((c) => {
                const p = drawing.projection([c.lon, c.lat]);
                if (!p) return null;
                return (
                  <g key={c.key} class="city">
                    <rect x={p[0] - 2.5 / k} y={p[1] - 2.5 / k} width={5 / k} height={5 / k} class={c.capital ? 'city-capital' : 'city-dot'} />
                    <text x={p[0] + 6 / k} y={p[1] - 4 / k} font-size={11 / k} class="city-label">
                      {t(c.key)}
                    </text>
                  </g>
                );
              })}
              {places.map((pl) => {
                  const p = drawing.projection([pl.lon, pl.lat]);
                  if (!p) return null;
                  return (
                    <a
                      key={pl.id}
                      href={href('/events', { place: pl.name, type, status, minSources })}
                      data-testid="map-point"
                      data-place={pl.name}
                      aria-label={t('map.pointLabel', { place: pl.name, count: pl.count })}
                      onMouseEnter={() => setHover(pl)}
                      onMouseLeave={() => setHover(null)}
                      onFocus={() => setHover(pl)}
                    >
                      <circle
                        cx={p[0]}
                        cy={p[1]}
                        r={radius(pl.count)}
                        class={`point c${typeColorIndex(pl.types[0]?.type ?? '')}`}
                        vector-effect="non-scaling-stroke"
                        onDblClick={(e) => {
                          e.preventDefault();
                          setCenter([p[0], p[1]]);
                          zoomBy(2);
                        }}
                      >
                        <title>{`${pl.name}: ${pl.count}`}</title>
                      </circle>
                    </a>
                  );
                })}
            </g>
          </svg>
          <p class="muted small map-note">{t('map.attribution')}</p>
        </div>
        <aside class="card map-side" aria-label={t('map.places')}>
          {hover ? (
            <div class="map-hover" aria-live="polite">
              <strong>{hover.name}</strong> — {t('map.events', { count: hover.count })}
              <ul class="small">
                {hover.types.slice(0, 6).map((ty) => (
                  <li key={ty.type}>
                    {typeLabel(i18n, ty.type)}: {ty.count}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <h2>{t('map.places')}</h2>
          {geo.loading && !geo.data ? <Loading /> : null}
          {geo.data && places.length === 0 ? <p class="empty small">{t('map.empty')}</p> : null}
          {geo.data?.unplaced ? <p class="muted small">{t('map.unplaced', { count: geo.data.unplaced })}</p> : null}
          <ul class="place-list" data-testid="map-places">
            {places.map((pl) => (
                <li key={pl.id}>
                  <a href={href('/events', { place: pl.name, type, status, minSources })}>{pl.name}</a> <span class="count">{pl.count}</span>
                  <div class="small muted">
                    {pl.types
                      .slice(0, 4)
                      .map((ty) => typeLabel(i18n, ty.type))
                      .join(', ')}
                  </div>
                </li>
              ))}
          </ul>
        </aside>
      </div>
    </div>
  );
}
