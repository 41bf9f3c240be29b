import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dateEnEntier,
  echeance,
  isIsoDate,
  parseDelai,
} from '../../src/convention/calendar.js';

describe('calendar months', () => {
  it('keeps the day of month when the next month has it', () => {
    expect(addMonths('2024-03-15', 1)).toBe('2024-04-15');
  });
  it('falls back to the last day of a shorter month (31 January → end of February)', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-03-31', 1)).toBe('2024-04-30');
  });
  it('crosses years', () => {
    expect(addMonths('2024-12-31', 2)).toBe('2025-02-28');
  });
  it('parses the delays of the format', () => {
    expect(parseDelai('1 mois')).toEqual({ nombre: 1, unite: 'mois' });
    expect(parseDelai('15 jours')).toEqual({ nombre: 15, unite: 'jour' });
    expect(parseDelai('2 semaines')).toEqual({ nombre: 2, unite: 'semaine' });
    expect(parseDelai('un mois')).toBeUndefined();
    expect(parseDelai('0 jours')).toBeUndefined();
  });
  it('computes deadlines', () => {
    expect(echeance('2024-01-31', { nombre: 1, unite: 'mois' })).toBe('2024-02-29');
    expect(echeance('2024-02-20', { nombre: 15, unite: 'jour' })).toBe('2024-03-06');
  });
  it('validates real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
  });
  it('reads dates as the regular expression and Date.UTC did, whatever the text', () => {
    const avant = (text: string): boolean => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const jours = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      return mo >= 1 && mo <= 12 && d >= 1 && d <= jours;
    };
    const chiffres = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 });
    const date = fc
      .tuple(chiffres(4), chiffres(2), chiffres(2))
      .map(([y, m, d]) =>
        [String(y).padStart(4, '0'), String(m).padStart(2, '0'), String(d).padStart(2, '0')].join(
          '-',
        ),
      );
    const abimee = fc
      .tuple(date, fc.nat(9), fc.constantFrom('', ' ', '٣', '/', ':', 'x', '\n', '-', '0'))
      .map(([d, i, c]) => d.slice(0, i) + c + d.slice(i + (c === '0' ? 0 : 1)));
    fc.assert(
      fc.property(fc.oneof(date, abimee, fc.string({ maxLength: 12 })), (text) => {
        expect(isIsoDate(text), text).toBe(avant(text));
      }),
      { numRuns: 20_000 },
    );
    for (const text of ['0000-02-29', '0004-02-29', '1900-02-29', '2000-02-29', '2100-02-29'])
      expect(isIsoDate(text), text).toBe(avant(text));
  });
  it('memoises deadlines without mixing delays or dates (60 000 dates: the memo is cleared once)', () => {
    const jours = parseDelai('15 jours');
    const mois = parseDelai('1 mois');
    if (!jours || !mois) throw new Error('delays');
    expect(parseDelai('15 jours')).toBe(jours);
    expect(() => {
      (jours as { nombre: number }).nombre = 3;
    }).toThrow(TypeError);
    for (let i = 0; i < 60_000; i++) {
      const from = addDays('1900-01-01', i);
      expect(echeance(from, jours)).toBe(addDays(from, 15));
      if (i % 997 === 0) expect(echeance(from, mois)).toBe(addMonths(from, 1));
    }
    // A delay object equal to a memoised one but not the same object: same answer.
    expect(echeance('2024-02-20', { nombre: 15, unite: 'jour' })).toBe('2024-03-06');
  });
});

describe('dateEnEntier', () => {
  const parParties = (d: string) =>
    Number(d.slice(0, 4)) * 10000 + Number(d.slice(5, 7)) * 100 + Number(d.slice(8, 10));

  it('reads AAAA-MM-JJ as AAAAMMJJ, in the dates’ order', () => {
    expect(dateEnEntier('2025-06-30')).toBe(20250630);
    expect(dateEnEntier('0999-01-02')).toBe(9990102);
    expect(dateEnEntier('2024-12-31')).toBeLessThan(dateEnEntier('2025-01-01'));
  });

  it('gives what Number gives of the parts, for any text (digits, signs, spaces, other lengths)', () => {
    const car = fc.constantFrom(
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '-',
      '+',
      ' ',
      '.',
      'e',
      'A',
      '/',
    );
    fc.assert(
      fc.property(fc.array(car, { minLength: 0, maxLength: 12 }), (cs) => {
        const d = cs.join('');
        expect(Object.is(dateEnEntier(d), parParties(d))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
