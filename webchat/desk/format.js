// @ts-check
/* Dates, numbers and durations on the desk in the agent's browser locale (en-US: "12/8/2026,
 * 1:05 PM"; de-AT, en-GB ...), as long as it is a locale of the desk's language; a German desk in
 * an English browser writes German ("08.12.26, 13:05", "85 %"), never a mix of both. */

/** @typedef {'en' | 'de'} DeskLanguage */

/** The browser's first locale when it is of the desk's language, else that language's default. */
export function localeFor(/** @type {DeskLanguage} */ lang) {
  var wanted = (navigator.languages && navigator.languages[0]) || navigator.language || '';
  if (wanted.toLowerCase().split('-')[0] === lang) {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([wanted]).length ? wanted : lang === 'de' ? 'de-DE' : 'en-GB';
    } catch (e) {
      return lang === 'de' ? 'de-DE' : 'en-GB';
    }
  }
  return lang === 'de' ? 'de-DE' : 'en-GB';
}

export function formatTime(/** @type {string | undefined} */ iso, /** @type {DeskLanguage} */ lang) {
  var date = new Date(iso || '');
  return isNaN(date.getTime()) ? '' : date.toLocaleString(localeFor(lang), { dateStyle: 'short', timeStyle: 'short' });
}

/** 0.85 -> "85%" (en), "85 %" (de), with a plain space as the chat writes it. */
export function formatPercent(/** @type {number | undefined} */ value, /** @type {DeskLanguage} */ lang) {
  return new Intl.NumberFormat(localeFor(lang), { style: 'percent', maximumFractionDigits: 0 })
    .format(value || 0)
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** A duration in whole minutes: "4 min", "1 hr, 5 min" / "4 Min.", "1 Std., 5 Min.". */
export function formatMinutes(/** @type {number} */ minutes, /** @type {DeskLanguage} */ lang) {
  var locale = localeFor(lang);
  var whole = Math.max(0, Math.floor(minutes));
  var unit = function (/** @type {number} */ n, /** @type {string} */ name) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(n);
  };
  if (whole < 60) return unit(whole, 'minute');
  var hours = Math.floor(whole / 60);
  if (hours >= 48) return unit(Math.floor(hours / 24), 'day');
  return whole % 60 ? unit(hours, 'hour') + ' ' + unit(whole % 60, 'minute') : unit(hours, 'hour');
}

/** Whole minutes from an ISO time to now. */
export function minutesSince(/** @type {string | undefined} */ iso, /** @type {number} */ now) {
  var at = Date.parse(iso || '');
  return isNaN(at) ? 0 : Math.max(0, (now - at) / 60000);
}
