// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Live countdowns: <time data-countdown="ISO"> shows hours left (server renders the first value).
  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-countdown]').forEach(function (el) {
      var due = Date.parse(el.getAttribute('data-countdown'));
      if (isNaN(due)) return;
      var lang = document.documentElement.lang === 'en' ? 'en' : 'nl';
      var ms = due - now;
      var h = Math.floor(Math.abs(ms) / 3600000);
      var m = Math.floor((Math.abs(ms) % 3600000) / 60000);
      var text;
      if (ms >= 0) text = lang === 'en' ? h + ' h ' + m + ' min left' : 'nog ' + h + ' uur ' + m + ' min';
      else text = lang === 'en' ? h + ' h ' + m + ' min overdue' : h + ' uur ' + m + ' min te laat';
      el.textContent = text;
    });
  }
  // Copy buttons: <button data-copy="#id">.
  document.addEventListener('click', function (e) {
    var btn = e.target.closest && e.target.closest('[data-copy]');
    if (!btn) return;
    var src = document.querySelector(btn.getAttribute('data-copy'));
    if (!src || !navigator.clipboard) return;
    navigator.clipboard.writeText(src.innerText).then(function () {
      btn.setAttribute('data-copied', '1');
      setTimeout(function () {
        btn.removeAttribute('data-copied');
      }, 1500);
    });
  });
  // Focus the error summary so screen readers announce it.
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('.error-summary[tabindex]');
    if (summary) summary.focus();
    tick();
    if (document.querySelector('[data-countdown]')) setInterval(tick, 30000);
  });
})();
