//! A searchable picker of one or several items, after the WAI-ARIA APG combobox with a listbox popup
//! and list autocomplete: typing narrows the candidates; ArrowDown and ArrowUp move through them
//! (Alt+ArrowDown only opens the list), Enter picks, Escape closes the list and then clears the
//! text, Tab leaves. Focus stays in the text box (`aria-activedescendant`). What has been picked
//! stands below as a list, each item with its own remove button. Placed in a Field, it receives the
//! Field's id and aria attributes and passes them to its text box, so the label names it.
import { useId, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { useT } from '../i18n';
import { fold } from '../lib/matching';

export interface Option {
  value: string;
  label: string;
  /** A second line of the candidate (a service's kind and provider). */
  detail?: string;
}

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'role' | 'type'> & {
  /** The candidates for the text typed (the caller narrows them, on the server or with `filterOptions`). */
  options: Option[];
  selected: Option[];
  onChange: (selected: Option[]) => void;
  /** Called with the text as it is typed. */
  onSearch: (text: string) => void;
  /** One item at most: picking another replaces it. */
  single?: boolean;
  /** The candidates are still being looked up. */
  loading?: boolean;
  /** The field's label, which also names the list of candidates and the list of picked items. */
  label: string;
};

/** The options whose label or detail contains every word of `text`, ignoring case and diacritics. */
export function filterOptions(options: Option[], text: string): Option[] {
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return options;
  return options.filter((o) => {
    const haystack = fold(`${o.label} ${o.detail ?? ''}`);
    return words.every((w) => haystack.includes(w));
  });
}

/** The selection after picking `option`: toggled in a multiple picker, the only one in a single. */
export function pick(selected: Option[], option: Option, single: boolean): Option[] {
  if (single) return [option];
  return selected.some((s) => s.value === option.value) ? selected.filter((s) => s.value !== option.value) : [...selected, option];
}

export function Combobox({ options, selected, onChange, onSearch, single = false, loading = false, label, required, ...input }: Props) {
  const t = useT();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  // The active candidate by value, not by place: when the answer for newer text arrives, the list
  // changes under the keyboard, and Enter must never pick whatever took the old place.
  const [activeValue, setActiveValue] = useState<string | null>(null);
  const active = options.findIndex((o) => o.value === activeValue);
  const setActive = (i: number) => setActiveValue(options[i]?.value ?? null);
  const shown = open && options.length > 0;
  const optionId = (i: number) => `${listId}-o${i}`;
  const isSelected = (o: Option) => selected.some((s) => s.value === o.value);

  const search = (next: string) => {
    setText(next);
    setActive(-1);
    setOpen(true);
    onSearch(next);
  };
  const choose = (option: Option) => {
    onChange(pick(selected, option, single));
    if (single) {
      setText('');
      onSearch('');
      setOpen(false);
      setActive(-1);
    }
  };
  const move = (step: 1 | -1) => {
    if (!open) {
      setOpen(true);
      setActive(step === 1 ? 0 : options.length - 1);
      return;
    }
    if (options.length === 0) return;
    // Wraps around, as the APG example does.
    setActive(active < 0 ? (step === 1 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (e.altKey) setOpen(true);
        else move(1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        move(-1);
        break;
      case 'Enter':
        // Enter picks; it never submits the form around the picker while the list is open.
        if (open) {
          e.preventDefault();
          const option = options[active];
          if (option) choose(option);
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text) {
          e.preventDefault();
          setText('');
          onSearch('');
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  };

  return (
    <div className="combobox">
      <div className="combobox-field">
        <input
          {...input}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
          aria-busy={loading || undefined}
          required={required && selected.length === 0}
          value={text}
          onChange={(e) => search(e.target.value)}
          onKeyDown={onKeyDown}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
        />
        <ul role="listbox" id={listId} className="combobox-list" aria-multiselectable={!single || undefined} aria-label={label} hidden={!shown}>
          {options.map((o, i) => (
            <li
              key={o.value}
              id={optionId(i)}
              role="option"
              aria-selected={isSelected(o)}
              className={i === active ? 'active' : undefined}
              // Keeps the focus in the text box, so the list does not close before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(o)}
            >
              <span className="combobox-check" aria-hidden="true">
                {isSelected(o) ? '✓' : ''}
              </span>
              <span>
                {o.label}
                {o.detail && <span className="combobox-detail">{o.detail}</span>}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <p className="visually-hidden" role="status">
        {open && !loading ? t('picker.results', { count: options.length }) : ''}
      </p>
      {open && !loading && options.length === 0 && <p className="field-hint">{t('picker.nothingFound')}</p>}
      {selected.length > 0 && (
        <ul className="picked" aria-label={t('picker.selected', { label })}>
          {selected.map((s) => (
            <li key={s.value}>
              <span>{s.label}</span>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                // The visible word starts the name, which says what goes.
                aria-label={t('picker.removeItem', { label: s.label })}
                onClick={() => onChange(selected.filter((x) => x.value !== s.value))}
              >
                {t('picker.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
