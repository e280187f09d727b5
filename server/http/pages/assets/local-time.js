// Progressive enhancement (served from /assets; the CSP allows no inline script): every
// <time datetime data-local-time> the server wrote in UTC is shown in the reader's own time zone,
// with the zone named. Without JavaScript the UTC text stays, also naming its zone.
/* global document */
(function () {
  'use strict';
  var lang = document.documentElement.lang === 'de' ? 'de-DE' : 'en-GB';
  var format = new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  var times = document.querySelectorAll('time[data-local-time]');
  for (var i = 0; i < times.length; i++) {
    var el = times[i];
    var at = new Date(el.getAttribute('datetime') || '');
    if (isNaN(at.getTime())) continue;
    el.title = el.textContent || '';
    el.textContent = format.format(at);
    el.setAttribute('data-localized', 'true');
  }
})();
