/**
 * A date field in the app's language, not the browser's: Dutch "dd-mm-jjjj", English "dd/mm/yyyy"
 * (a browser `<input type=date>` follows the browser's locale, e.g. mm/dd/yyyy). The value in and
 * out is ISO (YYYY-MM-DD); text that is not a date is passed on as typed, so the validators say so.
 */
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { DATE_PATTERN, formatDateInput, parseDateInput } from '../../shared/i18n/dateInput.js';
import { useT } from '../app/i18n.js';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'max' | 'min'> & {
  value: string;
  onChange: (iso: string) => void;
  /** Kept for the callers' documentation; the validators check the range. */
  max?: string;
};

export function DateInput({ value, onChange, max: _max, ...rest }: Props) {
  const { locale } = useT();
  const [text, setText] = useState(() => formatDateInput(locale, value));
  const sent = useRef(value);
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(formatDateInput(locale, value));
    }
  }, [value, locale]);
  useEffect(() => {
    const iso = parseDateInput(text);
    if (iso) setText(formatDateInput(locale, iso));
    // Only when the language changes: rewrite the date in its pattern.
  }, [locale]);
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={DATE_PATTERN[locale]}
      data-date-input=""
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const iso = parseDateInput(e.target.value);
        const out = iso === null ? e.target.value : iso;
        sent.current = out;
        onChange(out);
      }}
      onBlur={() => {
        const iso = parseDateInput(text);
        if (iso) setText(formatDateInput(locale, iso));
      }}
    />
  );
}
