/**
 * Kazakhstan's first-level units as of 2022 (our own table, written from public facts):
 * 17 regions (oblystar), including Abai, Jetisu and Ulytau created on 8 June 2022, and the
 * three cities of republican significance (Astana, Almaty, Shymkent), which are listed as cities
 * in `kz-cities.table.ts` with themselves as admin1.
 *
 * `centre` names the administrative centre as spelled in the cities table; a region's point
 * is its centre's point (no polygons are available offline). `geonamesAdmin1` lists the GeoNames
 * admin1 codes whose places belong to the region (pre-2022 codes are re-split by the builder).
 */

export interface RegionFact {
  name: string;
  centre: string;
  geonamesAdmin1: string[];
  /** Names in English, Russian and Kazakh (Cyrillic and Latin), including former names. */
  names: string[];
}

export const KZ_REGIONS: readonly RegionFact[] = [
  {
    name: 'Abai Region', centre: 'Semey', geonamesAdmin1: ['12510143'],
    names: ['Abay Region', 'Abai oblast', 'Abay oblysy', 'Абайская область', 'область Абай',
      'Абай облысы'],
  },
  {
    name: 'Akmola Region', centre: 'Kokshetau', geonamesAdmin1: ['03'],
    names: ['Aqmola Region', 'Akmola oblast', 'Aqmola oblysy', 'Акмолинская область',
      'Ақмола облысы', 'Акмола облысы', 'Tselinograd Region', 'Целиноградская область',
      'Kokchetav Region', 'Кокчетавская область'],
  },
  {
    name: 'Aktobe Region', centre: 'Aktobe', geonamesAdmin1: ['04'],
    names: ['Aqtobe Region', 'Aktobe oblast', 'Aqtöbe oblysy', 'Aktyubinsk Region',
      'Актюбинская область', 'Ақтөбе облысы', 'Актобе облысы'],
  },
  {
    name: 'Almaty Region', centre: 'Konaev', geonamesAdmin1: ['01'],
    names: ['Almaty oblast', 'Almaty oblysy', 'Алматинская область', 'Алматы облысы',
      'Alma-Ata Region', 'Алма-Атинская область'],
  },
  {
    name: 'Atyrau Region', centre: 'Atyrau', geonamesAdmin1: ['06'],
    names: ['Atyrau oblast', 'Atyrau oblysy', 'Atyraū oblysy', 'Атырауская область',
      'Атырау облысы', 'Guryev Region', 'Гурьевская область'],
  },
  {
    name: 'East Kazakhstan Region', centre: 'Oskemen', geonamesAdmin1: ['15'],
    names: ['East Kazakhstan', 'East Kazakhstan oblast', 'Shygys Kazakhstan',
      'Shyghys Qazaqstan oblysy', 'Восточно-Казахстанская область', 'ВКО',
      'Шығыс Қазақстан облысы', 'Шыгыс Казахстан облысы'],
  },
  {
    name: 'Jetisu Region', centre: 'Taldykorgan', geonamesAdmin1: ['12510144'],
    names: ['Zhetysu Region', 'Zhetisu Region', 'Jetysu Region', 'Jetisu oblysy',
      'Zhetysu oblast', 'Жетысуская область', 'Жетисуская область', 'область Жетысу',
      'область Жетісу', 'Жетісу облысы', 'Jetisu', 'Zhetysu', 'Жетісу', 'Жетысу', 'Semirechye',
      'Семиречье', 'Taldykorgan Region', 'Талдыкорганская область'],
  },
  {
    name: 'Karaganda Region', centre: 'Karaganda', geonamesAdmin1: ['12'],
    names: ['Karagandy Region', 'Qaraghandy Region', 'Karaganda oblast', 'Qaraghandy oblysy',
      'Карагандинская область', 'Қарағанды облысы', 'Караганды облысы'],
  },
  {
    name: 'Kostanay Region', centre: 'Kostanay', geonamesAdmin1: ['13'],
    names: ['Qostanay Region', 'Kostanay oblast', 'Qostanay oblysy', 'Kustanay Region',
      'Костанайская область', 'Кустанайская область', 'Қостанай облысы', 'Костанай облысы'],
  },
  {
    name: 'Kyzylorda Region', centre: 'Kyzylorda', geonamesAdmin1: ['14', '08'],
    names: ['Qyzylorda Region', 'Kyzylorda oblast', 'Qyzylorda oblysy', 'Kzyl-Orda Region',
      'Кызылординская область', 'Қызылорда облысы', 'Кызылорда облысы'],
  },
  {
    name: 'Mangystau Region', centre: 'Aktau', geonamesAdmin1: ['09'],
    names: ['Mangistau Region', 'Manghystau Region', 'Mangystau oblast', 'Mangghystau oblysy',
      'Mangyshlak Region', 'Мангистауская область', 'Мангыстауская область',
      'Маңғыстау облысы', 'Мангистау облысы', 'Мангышлакская область', 'Mangystau',
      'Mangistau', 'Маңғыстау', 'Мангистау', 'Мангыстау'],
  },
  {
    name: 'North Kazakhstan Region', centre: 'Petropavl', geonamesAdmin1: ['16'],
    names: ['North Kazakhstan', 'North Kazakhstan oblast', 'Soltustik Kazakhstan',
      'Soltüstik Qazaqstan oblysy', 'Северо-Казахстанская область', 'СКО',
      'Солтүстік Қазақстан облысы', 'Солтустик Казахстан облысы'],
  },
  {
    name: 'Pavlodar Region', centre: 'Pavlodar', geonamesAdmin1: ['11'],
    names: ['Pavlodar oblast', 'Pavlodar oblysy', 'Павлодарская область', 'Павлодар облысы'],
  },
  {
    name: 'Turkistan Region', centre: 'Turkistan', geonamesAdmin1: ['10'],
    names: ['Turkestan Region', 'Turkistan oblast', 'Türkistan oblysy',
      'Туркестанская область', 'Түркістан облысы', 'Туркистан облысы',
      // Renamed in 2018 when Shymkent left it; old reports still use the old name.
      'South Kazakhstan Region', 'South Kazakhstan', 'Южно-Казахстанская область', 'ЮКО',
      'Оңтүстік Қазақстан облысы', 'Ongtustik Kazakhstan'],
  },
  {
    name: 'Ulytau Region', centre: 'Zhezkazgan', geonamesAdmin1: ['12510145'],
    names: ['Ulytau oblast', 'Ulytau oblysy', 'Улытауская область', 'область Улытау',
      'область Ұлытау', 'Ұлытау облысы', 'Улытау облысы', 'Zhezkazgan Region',
      'Жезказганская область'],
  },
  {
    name: 'West Kazakhstan Region', centre: 'Oral', geonamesAdmin1: ['07'],
    names: ['West Kazakhstan', 'West Kazakhstan oblast', 'Batys Kazakhstan',
      'Batys Qazaqstan oblysy', 'Западно-Казахстанская область', 'ЗКО',
      'Батыс Қазақстан облысы', 'Батыс Казахстан облысы', 'Uralsk Region',
      'Уральская область'],
  },
  {
    name: 'Zhambyl Region', centre: 'Taraz', geonamesAdmin1: ['17'],
    names: ['Jambyl Region', 'Zhambyl oblast', 'Zhambyl oblysy', 'Dzhambul Region',
      'Жамбылская область', 'Джамбулская область', 'Жамбыл облысы'],
  },
];

/** GeoNames admin1 codes of the three cities of republican significance (and Baikonur). */
export const KZ_CITY_ADMIN1: Readonly<Record<string, string>> = {
  '02': 'Almaty',
  '05': 'Astana',
  '1537272': 'Shymkent',
};

/**
 * Old GeoNames codes split in 2022: places still coded with the parent are moved to the new
 * region by rough position (no boundaries offline). Abai is the west and south of the former
 * East Kazakhstan, Jetisu the north-east of the former Almaty Region, Ulytau the south-west of
 * Karaganda. Approximate near the new borders.
 */
export function splitRegion2022(code: string, lat: number, lon: number): string | null {
  if (code === '15' && (lon < 81.7 || (lat < 48.9 && lon < 83.5))) return 'Abai Region';
  if (code === '01' && lat >= 44.1 && lon >= 77.5) return 'Jetisu Region';
  if (code === '12' && lon < 72.0 && lat < 49.2) return 'Ulytau Region';
  return null;
}

/**
 * Districts moved to the 2022 regions, by the start of their GeoNames name (district points
 * are often unknown, so position alone cannot place them).
 */
export const DISTRICTS_2022: Readonly<Record<string, readonly string[]>> = {
  'Abai Region': ['Abay', 'Aksuat', 'Aqsūat', 'Ayagoz', 'Ayaguz', 'Beskaragay', 'Besqaraghay',
    'Borodulikh', 'Zharma', 'Kokpekt', 'Kökpekti', 'Urzhar', 'Ürzhar', 'Maqanshy', 'Makanchi',
    'Zhanasemey', 'Chubartau', 'Shubartau'],
  'Jetisu Region': ['Aksu', 'Aqsū', 'Alakol', 'Eskeldi', 'Karatal', 'Qaratal', 'Kerbulak',
    'Kerbūlaq', 'Koksu', 'Köksū', 'Panfilov', 'Sarkand', 'Sarqan'],
  'Ulytau Region': ['Ulytau', 'Ulytaū', 'Zhanaark', 'Zhangaarq', 'Zhezdi'],
};
