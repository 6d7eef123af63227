//! Czech-first i18n: a provider holding the language, `useT()` for strings and formatters.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import cs from './cs.json';
import en from './en.json';
import { translate, type Lang, type Vars } from './translate';

export type { Lang } from './translate';
export const LANGS: Lang[] = ['cs', 'en'];
const catalogs: Record<Lang, Record<string, string>> = { cs, en };
const STORAGE_KEY = 'spoluplan.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'cs' || saved === 'en') return saved;
  } catch {
    /* storage may be blocked */
  }
  return 'cs';
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: string, vars?: Vars) => string;
  formatDate: (iso: string | null | undefined) => string;
  formatDateTime: (iso: string | null | undefined) => string;
  formatMoney: (amount: string | null | undefined) => string;
  /** A measured value (18.5 → "18,5" in Czech); empty for none. */
  formatNumber: (value: number | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* ignore */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'cs' ? 'cs-CZ' : 'en-GB';
    const dateFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Prague' });
    const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Prague' });
    // Whole crowns as such; an amount with hellers shows them both (850 000,50 Kč), never rounded.
    const moneyFmt = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CZK', maximumFractionDigits: 0 });
    const hellersFmt = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CZK', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const numberFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    return {
      lang,
      setLang,
      t: (key, vars) => translate(catalogs[lang], lang, key, vars),
      // A bare date (YYYY-MM-DD) is a calendar day, not an instant: read it at noon UTC.
      formatDate: (iso) => (iso ? dateFmt.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)) : ''),
      formatDateTime: (iso) => (iso ? dateTimeFmt.format(new Date(iso)) : ''),
      formatMoney: (amount) => {
        if (!amount) return '';
        const value = Number(amount);
        return (Number.isInteger(value) ? moneyFmt : hellersFmt).format(value);
      },
      formatNumber: (value) => (value === null || value === undefined ? '' : numberFmt.format(value)),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT() {
  return useI18n().t;
}
