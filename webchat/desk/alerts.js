// @ts-check
/* What tells the agent something new happened while they look elsewhere: the unread count in the
 * tab's title, and (off by default, each a toggle remembered in this browser) a short sound and a
 * browser notification for a new case and a new customer message. The sound is synthesised with
 * Web Audio (no media file, nothing to load). */

var SOUND_KEY = 'desk.alert.sound';
var NOTIFY_KEY = 'desk.alert.notify';

export function alertSettings() {
  return { sound: localStorage.getItem(SOUND_KEY) === 'on', notify: localStorage.getItem(NOTIFY_KEY) === 'on' };
}

export function setSound(/** @type {boolean} */ on) {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  if (on) beep();
}

/** Turns browser notifications on (asking the browser's permission) or off; resolves to whether they are on. */
export function setNotify(/** @type {boolean} */ on) {
  if (!on || typeof Notification === 'undefined') {
    localStorage.setItem(NOTIFY_KEY, 'off');
    return Promise.resolve(false);
  }
  var asked = Notification.permission === 'granted' ? Promise.resolve('granted') : Notification.requestPermission();
  return asked.then(function (permission) {
    var granted = permission === 'granted';
    localStorage.setItem(NOTIFY_KEY, granted ? 'on' : 'off');
    return granted;
  });
}

/** @type {AudioContext | null} */
var audio = null;

function beep() {
  try {
    audio = audio || new AudioContext();
    var oscillator = audio.createOscillator();
    var gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.value = 0.08;
    oscillator.connect(gain);
    gain.connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.18);
  } catch (e) {
    // no audio device: the title and the list still show it
  }
}

/** Something new: a sound and a notification, each only when the agent turned it on. */
export function announce(/** @type {string} */ title, /** @type {string} */ body, /** @type {string} */ tag) {
  var settings = alertSettings();
  if (settings.sound) beep();
  if (settings.notify && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    try {
      var notification = new Notification(title, { body: body, tag: tag });
      notification.onclick = function () {
        window.focus();
        location.hash = tag;
      };
    } catch (e) {
      // a browser that allows notifications only from a service worker: the sound and the title remain
    }
  }
}

/** "(3) Agent desk · Mailflow TLS": the count of cases with something the agent has not seen. */
export function showUnread(/** @type {number} */ count, /** @type {string} */ title) {
  document.title = (count > 0 ? '(' + count + ') ' : '') + title + ' · Mailflow TLS';
}
