/**
 * Crumb & Co. front page behaviour.
 *
 * - CrumbHours: opening hours as data, and whether the shop is open at a given moment
 *   (the inline script on index.html uses it).
 * - A "fresh from the oven" notice that counts down to the next batch.
 *
 * Plain ES5 on purpose: the shop's tablet at the counter runs an old browser.
 */
(function (global) {
  'use strict';

  // Day of week (0 = Sunday) -> [open, close] in minutes after midnight, or null when closed.
  var HOURS = {
    0: null,
    1: null,
    2: [7 * 60, 18 * 60],
    3: [7 * 60, 18 * 60],
    4: [7 * 60, 18 * 60],
    5: [7 * 60, 18 * 60],
    6: [7 * 60, 14 * 60]
  };

  // Batches leave the oven at these times (minutes after midnight) on opening days.
  var BATCHES = [6 * 60 + 30, 9 * 60, 11 * 60 + 30, 14 * 60 + 15];

  function minutesOf(date) {
    return date.getHours() * 60 + date.getMinutes();
  }

  function isOpen(date) {
    var span = HOURS[date.getDay()];
    if (!span) {
      return false;
    }
    var now = minutesOf(date);
    return now >= span[0] && now < span[1];
  }

  // Minutes until the next batch today, or -1 when there is none left (or we are closed).
  function minutesToNextBatch(date) {
    if (!HOURS[date.getDay()]) {
      return -1;
    }
    var now = minutesOf(date);
    for (var i = 0; i < BATCHES.length; i++) {
      if (BATCHES[i] > now) {
        return BATCHES[i] - now;
      }
    }
    return -1;
  }

  function formatWait(minutes) {
    if (minutes < 1) {
      return 'any minute now';
    }
    if (minutes < 60) {
      return 'in ' + minutes + (minutes === 1 ? ' minute' : ' minutes');
    }
    var h = Math.floor(minutes / 60);
    var m = minutes % 60;
    return 'in ' + h + ' h ' + (m < 10 ? '0' : '') + m + ' min';
  }

  function showNextBatch() {
    var hero = document.querySelector('.hero');
    if (!hero) {
      return;
    }
    var wait = minutesToNextBatch(new Date());
    if (wait < 0) {
      return;
    }
    var note = document.createElement('p');
    note.className = 'next-batch';
    note.setAttribute('role', 'status');
    note.textContent = 'Next batch out of the oven ' + formatWait(wait) + '.';
    hero.appendChild(note);
    // Refresh once a minute; the page is often left open on the shop's own tablet.
    global.setInterval(function () {
      var left = minutesToNextBatch(new Date());
      if (left < 0) {
        note.parentNode && note.parentNode.removeChild(note);
        return;
      }
      note.textContent = 'Next batch out of the oven ' + formatWait(left) + '.';
    }, 60 * 1000);
  }

  global.CrumbHours = {
    isOpen: isOpen,
    minutesToNextBatch: minutesToNextBatch,
    formatWait: formatWait
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', showNextBatch);
  } else {
    showNextBatch();
  }
})(this);
