//! A service's facts worded for readers: its capacities with their units, its forms.
import type { Schemas } from '../../../lib/api/client';
import { SERVICE_FORMS } from './services';

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** "30 klientů (terénní)": each capacity with its unit in the right plural, and its form. */
export function capacityTexts(capacities: Schemas['Capacity'][], t: Translate): string[] {
  return capacities.map((c) => `${t(`capacityUnit.${c.unit}`, { count: c.count })} (${t(`serviceForm.${c.form}`)})`);
}

/** The forms in the Act's order (pobytová, ambulantní, terénní), worded. */
export function formTexts(forms: Schemas['ServiceForm'][], t: Translate): string[] {
  return SERVICE_FORMS.filter((f) => forms.includes(f)).map((f) => t(`serviceForm.${f}`));
}

/** A web address as a link target: the register and people write "www.charita.cz" without a scheme. */
export function webHref(web: string): string {
  return /^https?:\/\//i.test(web) ? web : `https://${web}`;
}
