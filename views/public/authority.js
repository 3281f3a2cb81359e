// Progressive enhancement for the AP dossier page: a print button (hidden without JavaScript,
// where the browser's own print command does the same).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-print]').forEach(function (btn) {
      btn.hidden = false;
      btn.addEventListener('click', function () {
        window.print();
      });
    });
  });
})();
