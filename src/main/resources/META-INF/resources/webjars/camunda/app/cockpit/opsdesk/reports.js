/*
 * What OpsDesk's Cockpit plugins (dashboard.js, time-overlay.js) share: reading OpsDesk's /api with the
 * Cockpit login (GET with the session's XSRF token: SECURITY.md, "Reading /api with the webapps' login"),
 * the default period, and how figures are written. /api is at the root of the server, beside /camunda.
 */

/** The JSON of GET /api/{path}; rejects with the response's status (403: not for this user). */
export async function readApi(api, path) {
  const response = await fetch('/api/' + path, {
    credentials: 'same-origin',
    headers: {Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken}
  });
  if (!response.ok) {
    const error = new Error('GET /api/' + path + ': ' + response.status);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

/** A day as the report takes it, YYYY-MM-DD, in the browser's zone. */
export function isoDay(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last {@code days} days up to and including today: {from, to}. */
export function lastDays(days) {
  const to = new Date();
  const from = new Date(to.getFullYear(), to.getMonth(), to.getDate() - (days - 1));
  return {from: isoDay(from), to: isoDay(to)};
}

/** The report's query for a period. */
export function reportPath({from, to}) {
  return `reports/service?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

export const NONE = '—';

/** A fraction 0–1 as a percentage, "92.5 %"; "—" where nothing was measured. */
export function percent(fraction) {
  return fraction == null ? NONE : `${(fraction * 100).toFixed(1)} %`;
}

/** Minutes as "3 d 4 h", "2 h 05 min" or "7 min"; "—" where nothing was measured. */
export function duration(minutes) {
  if (minutes == null) {
    return NONE;
  }
  const total = Math.round(Math.abs(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = total % 60;
  const text = days ? `${days} d ${hours} h` : hours ? `${hours} h ${String(rest).padStart(2, '0')} min` : `${rest} min`;
  return minutes < 0 ? '-' + text : text;
}

/** An element with attributes and text (always as text, never as markup). */
export function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  if (text != null) {
    node.textContent = text;
  }
  return node;
}
