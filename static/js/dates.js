// Dates and times as the pages write them (couples/dates.py does the same on the server), in this device's
// own time zone, with English names whatever the browser's language:
//   day("2027-01-24T19:30:00Z")      "24 Jan 2027"
//   dayTime("2027-01-24T19:30:00Z")  "Sun 24 Jan 2027, 19:30"
//   clock("2027-01-24T19:30:00Z")    "19:30"
// Each takes an ISO 8601 moment (with Z or an offset; one without is read as UTC, as the server stores it),
// a Date, or a calendar day "2027-01-24" (shown as it is, never shifted: it is the same day everywhere). Nothing,
// or something that can't be read, gives "" rather than "Invalid Date".

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

// The parts of the wall clock here: {year, month (1-12), day, weekday (0 Sunday), hour, minute, timed}.
const parts = (value) => {
  if (value === null || value === undefined || value === "") return null;
  const calendar = typeof value === "string" && CALENDAR_DAY.exec(value);
  if (calendar) {
    const [year, month, day] = calendar.slice(1).map(Number);
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    return { year, month, day, weekday, timed: false };
  }
  const moment = value instanceof Date ? value : new Date(HAS_ZONE.test(value) ? value : `${value}Z`);
  if (Number.isNaN(moment.getTime())) return null;
  const found = {};
  const local = new Intl.DateTimeFormat("en-US", {
    year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23",
  });
  for (const { type, value: text } of local.formatToParts(moment)) found[type] = Number(text);
  const weekday = new Date(Date.UTC(found.year, found.month - 1, found.day)).getUTCDay();
  return { year: found.year, month: found.month, day: found.day, weekday, hour: found.hour % 24,
           minute: found.minute, timed: true };
};

const dayOf = (p) => `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
const clockOf = (p) => `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;

export function day(value) {
  const p = parts(value);
  return p ? dayOf(p) : "";
}

export function dayTime(value) {
  const p = parts(value);
  if (!p) return "";
  const when = `${DAYS[p.weekday]} ${dayOf(p)}`;
  return p.timed ? `${when}, ${clockOf(p)}` : when;
}

export function clock(value) {
  const p = parts(value);
  return p && p.timed ? clockOf(p) : "";
}
