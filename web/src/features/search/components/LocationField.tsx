import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { locationLabel, useLocations } from '../api/search-locations';
import type { Location } from '../api/types';

interface Props {
  label: string;
  /** What the field shows (a name while typing, the chosen place's label after). */
  text: string;
  onText: (text: string) => void;
  /** A place chosen from the suggestions. */
  onChoose: (location: Location) => void;
  error?: string | undefined;
  suggestion?: Location | null | undefined;
  placeholder?: string;
}

/**
 * A city or airport by name: suggestions as you type ("London — all airports", "London Heathrow
 * (LHR)"), chosen by click or keyboard (an ARIA combobox); a "did you mean" for a typo.
 */
export function LocationField({ label, text, onText, onChoose, error, suggestion, placeholder }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [typed, setTyped] = useState(text);
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(typed), 150);
    return () => clearTimeout(t);
  }, [typed]);
  const found = useLocations(open ? debounced : '');
  const options = open && found.data ? found.data.locations : [];
  const listId = `${id}-list`;
  const errorId = error ? `${id}-error` : undefined;
  const hintId = suggestion ? `${id}-hint` : undefined;

  function choose(l: Location) {
    onChoose(l);
    setOpen(false);
    setActive(-1);
  }
  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && options.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === 'ArrowUp' && options.length > 0) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === 'Enter' && open && active >= 0 && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  }

  return (
    <div className={`field location-field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 && options[active] ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          onText(e.target.value);
          setTyped(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKey}
        // Options are chosen on mousedown (which keeps the focus), so leaving the field closes the list at once.
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={`${label} suggestions`} className="location-field__list" hidden={options.length === 0}>
        {options.map((l, i) => (
          <li
            key={l.code}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={`location-field__option${l.kind === 'metro' ? ' location-field__option--city' : ''}`}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(l);
            }}
          >
            {locationLabel(l)}
          </li>
        ))}
      </ul>
      {suggestion && (
        <p id={hintId} className="field__hint">
          Did you mean{' '}
          <button type="button" className="link-button" onClick={() => choose(suggestion)}>
            {locationLabel(suggestion)}
          </button>
          ?
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
