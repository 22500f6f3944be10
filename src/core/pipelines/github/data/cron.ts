import { didYouMean, type DataProblem } from './suggest';

/** GitHub runs a schedule at most once every 5 minutes. */
export const MINIMUM_SCHEDULE_MINUTES = 5;

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** POSIX cron's five fields, as GitHub documents them (UTC unless `timezone` is set). */
export const CRON_FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS },
];

interface Token {
  readonly text: string;
  readonly start: number;
}

/** The values a field allows, or problems. */
function parseField(token: Token, spec: FieldSpec, problems: DataProblem[]): Set<number> | undefined {
  const values = new Set<number>();
  let offset = token.start;
  let ok = true;
  for (const item of token.text.split(',')) {
    const at = { start: offset, end: offset + item.length };
    offset += item.length + 1;
    const fail = (message: string, severity: 'error' | 'warning' = 'error'): void => {
      problems.push({ message, severity, ...at });
      if (severity === 'error') ok = false;
    };
    if (item === '') {
      fail(`Empty item in the ${spec.name} field.`);
      continue;
    }
    const [range = '', step, ...extra] = item.split('/');
    if (extra.length > 0) {
      fail(`"${item}" has more than one "/" in the ${spec.name} field.`);
      continue;
    }
    let stepValue = 1;
    if (step !== undefined) {
      if (!/^\d+$/.test(step) || Number(step) === 0) {
        fail(`The step "/${step}" in the ${spec.name} field must be a whole number of at least 1.`);
        continue;
      }
      stepValue = Number(step);
    }
    let low: number;
    let high: number;
    // `?` is an alias of `*` for the day fields in the parser GitHub-compatible tools use.
    if (range === '*' || (range === '?' && spec.name.startsWith('day'))) {
      low = spec.min;
      high = spec.max;
    } else {
      const bounds = range.split('-');
      if (bounds.length > 2) {
        fail(`"${range}" is not a range in the ${spec.name} field; write it as low-high.`);
        continue;
      }
      const parsed = bounds.map((bound) => parseValue(bound, spec, fail));
      const [first, second] = parsed;
      if (first === undefined || (bounds.length === 2 && second === undefined)) continue;
      low = first;
      // `a/n` means from a to the end of the field.
      high = second ?? (step !== undefined ? spec.max : first);
      if (low > high) {
        fail(`The range "${range}" in the ${spec.name} field runs backwards; cron ranges do not wrap around.`);
        continue;
      }
    }
    // The step as written: a huge one is Infinity as a number.
    if (stepValue > spec.max - spec.min + 1)
      fail(`The step "/${step}" is out of range for the ${spec.name} field (at most ${spec.max - spec.min + 1}), so only its first value is used.`, 'warning');
    for (let value = low; value <= high; value += stepValue) values.add(value);
  }
  return ok ? values : undefined;
}

function parseValue(text: string, spec: FieldSpec, fail: (message: string, severity?: 'error' | 'warning') => void): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (spec.name === 'day of week' && value === 7) {
      fail('7 means Sunday only in some cron dialects; GitHub documents 0-6. Use 0 for Sunday.', 'warning');
      return 0;
    }
    if (value < spec.min || value > spec.max) {
      fail(`${text} is out of range for the ${spec.name} field (${spec.min}-${spec.max}).`);
      return undefined;
    }
    return value;
  }
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return index + spec.min;
  if (text === '') {
    fail(`A range in the ${spec.name} field is missing a number.`);
    return undefined;
  }
  const hint = spec.names ? didYouMean(text.toUpperCase(), spec.names, 1) : '';
  fail(`"${text}" is not a valid ${spec.name}.${hint}`);
  return undefined;
}

/** The smallest number of minutes between two runs, looking at the minute and hour fields. */
function shortestGap(minutes: Set<number>, hours: Set<number>): number {
  const sorted = [...minutes].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < sorted.length; i++) gap = Math.min(gap, (sorted[i] ?? 0) - (sorted[i - 1] ?? 0));
  const firstMinute = sorted[0];
  const lastMinute = sorted[sorted.length - 1];
  if (firstMinute !== undefined && lastMinute !== undefined) {
    // From the last run of one hour to the first of the next, when both hours run.
    const consecutiveHours = [...hours].some((hour) => hours.has((hour + 1) % 24));
    if (consecutiveHours) gap = Math.min(gap, 60 - lastMinute + firstMinute);
  }
  return gap;
}

/** Problems with one `cron:` expression: syntax, ranges, and schedules more frequent than GitHub runs. */
export function checkCron(expression: string): DataProblem[] {
  const tokens: Token[] = [];
  for (const match of expression.matchAll(/\S+/g)) tokens.push({ text: match[0], start: match.index ?? 0 });
  const whole = { start: 0, end: expression.length };
  if (tokens.length === 0) return [{ message: 'The cron expression is empty.', severity: 'error', ...whole }];
  const firstToken = tokens[0];
  if (firstToken && firstToken.text.startsWith('@')) {
    return [{ message: `GitHub does not support "${firstToken.text}"; write five fields, e.g. "0 0 * * *" for daily.`, severity: 'error', ...whole }];
  }
  if (tokens.length !== CRON_FIELDS.length) {
    const extra = tokens.length === 6 ? ' GitHub cron has no seconds or year field.' : '';
    return [
      {
        message: `A cron expression has 5 fields (minute hour day-of-month month day-of-week); this one has ${tokens.length}.${extra}`,
        severity: 'error',
        ...whole,
      },
    ];
  }
  const problems: DataProblem[] = [];
  const fields = tokens.map((token, index) => {
    const spec = CRON_FIELDS[index];
    return spec ? parseField(token, spec, problems) : undefined;
  });
  const [minutes, hours, days, months] = fields;
  if (fields.some((field) => field === undefined) || !minutes || !hours || !days || !months) return problems;
  // With the day of week left as "*", a day of month no chosen month has (31 in February) never comes.
  const weekdaysRestricted = tokens[4]?.text !== '*' && tokens[4]?.text !== '?';
  const longestMonth = Math.max(...[...months].map((month) => DAYS_IN_MONTH[month - 1] ?? 31));
  if (!weekdaysRestricted && Math.min(...days) > longestMonth) {
    problems.push({ message: 'This schedule never runs: no chosen month has that day.', severity: 'warning', ...whole });
    return problems;
  }
  const gap = shortestGap(minutes, hours);
  if (gap < MINIMUM_SCHEDULE_MINUTES) {
    problems.push({
      message: `This schedule asks for a run every ${gap === 1 ? 'minute' : `${gap} minutes`}, but GitHub runs scheduled workflows at most once every ${MINIMUM_SCHEDULE_MINUTES} minutes.`,
      severity: 'warning',
      ...whole,
    });
  }
  return problems;
}

let knownZones: Map<string, string> | undefined;
/** IANA names Node knows, keyed by lower case for spelling hints. */
function timeZones(): Map<string, string> {
  if (!knownZones) {
    knownZones = new Map();
    for (const zone of [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']) knownZones.set(zone.toLowerCase(), zone);
  }
  return knownZones;
}

/** Problems with a schedule's `timezone:`, which takes an IANA name such as "America/New_York". */
export function checkTimezone(timezone: string): DataProblem[] {
  const whole = { start: 0, end: timezone.length };
  if (timezone.includes('${{')) return [];
  if (/^(?:[+-]\d|(?:UTC|GMT)[+-]\d)/i.test(timezone.trim())) {
    return [
      {
        message: `"${timezone}" is an offset, not a time zone name; use an IANA name such as "Europe/Berlin" so daylight saving time is followed.`,
        severity: 'error',
        ...whole,
      },
    ];
  }
  const zones = timeZones();
  const canonical = zones.get(timezone.toLowerCase());
  if (canonical === timezone) return [];
  let accepted = false;
  try {
    // Legacy aliases (US/Eastern, Asia/Calcutta) are valid IANA links that supportedValuesOf leaves out.
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    accepted = true;
  } catch {
    accepted = false;
  }
  if (accepted && canonical === undefined) return [];
  if (canonical !== undefined) {
    return [{ message: `Time zone names are case-sensitive: write "${canonical}".`, severity: 'warning', ...whole }];
  }
  return [
    {
      message: `Unknown time zone "${timezone}".${didYouMean(timezone, zones.values())} Use an IANA name such as "America/New_York".`,
      severity: 'error',
      ...whole,
    },
  ];
}
