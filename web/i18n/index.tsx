import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { en, type MessageKey } from './en.js';
import { ru } from './ru.js';

/**
 * UI strings in English and Russian. Every visible string goes through `t(key, params)`;
 * `{name}` placeholders are replaced (as text: never HTML). Plural forms use `key_one`,
 * `key_few`, `key_many`, `key_other` chosen by Intl.PluralRules for the language.
 */
export type Lang = 'en' | 'ru';
export const LANGS: { code: Lang; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'ru', label: 'Русский' },
];
const DICTS: Record<Lang, Record<MessageKey, string>> = { en, ru };
const STORAGE_KEY = 'chronicle.lang';

export type Params = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: Params) => string;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
  /** Plural: picks `${base}_one|few|many|other` by `count` and fills {count}. */
  tn: (base: string, count: number, params?: Params) => string;
  date: (iso: string | null | undefined, opts?: Intl.DateTimeFormatOptions) => string;
  dateTime: (iso: string | null | undefined) => string;
  number: (n: number) => string;
  /** Whether a key exists (for vocabulary labels that may be missing). */
  has: (key: string) => boolean;
}

function fill(s: string, params?: Params): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function makeI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  const dict = DICTS[lang];
  const plural = new Intl.PluralRules(lang);
  const lookup = (key: string): string | undefined => (dict as Record<string, string>)[key] ?? (en as Record<string, string>)[key];
  const t: TFunction = (key, params) => fill(lookup(key) ?? key, params);
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
  const dateFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dtFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const numFmt = new Intl.NumberFormat(locale);
  return {
    lang,
    setLang,
    t,
    tn: (base, count, params) => {
      const form = plural.select(count);
      const s = lookup(`${base}_${form}`) ?? lookup(`${base}_other`) ?? base;
      return fill(s, { count: numFmt.format(count), ...params });
    },
    date: (iso, opts) => {
      if (!iso) return '';
      const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
      if (Number.isNaN(d.getTime())) return iso;
      return opts ? new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...opts }).format(d) : dateFmt.format(d);
    },
    dateTime: (iso) => {
      if (!iso) return '';
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dtFmt.format(d);
    },
    number: (n) => numFmt.format(n),
    has: (key) => lookup(key) !== undefined,
  };
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ru') return saved;
  } catch {
    /* storage may be disabled */
  }
  return navigator.language?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const I18nContext = createContext<I18n>(makeI18n('en', () => {}));

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { MessageKey };
