/**
 * Feed dates in every form seen in the wild, normalised to ISO 8601 UTC
 * (`2023-10-17T12:00:00.000Z`) or null. Never an invalid date, never throws.
 *
 * Accepted: RFC 822/1123 (any zone form: GMT, UT, UTC, Z, US zones, military letters, +0000,
 * -05:00, +05; missing zone = UTC; 2-digit years; weekday missing, wrong or spelled out; month
 * names full or abbreviated in any case; seconds optional), RFC 3339 / W3C-DTF / ISO 8601
 * (date only, year-month, year, basic format, week and ordinal dates, fractions, space or
 * lowercase t/z, zone with or without colon), asctime, US "Oct 17, 2023 12:00 PM", numeric
 * "2023/10/17", "17.10.2023", "10/17/2023", and trailing junk after a complete date.
 * Out-of-range fields (month 13, hour 25) give null.
 */

/** Longer strings are not dates; bounds the work on hostile input. */
export const MAX_DATE_LENGTH = 200;

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6,
  june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10,
  october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const WEEKDAYS = new Set([
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs',
  'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday',
]);

/** Zone abbreviations, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, bst: 60, ist: 60, cet: 60, met: 60, wat: 60, west: 60,
  cest: 120, mest: 120, eet: 120, cat: 120, sast: 120, eest: 180, msk: 180, eat: 180,
  gst: 240, pkt: 300, wib: 420, ict: 420, hkt: 480, sgt: 480, awst: 480, pht: 480,
  jst: 540, kst: 540, acst: 570, aest: 600, acdt: 630, aedt: 660, nzst: 720, nzdt: 780,
  at: -240, ast: -240, adt: -180, nst: -210, ndt: -150,
  et: -300, est: -300, edt: -240, ct: -360, cst: -360, cdt: -300, mt: -420, mst: -420,
  mdt: -360, pt: -480, pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600,
};

// RFC 822 military zones (with RFC 822's signs, as feedparser reads them): A-M minus, N-Y plus.
for (let k = 0; k < 25; k++) {
  const letter = String.fromCharCode(97 + k);
  if (letter === 'j') continue;
  const hours = k < 9 ? k + 1 : k < 13 ? k : -(k - 12);
  ZONES[letter] = -hours * 60;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The UTC ISO string for these wall-clock fields at `offsetMinutes` east of UTC, or null. */
function build(
  year: number, month: number, day: number, hour: number, minute: number, second: number,
  millis: number, offsetMinutes: number,
): string | null {
  if (!(year >= 1 && year <= 9999) || !(month >= 1 && month <= 12)) return null;
  if (!(day >= 1 && day <= daysInMonth(year, month))) return null;
  if (!(hour >= 0 && hour <= 24 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60)) return null;
  if (hour === 24 && (minute !== 0 || second !== 0 || millis !== 0)) return null;
  if (!(Math.abs(offsetMinutes) <= 18 * 60)) return null;
  if (second === 60) second = 59; // a leap second: keep it inside the minute
  let wall: number;
  if (year >= 100) {
    wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  } else {
    // Date.UTC reads years 0-99 as 1900-1999.
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hour, minute, second, millis);
    wall = d.getTime();
  }
  const t = wall - offsetMinutes * 60_000;
  if (!(t >= FIRST_INSTANT && t <= LAST_INSTANT)) return null;
  return isoString(t);
}

const MS_PER_DAY = 86_400_000;

/**
 * `new Date(t).toISOString()` for years 1-9999, computed arithmetically: the built-in is several
 * times slower, and a large feed corpus formats hundreds of thousands of dates.
 */
function isoString(t: number): string {
  const days = Math.floor(t / MS_PER_DAY);
  let ms = t - days * MS_PER_DAY;
  const hour = Math.floor(ms / 3_600_000);
  ms -= hour * 3_600_000;
  const minute = Math.floor(ms / 60_000);
  ms -= minute * 60_000;
  const second = Math.floor(ms / 1000);
  ms -= second * 1000;
  // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // One flat string from its character codes: a concatenation of thirteen parts would be a rope.
  return String.fromCharCode(
    48 + Math.floor(year / 1000), 48 + (Math.floor(year / 100) % 10), 48 + (Math.floor(year / 10) % 10), 48 + (year % 10), 45,
    48 + Math.floor(month / 10), 48 + (month % 10), 45, 48 + Math.floor(day / 10), 48 + (day % 10), 84,
    48 + Math.floor(hour / 10), 48 + (hour % 10), 58, 48 + Math.floor(minute / 10), 48 + (minute % 10), 58,
    48 + Math.floor(second / 10), 48 + (second % 10), 46,
    48 + Math.floor(ms / 100), 48 + (Math.floor(ms / 10) % 10), 48 + (ms % 10), 90,
  );
}

/**
 * Milliseconds of a date as `isoString` writes it (`2026-11-20T08:58:38.000Z`, the form of every
 * parsed item's dates), read digit by digit: the editor reads tens of thousands per build. Anything
 * else goes to Date.parse, which gives the same value for this form.
 */
export function isoTime(iso: string): number {
  if (
    iso.length === 24 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45 && iso.charCodeAt(10) === 84 &&
    iso.charCodeAt(13) === 58 && iso.charCodeAt(16) === 58 && iso.charCodeAt(19) === 46 && iso.charCodeAt(23) === 90
  ) {
    const century = twoDigits(iso, 0);
    const yy = twoDigits(iso, 2);
    const month = twoDigits(iso, 5);
    const day = twoDigits(iso, 8);
    const hour = twoDigits(iso, 11);
    const minute = twoDigits(iso, 14);
    const second = twoDigits(iso, 17);
    const hundreds = iso.charCodeAt(20) - 48;
    const rest = twoDigits(iso, 21);
    const year = century * 100 + yy;
    // Within these ranges Date.UTC and Date.parse agree; outside them (month 13, 30 February, a
    // two-digit year) Date.UTC would roll over.
    if (century >= 1 && yy >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
        hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 &&
        hundreds >= 0 && hundreds <= 9 && rest >= 0) {
      return Date.UTC(year, month - 1, day, hour, minute, second, hundreds * 100 + rest);
    }
  }
  return Date.parse(iso);
}

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the range toISOString writes with 4 digits. */
const FIRST_INSTANT = -62135596800000;
const LAST_INSTANT = 253402300799999;

function fractionToMillis(frac: string | undefined): number {
  if (!frac) return 0;
  return Math.round(Number(`0.${frac.slice(0, 9)}`) * 1000) % 1000;
}

/** Minutes east of UTC for a numeric zone (`+0530`, `-05:00`, `+05`, `+5`), or null. */
function numericZone(zone: string): number | null {
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (Number(m[3] ?? 0) > 59) return null;
  return m[1] === '-' ? -minutes : minutes;
}

/** Minutes east of UTC for a zone written after a time; null when not a zone. */
function zoneOffset(zone: string): number | null {
  const z = zone.toLowerCase();
  if (z in ZONES) return ZONES[z]!;
  const withBase = /^(?:gmt|utc|ut|z)?([+-]\d{1,2}(?::?\d{2})?)$/.exec(z);
  if (withBase) return numericZone(withBase[1]!);
  return null;
}

// ---------------------------------------------------------------------------------------------
// The two forms nearly every feed writes, read without regular expressions:
//   RFC 822 as WordPress writes it: `Fri, 20 Nov 2026 08:58:38 +0000` (or GMT);
//   RFC 3339 as Atom requires it:   `2026-11-20T08:58:38Z`, `2026-11-20T08:58:38.123-05:00`.
// Anything else (or anything odd about these) goes through the general readers below, which
// give the same answer for these forms.

/** Value of the two ASCII digits at `i`, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Month number of the three letters at `i` (any case), or 0. Only ASCII letters fold into a month's name. */
function monthAt(s: string, i: number): number {
  const key = String.fromCharCode(s.charCodeAt(i) | 0x20, s.charCodeAt(i + 1) | 0x20, s.charCodeAt(i + 2) | 0x20);
  return Object.hasOwn(MONTHS, key) ? MONTHS[key]! : 0;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The two-digit numbers at `positions`, or null when one of them is not two digits. */
function twoDigitFields(s: string, positions: readonly number[]): number[] | null {
  const values: number[] = [];
  for (const at of positions) {
    const value = twoDigits(s, at);
    if (value < 0) return null;
    values.push(value);
  }
  return values;
}

/**
 * Minutes east of UTC of the zone `+hhmm` (or `+hh:mm` with `colon`) at `k`: undefined when it is
 * not one, null when its minutes are out of range.
 */
function zoneAt(s: string, k: number, colon: boolean): number | null | undefined {
  const sign = s.charCodeAt(k);
  const hours = twoDigits(s, k + 1);
  const minutes = twoDigits(s, colon ? k + 4 : k + 3);
  if ((sign !== 43 && sign !== 45) || hours < 0 || minutes < 0 || (colon && s.charCodeAt(k + 3) !== 58)) return undefined;
  if (minutes > 59) return null;
  return (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
}

// Where the fields sit: century, year in century, (month,) day, hour, minute, second.
const RFC822_FIELDS = [12, 14, 5, 17, 20, 23];
const RFC3339_FIELDS = [0, 2, 5, 8, 11, 14, 17];

/** Minutes east of UTC for the three-letter zone at `k` (`GMT`, `EST`, `PDT`...), as the general readers map it. */
function letterZone(s: string, k: number): number | undefined {
  if (!isLetter(s.charCodeAt(k)) || !isLetter(s.charCodeAt(k + 1)) || !isLetter(s.charCodeAt(k + 2))) return undefined;
  const zone = s.slice(k, k + 3).toLowerCase();
  return Object.hasOwn(ZONES, zone) ? ZONES[zone] : undefined;
}

/** `Ddd, DD Mon YYYY HH:MM:SS +hhmm` (31 characters) or `... GMT` and other three-letter zones (29). */
function commonRfc822(s: string): string | null | undefined {
  const n = s.length;
  if (!isLetter(s.charCodeAt(0)) || !isLetter(s.charCodeAt(1)) || !isLetter(s.charCodeAt(2))) return undefined;
  if (s.charCodeAt(3) !== 44 || s.charCodeAt(4) !== 32 || s.charCodeAt(7) !== 32 || s.charCodeAt(11) !== 32) return undefined;
  if (s.charCodeAt(16) !== 32 || s.charCodeAt(19) !== 58 || s.charCodeAt(22) !== 58 || s.charCodeAt(25) !== 32) return undefined;
  const month = monthAt(s, 8);
  const f = twoDigitFields(s, RFC822_FIELDS);
  if (month === 0 || f === null) return undefined;
  const offset = n === 31 ? zoneAt(s, 26, false) : letterZone(s, 26);
  if (offset === undefined || offset === null) return offset;
  return build(f[0]! * 100 + f[1]!, month, f[2]!, f[3]!, f[4]!, f[5]!, 0, offset);
}

/** `YYYY-MM-DDTHH:MM:SS`, an optional `.fff`, then `Z` or `±hh:mm`. */
function commonRfc3339(s: string): string | undefined {
  const n = s.length;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const f = twoDigitFields(s, RFC3339_FIELDS);
  if (f === null) return undefined;
  let k = 19;
  let millis = 0;
  if (s.charCodeAt(k) === 46) {
    // Exactly three fraction digits; other lengths take the general path (its rounding).
    const a = s.charCodeAt(k + 1) - 48;
    const b = s.charCodeAt(k + 2) - 48;
    const c = s.charCodeAt(k + 3) - 48;
    if (!(a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9)) return undefined;
    millis = a * 100 + b * 10 + c;
    k += 4;
  }
  const offset = k === n - 1 && s.charCodeAt(k) === 90 ? 0 : k === n - 6 ? zoneAt(s, k, true) : undefined;
  // Out-of-range zones and impossible dates (30 February) are left to the general readers.
  if (offset === undefined || offset === null) return undefined;
  return build(f[0]! * 100 + f[1]!, f[2]!, f[3]!, f[4]!, f[5]!, f[6]!, millis, offset) ?? undefined;
}

/** The ISO string of a date in one of the two common forms; undefined when it is not in one. */
function commonForm(s: string): string | null | undefined {
  const n = s.length;
  if (n === 31 || n === 29) return commonRfc822(s);
  if (n >= 20 && n <= 29 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 84) return commonRfc3339(s);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 / RFC 3339 / W3C-DTF

const ISO_EXTENDED =
  /^([+-]?\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?(?:(?:[Tt]|\s+[Tt]?\s*)(\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?(\s+.*)?$/;
const ISO_BASIC =
  /^(\d{4})(\d{2})(\d{2})(?:[Tt\s]?(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const ISO_WEEK = /^(\d{4})-?W(\d{2})(?:-?([1-7]))?(?:[Tt](\d{2}):?(\d{2})(?::?(\d{2}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/i;
const ISO_ORDINAL = /^(\d{4})-(\d{3})(?:[Tt](\d{2}):(\d{2})(?::(\d{2}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

function zoneOrUtc(zone: string | undefined): number | null {
  if (!zone) return 0;
  return zoneOffset(zone);
}

function parseIso(s: string): string | null {
  let m = ISO_EXTENDED.exec(s);
  if (m) {
    // A time written as a bare hour ("2023-10-17 12") is not a time.
    if (m[5] !== undefined && m[6] === undefined) return null;
    // The date part uses one separator; a time needs a full date.
    if (m[5] !== undefined && m[4] === undefined) return null;
    // Trailing words are tolerated only after a full date ("2023 Oscars" is not a date).
    if (m[10] !== undefined && m[4] === undefined) return null;
    const offset = zoneOrUtc(m[9]);
    if (offset === null) return null;
    return build(
      Number(m[1]), Number(m[3] ?? 1), Number(m[4] ?? 1), Number(m[5] ?? 0), Number(m[6] ?? 0),
      Number(m[7] ?? 0), fractionToMillis(m[8]), offset,
    );
  }
  m = ISO_BASIC.exec(s);
  if (m) {
    const offset = zoneOrUtc(m[8]);
    if (offset === null) return null;
    return build(
      Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0),
      Number(m[6] ?? 0), fractionToMillis(m[7]), offset,
    );
  }
  m = ISO_WEEK.exec(s);
  if (m) {
    const offset = zoneOrUtc(m[7]);
    if (offset === null) return null;
    const year = Number(m[1]);
    const week = Number(m[2]);
    if (week < 1 || week > 53) return null;
    // Week 1 is the week with the year's first Thursday; weeks start on Monday.
    const jan4 = new Date(0);
    jan4.setUTCFullYear(year, 0, 4);
    const jan4Weekday = (jan4.getUTCDay() + 6) % 7;
    const dayOfYear = 4 - jan4Weekday + (week - 1) * 7 + (Number(m[3] ?? 1) - 1);
    const date = new Date(0);
    date.setUTCFullYear(year, 0, dayOfYear);
    return build(
      date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), Number(m[4] ?? 0),
      Number(m[5] ?? 0), Number(m[6] ?? 0), 0, offset,
    );
  }
  m = ISO_ORDINAL.exec(s);
  if (m) {
    const offset = zoneOrUtc(m[6]);
    if (offset === null) return null;
    const year = Number(m[1]);
    const ordinal = Number(m[2]);
    const leap = daysInMonth(year, 2) === 29;
    if (ordinal < 1 || ordinal > (leap ? 366 : 365)) return null;
    const date = new Date(0);
    date.setUTCFullYear(year, 0, ordinal);
    return build(
      year, date.getUTCMonth() + 1, date.getUTCDate(), Number(m[3] ?? 0), Number(m[4] ?? 0),
      Number(m[5] ?? 0), 0, offset,
    );
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// RFC 822 and the loose, word-based forms (asctime, "Oct 17, 2023 12:00 PM", "17-Oct-2023")

const TOKEN =
  /(\d{1,2})[:h.](\d{2})(?::(\d{2})(?:[.,](\d+))?)?|([+-]\d{1,4}(?::\d{2})?)|(\d+)(?:st|nd|rd|th)?|([a-z\u00c0-\u024f]+)\.?|\S/g;

const MERIDIEM_DOTS = /\b([ap])\.\s?m\b\.?/g;

function twoDigitYear(y: number): number {
  return y < 90 ? 2000 + y : 1900 + y;
}

function parseWords(s: string): string | null {
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  let yearDigits = 4;
  let hour: number | undefined;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let meridiem: 'am' | 'pm' | undefined;
  let offset: number | undefined;
  let namedOffset: number | undefined;
  const numbers: { value: number; digits: number }[] = [];

  const lower = s.toLowerCase().replace(MERIDIEM_DOTS, '$1m');
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(lower); m; m = TOKEN.exec(lower)) {
    if (m[1] !== undefined && hour === undefined && (numbers.length > 0 || month !== undefined)) {
      hour = Number(m[1]);
      minute = Number(m[2]);
      second = Number(m[3] ?? 0);
      millis = fractionToMillis(m[4]);
    } else if (m[1] !== undefined) {
      return null; // a second time, or a time before any date part
    } else if (m[5] !== undefined) {
      const dateComplete = month !== undefined && numbers.length >= 2;
      if (hour !== undefined || dateComplete) {
        if (offset === undefined) {
          const z = numericZone(m[5]);
          if (z === null) return null;
          offset = z;
        }
      } else {
        // "17-Oct-2023": the dash is a separator, not a sign.
        const digits = m[5].slice(1);
        if (!/^\d+$/.test(digits)) return null;
        numbers.push({ value: Number(digits), digits: digits.length });
      }
    } else if (m[6] !== undefined) {
      numbers.push({ value: Number(m[6]), digits: m[6].length });
    } else if (m[7] !== undefined) {
      const word = m[7];
      const monthNumber = MONTHS[word];
      if (monthNumber !== undefined && month === undefined) {
        month = monthNumber;
      } else if (WEEKDAYS.has(word)) {
        // ignored: feeds often get the weekday wrong
      } else if (word === 'am' || word === 'pm') {
        if (hour === undefined || meridiem !== undefined) return null;
        meridiem = word;
      } else if (hour !== undefined && namedOffset === undefined && word in ZONES) {
        namedOffset = ZONES[word];
      }
      // any other word ("at", "posted", trailing junk) is ignored
    }
    // other characters (commas, slashes, dots, parentheses) are separators
  }

  if (month === undefined || numbers.length < 2) return null;
  // The numbers are the day and the year: a number above 31 or with 3+ digits is the year.
  const [first, second_] = numbers as [{ value: number; digits: number }, { value: number; digits: number }];
  if (numbers.length > 2) return null;
  if (first.digits >= 3 || first.value > 31) {
    year = first.value;
    yearDigits = first.digits;
    day = second_.value;
  } else {
    day = first.value;
    year = second_.value;
    yearDigits = second_.digits;
  }
  if (yearDigits <= 2) year = twoDigitYear(year);
  else if (yearDigits === 3) year += 1900; // some old feeds wrote "103" for 2003 (years since 1900)

  let h = hour ?? 0;
  if (meridiem !== undefined) {
    if (h < 1 || h > 12) return null;
    if (meridiem === 'am' && h === 12) h = 0;
    else if (meridiem === 'pm' && h !== 12) h += 12;
  }
  return build(year, month, day, h, minute, second, millis, offset ?? namedOffset ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Numeric day-month-year forms: "17.10.2023", "10/17/2023 12:00"

const NUMERIC_DMY =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*([Zz]|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?$/i;

function parseNumeric(s: string): string | null {
  const m = NUMERIC_DMY.exec(s);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[3]);
  // Slashes are read the American way (month first) unless that cannot be; dots and dashes the
  // European way (day first).
  let month: number;
  let day: number;
  if (m[2] === '/') {
    [month, day] = a > 12 ? [b, a] : [a, b];
  } else {
    [day, month] = b > 12 && a <= 12 ? [b, a] : [a, b];
  }
  let year = Number(m[4]);
  if (m[4]!.length === 2) year = twoDigitYear(year);
  let hour = Number(m[5] ?? 0);
  if (m[8]) {
    if (hour < 1 || hour > 12) return null;
    const pm = m[8].toLowerCase() === 'pm';
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  const offset = zoneOrUtc(m[9]);
  if (offset === null) return null;
  return build(year, month, day, hour, Number(m[6] ?? 0), Number(m[7] ?? 0), 0, offset);
}

// ---------------------------------------------------------------------------------------------
// Korean forms feedparser knows ("2004-05-25 오후 11:23:17", "2004년 05월 28일 01:31:15 PM")

function fromKorean(s: string): string {
  return s
    .replace(/(\d+)\s*년\s*(\d+)\s*월\s*(\d+)\s*일/, '$1-$2-$3')
    .replace(/오전\s*(\d{1,2}:\d{2}(?::\d{2})?)/, '$1 AM')
    .replace(/오후\s*(\d{1,2}:\d{2}(?::\d{2})?)/, '$1 PM');
}

const KOREAN_WITH_MERIDIEM =
  /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?\s*([+-]\d{2}:?\d{2})?$/i;

const HANGUL = /[\uac00-\ud7a3]/;

function parseKorean(s: string): string | null {
  const m = KOREAN_WITH_MERIDIEM.exec(fromKorean(s).trim());
  if (!m) return null;
  let hour = Number(m[4]);
  if (m[7]) {
    if (hour < 1 || hour > 12) return null;
    const pm = m[7].toUpperCase() === 'PM';
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  // Korean feeds without a zone are in Korea Standard Time.
  const offset = m[8] ? numericZone(m[8]) : 540;
  if (offset === null) return null;
  return build(Number(m[1]), Number(m[2]), Number(m[3]), hour, Number(m[5]), Number(m[6] ?? 0), 0, offset);
}

// The form nearly every RSS feed writes, read without the general machinery.
const RFC822_COMMON =
  /^(?:[A-Za-z]{3}, ?)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:([+-])(\d{2})(\d{2})|GMT|UTC?|Z)$/;

function parseCommonRfc822(s: string): string | null | undefined {
  const m = RFC822_COMMON.exec(s);
  if (!m) return undefined;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (month === undefined) return undefined;
  const offset = m[7] ? (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) : 0;
  if (Number(m[9]) > 59) return null;
  return build(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), 0, offset);
}

/**
 * The date as an ISO 8601 UTC string (`Date#toISOString` form), or null when it is missing,
 * unreadable or out of range.
 */
export function parseDate(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const fast = commonForm(input);
  if (fast !== undefined) return fast;
  const s = input.trim();
  if (!s || s.length > MAX_DATE_LENGTH) return null;
  try {
    if (HANGUL.test(s)) return parseKorean(s);
    const c = s.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 43 || c === 45) {
      return parseIso(s) ?? parseNumeric(s) ?? parseWords(s);
    }
    const common = parseCommonRfc822(s);
    return common !== undefined ? common : parseWords(s);
  } catch {
    return null;
  }
}
