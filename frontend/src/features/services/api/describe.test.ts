import { describe, expect, it } from 'vitest';
import cs from '../../../i18n/cs.json';
import en from '../../../i18n/en.json';
import { translate, type Lang } from '../../../i18n/translate';
import { capacityTexts, formTexts, webHref } from './describe';

const tr = (lang: Lang) => (key: string, vars?: Record<string, string | number>) =>
  translate((lang === 'cs' ? cs : en) as Record<string, string>, lang, key, vars);

describe('a service described', () => {
  it('words capacities with their units in the plural the number needs, and their form', () => {
    const capacities = [
      { form: 'field', count: 1, unit: 'clients' },
      { form: 'residential', count: 3, unit: 'beds' },
      { form: 'outpatient', count: 25, unit: 'contacts' },
    ] as const;
    expect(capacityTexts([...capacities], tr('cs'))).toEqual(['1 klient (terénní)', '3 lůžka (pobytová)', '25 kontaktů (ambulantní)']);
    expect(capacityTexts([...capacities], tr('en'))).toEqual(['1 client (field)', '3 beds (residential)', '25 contacts (outpatient)']);
  });

  it('lists forms in the order of the Act, whatever order they were entered in', () => {
    expect(formTexts(['field', 'residential'], tr('cs'))).toEqual(['pobytová', 'terénní']);
  });

  it('links a web address written without a scheme', () => {
    expect(webHref('www.charita-testov.cz')).toBe('https://www.charita-testov.cz');
    expect(webHref('http://example.cz/sluzba')).toBe('http://example.cz/sluzba');
  });
});
