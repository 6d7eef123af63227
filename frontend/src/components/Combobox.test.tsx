import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n';
import { Combobox, filterOptions, pick, type Option } from './Combobox';

const services: Option[] = [
  { value: 'a', label: 'Pečovatelská služba Testov', detail: 'pečovatelská služba (§40) · Charita Testov' },
  { value: 'b', label: 'Osobní asistence Krumlov', detail: 'osobní asistence (§39) · Asistence, z. ú.' },
  { value: 'c', label: 'Domov pro seniory Vltava', detail: 'domovy pro seniory (§49) · Město Testov' },
];

describe('filterOptions', () => {
  it('finds every word anywhere in the label or detail, ignoring case and diacritics', () => {
    expect(filterOptions(services, 'pecovatelska').map((o) => o.value)).toEqual(['a']);
    expect(filterOptions(services, 'TESTOV §4').map((o) => o.value)).toEqual(['a', 'c']);
    expect(filterOptions(services, '  ')).toEqual(services);
    expect(filterOptions(services, 'azyl')).toEqual([]);
  });
});

describe('pick', () => {
  it('toggles in a multiple picker and replaces in a single one', () => {
    const [a, b] = services as [Option, Option];
    expect(pick([a], b, false)).toEqual([a, b]);
    expect(pick([a, b], a, false)).toEqual([b]);
    expect(pick([a], b, true)).toEqual([b]);
  });
});

function Harness({ single = false }: { single?: boolean }) {
  const [selected, setSelected] = useState<Option[]>([]);
  const [text, setText] = useState('');
  return (
    <I18nProvider lang="cs">
      <label htmlFor="svc">Sociální služby</label>
      <Combobox id="svc" label="Sociální služby" single={single} options={filterOptions(services, text)} selected={selected} onChange={setSelected} onSearch={setText} />
      <div data-testid="picked">{selected.map((s) => s.value).join(',')}</div>
    </I18nProvider>
  );
}

describe('Combobox', () => {
  afterEach(cleanup);

  it('is a combobox named by its label whose list opens on typing and follows the arrow keys', () => {
    render(<Harness />);
    const box = screen.getByRole('combobox', { name: 'Sociální služby' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
    fireEvent.change(box, { target: { value: 'testov' } });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('Pečovatelská'), expect.stringContaining('Domov')]);
    expect(box.getAttribute('aria-activedescendant')).toBeNull();
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    // Wraps around to the first.
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(box.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    expect(screen.getByRole('status').textContent).toBe('2 položky k výběru.');
  });

  it('picks with Enter, marks the pick, lists it with a remove button, and Escape closes then clears', () => {
    render(<Harness />);
    const box = screen.getByRole('combobox');
    fireEvent.change(box, { target: { value: 'asistence' } });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByTestId('picked').textContent).toBe('b');
    expect(screen.getByRole('option').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('list', { name: 'Vybráno: Sociální služby' }).textContent).toContain('Osobní asistence Krumlov');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect((box as HTMLInputElement).value).toBe('asistence');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Odebrat Osobní asistence Krumlov' }));
    expect(screen.getByTestId('picked').textContent).toBe('');
  });

  it('replaces the pick in a single picker and closes', () => {
    render(<Harness single />);
    const box = screen.getByRole('combobox');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByTestId('picked').textContent).toBe('c');
    expect(box.getAttribute('aria-expanded')).toBe('false');
  });

  it('says when nothing matches', () => {
    render(<Harness />);
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'azylový dům' } });
    expect(screen.getByText('Nic nenalezeno.')).toBeTruthy();
  });
});
