// @ts-check
/* Queue search and filters: text (case number, customer, cause, channel, agent, contact),
 * language, cause and time waiting, over the list the desk already has (no extra requests). */
import { minutesSince } from './format.js';

/**
 * @typedef {{text: string, language: string, cause: string, wait: string}} QueueFilter
 * @typedef {{id: string, status: string, language: string, createdAt: string, channelId: string,
 *   summary?: {article?: string | null, headline?: string, verdict?: string,
 *   candidates?: Array<{article: string, kb?: string, title?: string}>},
 *   userName?: string, assignedTo?: {name: string}, contact?: {email: string}}} QueueItem
 */

/** The cause a case is about: its answer's article, else "none" (no answer yet). */
export function causeOf(/** @type {QueueItem} */ item) {
  var summary = item.summary || {};
  var article = summary.article || '';
  if (!article) return { id: 'none', label: '' };
  var candidate = (summary.candidates || []).find(function (entry) {
    return entry.article === article;
  });
  return { id: article, label: (candidate && candidate.kb) || summary.headline || article };
}

/** The causes of the listed cases, for the filter's choices, each once, in order of first appearance. */
export function causesIn(/** @type {QueueItem[]} */ cases) {
  /** @type {Array<{id: string, label: string}>} */
  var causes = [];
  cases.forEach(function (item) {
    var cause = causeOf(item);
    if (cause.id !== 'none' && !causes.some((known) => known.id === cause.id)) causes.push(cause);
  });
  return causes;
}

/** Minutes a queued case has been waiting (to be taken); open and closed cases have stopped waiting. */
export function waitingMinutes(/** @type {QueueItem} */ item, /** @type {number} */ now) {
  return item.status === 'queued' ? minutesSince(item.createdAt, now) : 0;
}

export function matches(
  /** @type {QueueItem} */ item,
  /** @type {QueueFilter} */ filter,
  /** @type {number} */ now,
  /** @type {number} */ slaMinutes,
  /** @type {string=} */ causeText,
) {
  if (filter.language && item.language !== filter.language) return false;
  if (filter.cause && causeOf(item).id !== filter.cause) return false;
  if (filter.wait) {
    var waited = waitingMinutes(item, now);
    var limit = filter.wait === 'sla' ? slaMinutes : Number(filter.wait);
    if (item.status !== 'queued' || waited < limit) return false;
  }
  var words = filter.text.trim().toLowerCase().replace(/^#/, '').split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  var summary = item.summary || {};
  var haystack = [
    item.id,
    item.userName,
    item.channelId,
    summary.headline,
    summary.article,
    causeText,
    item.assignedTo && item.assignedTo.name,
    item.contact && item.contact.email,
  ]
    .concat(
      (summary.candidates || []).map(function (candidate) {
        return (candidate.kb || '') + ' ' + (candidate.title || '');
      }),
    )
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return words.every(function (word) {
    return haystack.indexOf(word) >= 0;
  });
}
