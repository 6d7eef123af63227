//! Message lookup with {placeholders} and plural forms, independent of React.
export type Lang = 'cs' | 'en';
export type Messages = Record<string, string>;
export type Vars = Record<string, string | number>;

/** Looks `key` up; with a numeric `count` var it prefers `key_one|few|many|other` by the language's plural rules. */
export function translate(messages: Messages, lang: Lang, key: string, vars?: Vars): string {
  let text: string | undefined;
  if (vars && typeof vars.count === 'number') {
    const form = new Intl.PluralRules(lang).select(vars.count);
    text = messages[`${key}_${form}`] ?? messages[`${key}_other`];
  }
  text ??= messages[key];
  if (text === undefined) return key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : value;
  });
}
